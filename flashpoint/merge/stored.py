"""Merging what a store holds: the step `flashpoint run` takes after extraction.

Works with any object offering the `flashpoint.store.Store` methods used here (`documents()`,
`events()`, `update_canonical(events)`), so the merge does not depend on the database layer.

The merge is incremental: events never merged (no `canonical_id` yet) are the new ones, and
only the events that share a block with them (type group, time bucket and a compatible
country; see blocking.py) or their article are re-clustered, together with every member of the
events those already belong to. Everything else keeps its canonical id untouched, and a run
with nothing new changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from ..model import Document, Event
from .blocking import block_keys, country_of
from .cluster import merge
from .rules import Mention
from .settings import MergeSettings, load_settings


class EventStore(Protocol):
    def documents(self) -> list[Document]: ...

    def events(self, since: date | None = None, until: date | None = None) -> list[Event]: ...

    def update_canonical(self, events: list[Event]) -> int: ...


@dataclass
class MergeSummary:
    # The events read (all stored ones, or those near the new ones) and their real-world events.
    mentions: int
    canonical_events: int
    # Articles that are copies of another stored article (they add sources, not events), among
    # the articles whose events were re-merged.
    duplicate_documents: int
    # Stored events whose canonical_id or sources changed.
    updated: int
    # Events re-clustered this time (the new ones and those sharing a block with them), and
    # the real-world events they make.
    remerged: int = 0
    canonical_events_remerged: int = 0


def touched(
    events: list[Event],
    documents: dict[str, Document],
    settings: MergeSettings | None = None,
) -> list[Event]:
    """The new events (no canonical id) and every event a new one could merge with: same
    article, or a shared block with a compatible country; then whole the events they belong to.
    """
    settings = settings or load_settings()

    def mention(event: Event) -> Mention:
        document = documents.get(event.doc_id)
        published = document.published if document else None
        return Mention.of(event, published, settings=settings, text=document and document.text)

    fresh = [event for event in events if event.canonical_id is None]
    fresh_articles = {event.doc_id for event in fresh}
    # Block -> (country, first day, last day) of each new mention in it.
    blocks: dict[tuple, list[tuple[str | None, float, float]]] = defaultdict(list)
    for event in fresh:
        found = mention(event)
        for key in block_keys(found, settings):
            blocks[key].append((country_of(found), found.first, found.last))

    def meets_a_new_event(event: Event) -> bool:
        if event.canonical_id is None or event.doc_id in fresh_articles:
            return True
        found = mention(event)
        country = country_of(found)
        # As candidate_pairs pairs them: a shared block, countries that meet, windows that overlap.
        return any(
            (country is None or other is None or country == other)
            and first <= found.last
            and found.first <= last
            for key in block_keys(found, settings)
            for other, first, last in blocks.get(key, ())
        )

    chosen = {event.id for event in events if meets_a_new_event(event)}
    # An event is re-clustered whole: a member left out would keep a stale id and sources.
    clusters = {event.canonical_id for event in events if event.id in chosen} - {None}
    return [event for event in events if event.id in chosen or event.canonical_id in clusters]


def merge_store(
    store: EventStore, full: bool = False, new_events: Iterable[Event] | None = None
) -> MergeSummary:
    """Merge the stored events that are new, with those they may report the same event as, and
    store each one's `canonical_id` and `sources`; `full` re-merges everything.

    `new_events` (the events a run just stored) saves reading the whole store: only the stored
    events whose dates fall near theirs are read. Canonical ids are stable (the earliest
    report's), so an event keeps its id as later articles join it, and only changed rows are
    written.
    """
    documents = {document.id: document for document in store.documents()}
    windows = None if full or new_events is None else _windows(list(new_events), documents)
    events = _read(store, windows)
    if full:
        subset = events
    elif all(event.canonical_id is not None for event in events):
        subset = []
    else:
        subset = touched(events, documents)
    before = {event.id: (event.canonical_id, list(event.sources)) for event in subset}
    articles = {event.doc_id for event in subset}
    result = merge(
        subset, {doc_id: documents[doc_id] for doc_id in articles if doc_id in documents}
    )
    changed = [
        event
        for event in result.events
        if before.get(event.id) != (event.canonical_id, list(event.sources))
    ]
    updated = store.update_canonical(changed) if changed else 0
    return MergeSummary(
        mentions=len(events),
        canonical_events=len({event.canonical_id or event.id for event in events}),
        duplicate_documents=sum(1 for doc_id, rep in result.duplicates.items() if doc_id != rep),
        updated=updated,
        remerged=len(subset),
        canonical_events_remerged=len({event.canonical_id for event in subset}),
    )


def _windows(
    new_events: list[Event], documents: dict[str, Document], settings: MergeSettings | None = None
) -> list[tuple[date, date]] | None:
    """The spans of days a stored event must touch to meet a new one, disjoint and in order, or
    None when a new event has no time at all (then every stored event may meet it)."""
    settings = settings or load_settings()
    if not new_events:
        return None
    # A stored event's own window reaches this far beyond its date: its precision's tolerance,
    # or back from its article's date when it has none.
    reach = max(settings.date_tolerance_days.values(), default=0.0)
    spans = []
    for event in new_events:
        document = documents.get(event.doc_id)
        published = document.published if document else None
        found = Mention.of(event, published, settings=settings, text=document and document.text)
        if found.first <= -(10**8) or found.last >= 10**8:
            return None
        spans.append((max(1, int(found.first - reach - 1)), int(found.last + reach + 1)))
    merged: list[list[int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return [(date.fromordinal(first), date.fromordinal(last)) for first, last in merged]


def _read(store: EventStore, windows: list[tuple[date, date]] | None) -> list[Event]:
    if windows is None:
        return store.events()
    # Undated events are read by their article's date, which the store's filter applies.
    found = {
        event.id: event
        for since, until in windows
        for event in store.events(since=since, until=until)
    }
    return list(found.values())
