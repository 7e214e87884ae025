"""Merging what the real pipeline extracts from the merge gold articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.evaluate.merge import load_gold
from flashpoint.merge import merge, representatives
from flashpoint.pipeline import extract_events

GOLD = Path(__file__).resolve().parent.parent / "eval" / "merge"
ARTICLES = (
    "iraq_airstrikes_wire.txt",
    "iraq_airstrikes_copy.txt",
    "iraq_embassy_storming.txt",
    "ukraine_kramatorsk.txt",
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def merged(nlp):
    documents, _ = load_gold(GOLD)
    chosen = {doc_id: documents[doc_id] for doc_id in ARTICLES}
    events = [event for _, found in extract_events(chosen.values(), nlp) for event in found]
    return merge(events, chosen)


def test_pipeline_extracts_events_from_every_article(merged) -> None:
    assert {event.doc_id for event in merged.events} == set(ARTICLES)


def test_syndicated_copy_adds_sources_but_no_events(merged) -> None:
    assert (
        merged.duplicates["iraq_airstrikes_copy.txt"]
        == merged.duplicates["iraq_airstrikes_wire.txt"]
    )
    clusters = merged.clusters()
    copy_clusters = {e.canonical_id for e in merged.events if e.doc_id.endswith("copy.txt")}
    wire_clusters = {e.canonical_id for e in merged.events if e.doc_id.endswith("wire.txt")}
    # Identical sentences give identical events: most of the copy's join the original's.
    assert len(copy_clusters & wire_clusters) >= len(copy_clusters) // 2
    for cluster_id in copy_clusters & wire_clusters:
        doc_ids = {event.doc_id for event in clusters[cluster_id]}
        assert merged.distinct_sources(cluster_id) == len(doc_ids) - 1


def test_unrelated_conflicts_never_share_an_event(merged) -> None:
    for members in merged.clusters().values():
        ukraine = {event.doc_id.startswith("ukraine") for event in members}
        assert len(ukraine) == 1


def test_fewer_canonical_events_than_mentions(merged) -> None:
    merged_events = representatives(merged.events)
    assert len(merged_events) < len(merged.events)
    assert all(event.sources for event in merged_events)
