"""Candidate pairs: only mentions that share a block are ever scored.

A block is (type group, time bucket, country). The time bucket is an ISO-like week number of every
week the mention's date range (tolerance included) touches, so two mentions a day apart across a
week boundary still meet; coarse dates fall into year buckets; mentions with no date at all (and
no article date) are only compared within their article. A mention with no known country
meets every country's mentions in its (type group, bucket). Mentions of one article always meet,
whatever their dates, so headline, lead and recap can merge; a syndicated copy's mentions meet
its original's in the blocks.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import combinations

from .rules import Mention
from .settings import MergeSettings, load_settings

Bucket = tuple[str, int]


def buckets(mention: Mention) -> list[Bucket]:
    if not mention.coarse:
        first, last = math.floor(mention.first) // 7, math.floor(mention.last) // 7
        return [("week", week) for week in range(first, last + 1)]
    span = mention.event.date
    if span is None:
        # Neither the event nor its article has a date: nothing places it in time, so it is
        # compared only within its own article (every article block is scored).
        return []
    # Year-long spans are common ("in 2019"); decade-long ones are capped to their first years.
    last_year = min(span.end.year, span.start.year + 2)
    return [("year", year) for year in range(span.start.year, last_year + 1)]


def _country(mention: Mention) -> str | None:
    location = mention.event.location
    return location.country if location is not None else None


def _overlapping(mentions: Sequence[Mention], members: list[int]) -> Iterable[tuple[int, int]]:
    """Pairs whose date windows overlap, by a sweep over the members sorted by start: a week's
    block holds many day-precise mentions that could never be one event."""
    ordered = sorted(members, key=lambda index: mentions[index].first)
    for position, first in enumerate(ordered):
        last = mentions[first].last
        for second in ordered[position + 1 :]:
            if mentions[second].first > last:
                break
            yield first, second


def _pairs_in_block(
    mentions: Sequence[Mention], by_country: dict[str | None, list[int]]
) -> Iterable[tuple[int, int]]:
    unknown = by_country.get(None, [])
    unknown_set = set(unknown)
    for country, members in by_country.items():
        yield from _overlapping(mentions, members)
        if country is not None and unknown:
            # Unknown-country mentions meet every country's; pairs inside either list come above.
            for first, second in _overlapping(mentions, unknown + members):
                if (first in unknown_set) != (second in unknown_set):
                    yield first, second


def candidate_pairs(
    mentions: Sequence[Mention],
    settings: MergeSettings | None = None,
    within_article_only: bool = False,
) -> set[tuple[int, int]]:
    """Index pairs (i < j) into `mentions` worth scoring."""
    settings = settings or load_settings()
    groups = settings.type_groups()
    pairs: set[tuple[int, int]] = set()

    # By the document itself, not its original: near-copies can number thousands (a wire story
    # with a paragraph added by each outlet), and their mentions meet in the blocks below.
    by_article: dict[str, list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        by_article[mention.event.doc_id].append(index)
    for members in by_article.values():
        pairs.update(combinations(members, 2))
    if within_article_only:
        return pairs

    blocks: dict[tuple[str, Bucket], dict[str | None, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for index, mention in enumerate(mentions):
        group = groups.get(mention.event.event_type, mention.event.event_type)
        for bucket in buckets(mention):
            blocks[(group, bucket)][_country(mention)].append(index)
    for by_country in blocks.values():
        for first, second in _pairs_in_block(mentions, by_country):
            if first != second:
                pairs.add((first, second) if first < second else (second, first))
    return pairs


def block_keys(mention: Mention, settings: MergeSettings | None = None) -> list[tuple[str, Bucket]]:
    """The (type group, time bucket) blocks `candidate_pairs` puts a mention in."""
    settings = settings or load_settings()
    group = settings.type_groups().get(mention.event.event_type, mention.event.event_type)
    return [(group, bucket) for bucket in buckets(mention)]


def country_of(mention: Mention) -> str | None:
    """The country that splits a block (None meets every country)."""
    return _country(mention)


def week_of(day: date) -> int:
    """The bucket number `buckets` gives a single day (for callers that index by week)."""
    return day.toordinal() // 7
