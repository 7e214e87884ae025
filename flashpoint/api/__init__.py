"""The REST API and the web UI behind `flashpoint serve`. `create_app` builds the ASGI app."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # The app pulls in FastAPI, Starlette and pydantic; only `serve` (and the tests) need them,
    # and `flashpoint.api.commands` must stay cheap to import for every other command.
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
