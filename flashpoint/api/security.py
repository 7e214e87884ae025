"""Who may call what: an API token for writes, and for everything when served beyond loopback.

Read endpoints are open when the server listens on a loopback address, because only the local
user can reach them; bound to any other address, every request needs the token. Writes always
need it, so a page in the browser cannot post articles to a local server behind the user's back.
On loopback the Host header must name loopback too: a web page whose own name an attacker
points at 127.0.0.1 (DNS rebinding) would otherwise read everything as the local user.

The token travels in a header, or for the web UI in a cookie set by the sign-in form
(`signin.py`); never in a URL, where access logs, browser history and Referer headers keep it.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import re
import secrets
from dataclasses import dataclass

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_COOKIE = "fp_token"


def is_loopback(host: str) -> bool:
    """Whether listening on `host` reaches this machine only. An empty host, like 0.0.0.0 and
    ::, means every interface to the server, so it is not loopback."""
    host = host.strip().lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The name in a Host header, without its port: "[::1]:8000" -> "::1"."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header[1:]
    if header.count(":") == 1:
        return header.split(":", 1)[0]
    return header


class SiteGuard:
    """On a loopback server, answer 421 to any request whose Host header names something other
    than loopback (localhost, 127.0.0.1, ::1, with or without a port); and on every response,
    headers that keep the pages out of other sites' frames and content types unguessed."""

    HEADERS = [
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"no-referrer"),
        # Scripts and styles are left to the page; framing, plugins and a foreign <base> are not.
        (
            b"content-security-policy",
            b"frame-ancestors 'none'; object-src 'none'; base-uri 'self'",
        ),
    ]

    def __init__(self, app: ASGIApp, check_host: bool) -> None:
        self.app = app
        self.check_host = check_host

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if self.check_host:
            given = dict(scope.get("headers") or []).get(b"host")
            if given is not None and not is_loopback(host_name(given.decode("latin-1"))):
                await _answer(send, 421, "this server answers to localhost, 127.0.0.1 or [::1]")
                return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                known = {name.lower() for name, _ in message.get("headers", [])}
                extra = [item for item in self.HEADERS if item[0] not in known]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


async def _answer(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


@dataclass(frozen=True)
class Access:
    token: str | None
    # True when reads need the token too (the server listens beyond loopback).
    protect_reads: bool
    # True when the UI's cookie must always be marked Secure (TLS ends in front of the server
    # in a way the request does not show).
    secure_cookie: bool = False


def presented_token(request: Request, ambient: bool) -> str | None:
    """The token from `Authorization: Bearer` or `X-API-Token`; with `ambient`, also from the
    cookie the UI's sign-in sets. A `?token=` query is never read: URLs end up in logs.

    Writes never take ambient tokens: a browser attaches cookies on its own, so only a header
    proves the caller meant to send the token.
    """
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    if request.headers.get("x-api-token"):
        return request.headers["x-api-token"]
    if ambient:
        return request.cookies.get(TOKEN_COOKIE)
    return None


def token_matches(given: str, access: Access) -> bool:
    return access.token is not None and secrets.compare_digest(
        given.encode("utf-8"), access.token.encode("utf-8")
    )


def over_tls(request: Request, access: Access) -> bool:
    """Whether the browser reached us over https: directly, through a proxy on this machine that
    says so in `X-Forwarded-Proto` (a header from anywhere else proves nothing), or by setting."""
    if access.secure_cookie or request.url.scheme == "https":
        return True
    client = request.client.host if request.client else ""
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return forwarded == "https" and is_loopback(client)


def _check(request: Request, access: Access, purpose: str, ambient: bool) -> None:
    if access.token is None:
        raise HTTPException(
            status_code=403,
            detail=f"{purpose} is disabled: set the api_token setting (FLASHPOINT_API_TOKEN "
            "or flashpoint.toml) and send it as `Authorization: Bearer <token>`",
        )
    given = presented_token(request, ambient)
    if given is None:
        raise HTTPException(
            status_code=401,
            detail=f"{purpose} needs the API token: send `Authorization: Bearer <token>`",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not token_matches(given, access):
        raise HTTPException(status_code=403, detail="the API token is wrong")


def require_read(request: Request) -> None:
    access: Access = request.app.state.access
    if not access.protect_reads:
        return
    if presented_token(request, ambient=True) is None and _wants_page(request):
        # A browser opening the UI without the cookie is sent to the sign-in form.
        root = request.scope.get("root_path", "").rstrip("/")
        raise HTTPException(status_code=303, headers={"Location": f"{root}/signin"})
    _check(request, access, "this server", ambient=True)


def _wants_page(request: Request) -> bool:
    root = request.scope.get("root_path", "").rstrip("/")
    return (
        request.method == "GET"
        and not request.url.path.startswith(f"{root}/api/")
        and ("text/html" in request.headers.get("accept", ""))
    )


def require_write(request: Request) -> None:
    _check(request, request.app.state.access, "ingestion", ambient=False)


class BodyLimit:
    """Refuse request bodies over `limit` bytes with 413, before any of it reaches a handler.

    The declared Content-Length is checked first; then the body is read in full (it is small by
    definition) and handed on only when within the limit, so a chunked upload cannot slip past.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send)
            return
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            seen += len(chunks[-1])
            if seen > self.limit:
                await self._refuse(send)
                return
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send) -> None:
        await _answer(send, 413, f"request body is larger than the limit of {self.limit} bytes")


class RedactToken(logging.Filter):
    """Hides a `?token=` value in uvicorn's access log lines: the server never reads one, but
    a caller may still send it, and a log is read by more people than the token is meant for."""

    _TOKEN = re.compile(r"([?&]token=)[^&#\s]*")

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and len(record.args) >= 3:
            args = list(record.args)
            if isinstance(args[2], str):
                args[2] = self._TOKEN.sub(r"\1[redacted]", args[2])
                record.args = tuple(args)
        return True
