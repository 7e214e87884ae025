"""The ASGI app: REST API under /api, the web UI at /, OpenAPI at /openapi.json."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from .. import config
from ..exceptions import FlashpointError, StoreError
from ..store import Store
from .security import Access, BodyLimit, SiteGuard, is_loopback

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
DEFAULT_MAX_BODY = 2_000_000


def create_app(
    db: str | None = None,
    host: str = "127.0.0.1",
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    secure_cookie: bool | None = None,
) -> FastAPI:
    """The app over the database at `db`; `host` is where it will listen (decides read access).

    `token` defaults to the api_token setting. Listening beyond loopback without a token is
    refused, since the whole database would then be open to the network. `secure_cookie`
    (default: the secure_cookie setting) marks the UI's cookie Secure on every sign-in, for TLS
    that ends in front of the server without saying so in the request.
    """
    token = token if token is not None else config.get("api_token")
    if secure_cookie is None:
        secure_cookie = (config.get("secure_cookie") or "").lower() in ("1", "true", "yes", "on")
    protect_reads = not is_loopback(host)
    if protect_reads and not token:
        raise FlashpointError(
            f"serving on {host} needs an API token: set FLASHPOINT_API_TOKEN or api_token in "
            "flashpoint.toml, or serve on 127.0.0.1"
        )
    store = Store(db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="flashpoint",
        summary="PLOVER events read from news articles, linked to their sources.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.access = Access(
        token=token or None, protect_reads=protect_reads, secure_cookie=secure_cookie
    )

    from ..web.pages import router as pages_router
    from .routes_io import router as io_router
    from .routes_read import router as read_router
    from .signin import router as signin_router

    app.include_router(read_router)
    app.include_router(io_router)
    app.include_router(pages_router)
    app.include_router(signin_router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # One readable line per problem, e.g. "query.limit: Input should be less than 500".
        problems = [
            ".".join(str(part) for part in error["loc"]) + ": " + error["msg"]
            for error in exc.errors()
        ]
        return JSONResponse(status_code=422, content={"detail": "; ".join(problems)})

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": str(exc)})

    app.add_middleware(BodyLimit, limit=max_body)
    # Outermost: a request for a name that is not ours is refused before anything else.
    app.add_middleware(SiteGuard, check_host=not protect_reads)
    return app
