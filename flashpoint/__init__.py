"""flashpoint: news articles about armed conflict in, source-linked PLOVER events out."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from datetime import date

    from .model import Event


def extract(text: str, published: date | str | None = None) -> list[Event]:
    """Extract PLOVER events from one text, without a database.

    >>> events = flashpoint.extract("Rebels shelled Goma on 3 May 2024.")
    """
    from .pipeline import extract as _extract

    return _extract(text, published=published)


__all__ = ["__version__", "extract"]
