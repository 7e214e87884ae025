"""Sign-in for the web UI on a server beyond loopback: the token typed once into a form, kept
in a cookie that the UI's own API calls then carry.

The form posts the token in the request body, so it never stands in a URL (access logs,
browser history, Referer headers). The cookie is HttpOnly and SameSite=Strict, and Secure
whenever the browser reached the server over https (`security.over_tls`).
"""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .security import TOKEN_COOKIE, Access, over_tls, token_matches

router = APIRouter(include_in_schema=False)

_FORM = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>flashpoint: sign in</title></head>
<body><main>
<h1>flashpoint</h1>
<p>{message}</p>
<form method="post" action="{root}/signin">
<label>API token <input type="password" name="token" autocomplete="current-password"
required autofocus></label>
<button type="submit">Sign in</button>
</form>
</main></body></html>
"""


def _form(request: Request, message: str, status: int = 200) -> HTMLResponse:
    root = request.scope.get("root_path", "").rstrip("/")
    return HTMLResponse(
        _FORM.format(message=escape(message), root=escape(root)), status_code=status
    )


@router.get("/signin", response_class=HTMLResponse)
def signin_form(request: Request) -> Response:
    access: Access = request.app.state.access
    if not access.protect_reads:
        return _form(request, "This server is open on loopback: no sign-in is needed.")
    return _form(request, "This server needs its API token to show its events.")


@router.post("/signin")
async def signin(request: Request) -> Response:
    access: Access = request.app.state.access
    # A urlencoded body read by hand: the one field needs no form-parsing dependency.
    fields = parse_qs((await request.body()).decode("utf-8", "replace"))
    given = (fields.get("token") or [""])[0]
    if not given or not token_matches(given, access):
        return _form(request, "That token is not this server's API token.", status=403)
    root = request.scope.get("root_path", "").rstrip("/")
    response = RedirectResponse(f"{root}/", status_code=303)
    response.set_cookie(
        TOKEN_COOKIE,
        given,
        httponly=True,
        samesite="strict",
        secure=over_tls(request, access),
        path=f"{root}/",
    )
    return response
