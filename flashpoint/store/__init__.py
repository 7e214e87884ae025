"""The event database: `Store(url)` opens (and migrates) it; see `store.Store` for the methods."""

from __future__ import annotations

from .query import EventFilter
from .store import Store, migrate

__all__ = ["EventFilter", "Store", "migrate"]
