"""Who may call what: an API token for writes, and for everything when served beyond loopback.

Read endpoints are open when the server listens on a loopback address, because only the local
user can reach them; bound to any other address, every request needs the token. Writes always
need it, so a page in the browser cannot post articles to a local server behind the user's back.
"""

from __future__ import annotations

import ipaddress
import json
import secrets
from dataclasses import dataclass

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_COOKIE = "fp_token"


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Access:
    token: str | None
    # True when reads need the token too (the server listens beyond loopback).
    protect_reads: bool


def presented_token(request: Request, ambient: bool) -> str | None:
    """The token from `Authorization: Bearer` or `X-API-Token`; with `ambient`, also from a
    `?token=` query or the UI's cookie.

    Writes never take ambient tokens: a browser attaches cookies and follows links on its own,
    so only a header proves the caller meant to send the token.
    """
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    if request.headers.get("x-api-token"):
        return request.headers["x-api-token"]
    if ambient:
        return request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE)
    return None


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
    if not secrets.compare_digest(given.encode("utf-8"), access.token.encode("utf-8")):
        raise HTTPException(status_code=403, detail="the API token is wrong")


def require_read(request: Request) -> None:
    access: Access = request.app.state.access
    if access.protect_reads:
        _check(request, access, "this server", ambient=True)


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
        detail = f"request body is larger than the limit of {self.limit} bytes"
        body = json.dumps({"detail": detail}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
