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
from dataclasses import dataclass, field, replace
from datetime import date

from ..model import Document, Event
from .blocking import candidate_pairs
from .neardup import distinct_sources, near_duplicates
from .represent import completeness
from .rules import Mention, add_terms, conflicting, score
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


def _link(
    mentions: list[Mention],
    units: list[list[int]],
    profiles: list[Mention],
    pairs: Iterable[tuple[int, int]],
    settings: MergeSettings,
    average_link: float,
    memo: dict[tuple[int, int], float | None],
) -> list[list[int]]:
    """Join units (groups of mention indices) strongest pair of profiles first, refusing any join
    that would put two mentions that break a hard rule into one event."""
    scored = []
    for first, second in pairs:
        value = score(profiles[first], profiles[second], settings)
        if profiles is mentions:
            memo[(first, second) if first < second else (second, first)] = value
        if value is not None and value >= settings.threshold:
            scored.append((-value, first, second))
    scored.sort()

    parent = list(range(len(units)))
    members: dict[int, list[int]] = {index: list(unit) for index, unit in enumerate(units)}

    def find(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for _, first, second in scored:
        root_first, root_second = find(first), find(second)
        if root_first == root_second:
            continue
        joinable = _joinable(
            mentions, members[root_first], members[root_second], settings, average_link, memo
        )
        if not joinable:
            continue
        if len(members[root_first]) < len(members[root_second]):
            root_first, root_second = root_second, root_first
        parent[root_second] = root_first
        members[root_first].extend(members.pop(root_second))
    return list(members.values())


def _joinable(
    mentions: list[Mention],
    first: list[int],
    second: list[int],
    settings: MergeSettings,
    average_link: float,
    memo: dict[tuple[int, int], float | None],
) -> bool:
    """No cross pair breaks a hard rule, no conflicting cross pair (other places, actors or modes)
    joins without reaching the threshold on its own, and the cross pairs agree on average
    (average linkage): one strong pair must not chain two different events together."""
    total = 0.0
    for x in first:
        for y in second:
            # Groups are checked again at every join they take part in: score each pair once.
            key = (x, y) if x < y else (y, x)
            if key in memo:
                value = memo[key]
            else:
                value = memo[key] = score(mentions[x], mentions[y], settings)
            if value is None:
                return False
            if value < settings.threshold and conflicting(mentions[x], mentions[y], settings):
                return False
            total += value
    return total / (len(first) * len(second)) >= average_link


def _profile(group: list[Mention]) -> Mention:
    """One article's account of an event as a single mention: the most complete member with
    details filled from the others, the most precise date, and every member's key words."""
    if len(group) == 1:
        return group[0]
    ranked = sorted(group, key=lambda mention: completeness(mention.event), reverse=True)
    dated = [mention for mention in group if mention.dated]
    timing = min(dated, key=lambda m: (m.last - m.first, m.event.evidence.start), default=ranked[0])
    filled = {
        name: next((getattr(m.event, name) for m in ranked if getattr(m.event, name)), None)
        for name in ("actor", "recipient", "location", "dead", "injured")
    }
    terms: dict[str, float] = {}
    for mention in group:
        for term, weight in mention.terms.items():
            terms[term] = max(weight, terms.get(term, 0.0))
    placed = next((m for m in ranked if m.event.location is not None), ranked[0])
    return replace(
        timing,
        event=replace(ranked[0].event, date=timing.event.date, **filled),
        terms=terms,
        place_guessed=placed.place_guessed,
    )


def _order_key(event: Event, published: dict[str, date | None]) -> tuple:
    """Earliest report first: the canonical id is the hash of this first member's id, so later
    articles joining an event do not change its id."""
    return (published.get(event.doc_id) or date.max, event.doc_id, event.evidence.start, event.id)


def canonical_id(members: Iterable[Event], published: dict[str, date | None] | None = None) -> str:
    published = published or {}
    first = min(members, key=lambda event: _order_key(event, published))
    return "ce_" + hashlib.sha1(first.id.encode("utf-8")).hexdigest()[:16]


def _twins(events: list[Event], duplicates: dict[str, str]) -> dict[str, Event]:
    """Event id in a syndicated copy -> its original mention (same sentence, trigger, type)."""

    def key(event: Event, article: str) -> tuple:
        # The line holding the trigger: a parser may run a different headline into the lead.
        text = event.evidence.text
        trigger = (event.evidence.trigger_start or 0) - event.evidence.start
        line_start = text.rfind("\n", 0, trigger) + 1
        line_end = text.find("\n", trigger)
        line = text[line_start : line_end if line_end != -1 else len(text)]
        return (article, line, trigger - line_start, event.event_type)

    originals = {
        key(event, event.doc_id): event
        for event in events
        if duplicates.get(event.doc_id, event.doc_id) == event.doc_id
    }
    twins: dict[str, Event] = {}
    for event in events:
        article = duplicates.get(event.doc_id, event.doc_id)
        if article != event.doc_id and (twin := originals.get(key(event, article))) is not None:
            twins[event.id] = twin
    return twins


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
    twins = _twins(events, duplicates)
    # A copy's mention of a sentence its original also holds is clustered as that original (it
    # follows it below): thousands of copies of one wire story cost no more than the story.
    followers: dict[str, list[Event]] = {}
    for event in events:
        if event.id in twins:
            followers.setdefault(twins[event.id].id, []).append(event)
    clustered = [event for event in events if event.id not in twins]
    mentions = [
        Mention.of(
            event,
            published.get(event.doc_id),
            duplicates.get(event.doc_id, event.doc_id),
            settings,
            documents[event.doc_id].text if event.doc_id in documents else None,
        )
        for event in clustered
    ]
    add_terms(mentions, settings)
    # Mention pairs first, strongest first over all articles, so that a vague mention joins the
    # event its best match belongs to; then the resulting events again, each compared as a whole
    # (details and key words pooled from its mentions), across articles they do not share.
    singles = [[index] for index in range(len(mentions))]
    pairs = candidate_pairs(mentions, settings, within_article_only)
    memo: dict[tuple[int, int], float | None] = {}
    groups = _link(mentions, singles, mentions, pairs, settings, settings.average_link, memo)
    if not within_article_only:
        profiles = [_profile([mentions[index] for index in group]) for group in groups]
        articles = [{mentions[index].article for index in group} for group in groups]
        across = {
            (first, second)
            for first, second in candidate_pairs(profiles, settings)
            if articles[first].isdisjoint(articles[second])
        }
        groups = _link(
            mentions, groups, profiles, across, settings, settings.profile_average_link, memo
        )
    for group in groups:
        members = [
            event for index in group for event in _with_followers(clustered[index], followers)
        ]
        cluster_id = canonical_id(members, published)
        sources = sorted({event.doc_id for event in members})
        for event in members:
            event.canonical_id = cluster_id
            event.sources = list(sources)
    return MergeResult(events=events, duplicates=duplicates)


def _with_followers(event: Event, followers: dict[str, list[Event]]) -> list[Event]:
    return [event, *followers.get(event.id, ())]


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
