"""Merging event mentions into canonical real-world events.

Call `merge(events, documents)` (or `assign_canonical`) after extraction over everything that
should be de-duplicated together: it sets `canonical_id` and `sources` on each event in place.
`merge_store(store)` does that for everything a `flashpoint.store.Store` holds and writes the
results back. `representatives` then gives one record per canonical event.
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
