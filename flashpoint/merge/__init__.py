"""Merging event mentions into canonical real-world events.

Call `merge(events, documents)` (or `assign_canonical`) after extraction over everything that
should be de-duplicated together: it sets `canonical_id` and `sources` on each event in place.
`merge_store(store)` does that for a `flashpoint.store.Store` and writes the results back,
incrementally: only the new (never merged) events and those sharing a block with them are
re-clustered (`new_events=` a run's events also limits what is read; `full=True` redoes all).
`representatives` then gives one record per canonical event.
"""

from .cluster import MergeResult, assign_canonical, canonical_id, merge, merge_within
from .neardup import distinct_sources, near_duplicates
from .represent import representatives
from .rules import Mention, compatible, pair_score, score
from .settings import MergeSettings, load_settings
from .stored import MergeSummary, merge_store

__all__ = [
    "MergeResult",
    "MergeSettings",
    "MergeSummary",
    "Mention",
    "assign_canonical",
    "canonical_id",
    "compatible",
    "distinct_sources",
    "load_settings",
    "merge",
    "merge_store",
    "merge_within",
    "near_duplicates",
    "pair_score",
    "representatives",
    "score",
]
