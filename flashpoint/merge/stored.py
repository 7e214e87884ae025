"""Merging what a store holds: the step `flashpoint run` takes after extraction.

Works with any object offering the `flashpoint.store.Store` methods used here (`documents()`,
`events()`, `update_canonical(events)`), so the merge does not depend on the database layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..model import Document, Event
from .cluster import merge


class EventStore(Protocol):
    def documents(self) -> list[Document]: ...

    def events(self) -> list[Event]: ...

    def update_canonical(self, events: list[Event]) -> int: ...


@dataclass
class MergeSummary:
    mentions: int
    canonical_events: int
    # Articles that are copies of another stored article (they add sources, not events).
    duplicate_documents: int
    # Stored events whose canonical_id or sources changed.
    updated: int


def merge_store(store: EventStore) -> MergeSummary:
    """Re-merge every stored event and store each one's `canonical_id` and `sources`.

    The whole store is merged each time: canonical ids are stable (the earliest report's), so an
    event keeps its id as later articles join it, and only changed rows are written.
    """
    documents = {document.id: document for document in store.documents()}
    events = store.events()
    before = {event.id: (event.canonical_id, list(event.sources)) for event in events}
    result = merge(events, documents)
    changed = [
        event
        for event in result.events
        if before.get(event.id) != (event.canonical_id, list(event.sources))
    ]
    updated = store.update_canonical(changed) if changed else 0
    return MergeSummary(
        mentions=len(result.events),
        canonical_events=len({event.canonical_id for event in result.events}),
        duplicate_documents=sum(1 for doc_id, rep in result.duplicates.items() if doc_id != rep),
        updated=updated,
    )
