"""Writing events out: JSON lines (the contract), flat CSV, and GeoJSON of located events."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from ..model import Event
from .flat import COLUMNS, flatten, write_csv
from .geojson import write_geojson
from .jsonl import write_jsonl

WRITERS: dict[str, Callable[[Iterable[Event], TextIO], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "geojson": write_geojson,
}

__all__ = ["COLUMNS", "WRITERS", "flatten", "write", "write_csv", "write_geojson", "write_jsonl"]


def write(events: Iterable[Event], format: str, stream: TextIO) -> int:
    """Write events in one of WRITERS' formats; returns how many were written."""
    return WRITERS[format](events, stream)
