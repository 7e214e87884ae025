"""PLOVER conflict-cooperation scores (-10..+10) per event type and mode, from a data file."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from ..exceptions import KnowledgeBaseError

_FILE = Path(__file__).resolve().parent.parent / "data" / "api" / "plover_scores.tsv"


@cache
def score_table() -> dict[tuple[str, str], float]:
    """(EVENT_TYPE, mode or "") -> score, as the manual's table gives it."""
    table: dict[tuple[str, str], float] = {}
    lines = [line for line in _FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = csv.DictReader((line for line in lines if not line.startswith("#")), delimiter="\t")
    for number, row in enumerate(rows, start=2):
        try:
            key = (row["event_type"].strip().upper(), (row["mode"] or "").strip().lower())
            table[key] = float(row["score"])
        except (KeyError, TypeError, ValueError) as exc:
            raise KnowledgeBaseError(str(_FILE), f"row {number}: {exc}") from exc
    return table


def score(event_type: str, mode: str | None = None) -> float | None:
    """The score of a type/mode pair, falling back to the type's own score for unlisted modes."""
    table = score_table()
    event_type = event_type.upper()
    if mode:
        found = table.get((event_type, mode.strip().lower()))
        if found is not None:
            return found
    return table.get((event_type, ""))
