"""Infer a document's date from its text. (placeholder: replaced by the ingest work)"""

from __future__ import annotations

from datetime import date


def infer_date(text: str) -> tuple[date, str] | None:
    """(date, method) or None. Methods: "dateline", "statement", "latest-mention"."""
    return None
