"""Core commands: run, events, export, show. (skeleton: filled in by the ingest/store work)"""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    pass
