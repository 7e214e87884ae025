"""The REST API and the web UI behind `flashpoint serve`. `create_app` builds the ASGI app."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
