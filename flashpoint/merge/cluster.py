"""Group event mentions into canonical real-world events.

Every mention is kept (the export contract has one record per mention); mentions of one event
share a `canonical_id` and list every reporting article in `sources`. Clustering is greedy
agglomerative: candidate pairs from blocking are linked strongest first, and two clusters join
only when every cross pair passes the hard rules, so a vague mention ("the attack") cannot chain
two different events together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..model import Document, Event
from .blocking import candidate_pairs
from .neardup import distinct_sources, near_duplicates
from .rules import Mention, add_terms, compatible, score
from .settings import MergeSettings, load_settings


@dataclass
class MergeResult:
    events: list[Event]
    # doc_id -> representative doc_id (syndicated copies map to their original).
    duplicates: dict[str, str] = field(default_factory=dict)

    def clusters(self) -> dict[str, list[Event]]:
        grouped: dict[str, list[Event]] = {}
        for event in self.events:
            grouped.setdefault(event.canonical_id or event.id, []).append(event)
        return grouped

    def distinct_sources(self, canonical_id: str) -> int:
        members = self.clusters().get(canonical_id, [])
        return distinct_sources({event.doc_id for event in members}, self.duplicates)


def _link(mentions: list[Mention], pairs: Iterable[tuple[int, int]], settings: MergeSettings):
    """Union-find, strongest pairs first, refusing any join that breaks a hard rule."""
    scored = []
    for first, second in pairs:
        value = score(mentions[first], mentions[second], settings)
        if value is not None and value >= settings.threshold:
            scored.append((-value, first, second))
    scored.sort()

    parent = list(range(len(mentions)))
    members: dict[int, list[int]] = {index: [index] for index in range(len(mentions))}

    def find(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for _, first, second in scored:
        root_first, root_second = find(first), find(second)
        if root_first == root_second:
            continue
        if not all(
            compatible(mentions[x], mentions[y], settings)
            for x in members[root_first]
            for y in members[root_second]
        ):
            continue
        if len(members[root_first]) < len(members[root_second]):
            root_first, root_second = root_second, root_first
        parent[root_second] = root_first
        members[root_first].extend(members.pop(root_second))
    return list(members.values())


def _order_key(event: Event, published: dict[str, date | None]) -> tuple:
    """Earliest report first: the canonical id is the hash of this first member's id, so later
    articles joining an event do not change its id."""
    return (published.get(event.doc_id) or date.max, event.doc_id, event.evidence.start, event.id)


def canonical_id(members: Iterable[Event], published: dict[str, date | None] | None = None) -> str:
    published = published or {}
    first = min(members, key=lambda event: _order_key(event, published))
    return "ce_" + hashlib.sha1(first.id.encode("utf-8")).hexdigest()[:16]


def merge(
    events: Iterable[Event],
    documents: dict[str, Document] | Iterable[Document] | None = None,
    settings: MergeSettings | None = None,
    within_article_only: bool = False,
) -> MergeResult:
    """Set `canonical_id` and `sources` on every event (in place); say which articles are copies."""
    settings = settings or load_settings()
    if documents is not None and not isinstance(documents, dict):
        documents = {document.id: document for document in documents}
    documents = documents or {}
    published = {doc_id: document.published for doc_id, document in documents.items()}
    duplicates = near_duplicates(documents, settings=settings) if documents else {}

    # A fixed order makes ties, and so the clusters, independent of the input order.
    events = sorted(events, key=lambda event: _order_key(event, published))
    mentions = [
        Mention.of(
            event,
            published.get(event.doc_id),
            duplicates.get(event.doc_id, event.doc_id),
            settings,
            documents[event.doc_id].text if event.doc_id in documents else None,
        )
        for event in events
    ]
    add_terms(mentions, settings)
    pairs = candidate_pairs(mentions, settings, within_article_only)
    for group in _link(mentions, pairs, settings):
        members = [events[index] for index in group]
        cluster_id = canonical_id(members, published)
        sources = sorted({event.doc_id for event in members})
        for event in members:
            event.canonical_id = cluster_id
            event.sources = list(sources)
    return MergeResult(events=events, duplicates=duplicates)


def assign_canonical(
    events: Iterable[Event], documents: dict[str, Document] | Iterable[Document] | None = None
) -> list[Event]:
    """Events across articles, each with `canonical_id` and `sources` set."""
    return merge(events, documents).events


def merge_within(
    events: Iterable[Event], documents: dict[str, Document] | Iterable[Document] | None = None
) -> list[Event]:
    """Only repeated mentions inside one article share a canonical id (headline, lead, recap)."""
    return merge(events, documents, within_article_only=True).events
