"""The merge scorer: link metrics, alignment, the gold set, and the full run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.evaluate.merge import (
    align,
    bcubed,
    evaluate,
    load_gold,
    oracle_events,
    pairwise,
)
from flashpoint.exceptions import EvalError
from flashpoint.merge import merge
from flashpoint.model import Event, Evidence

GOLD = Path(__file__).resolve().parent.parent / "eval" / "merge"


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        (["a", "a", "b"], ["x", "x", "y"], (1.0, 1.0, 1.0)),
        (["a", "a", "b"], ["x", "x", "x"], (1 / 3, 1.0, 0.5)),
        (["a", "a", "b"], ["x", "y", "z"], (0.0, 0.0, 0.0)),
        (["a", "b", "c"], ["x", "y", "z"], (0.0, 0.0, 0.0)),
        (["a", "a", "a", "b"], ["x", "x", "y", "y"], (0.5, 1 / 3, 0.4)),
    ],
)
def test_pairwise_link_scores(gold, predicted, expected) -> None:
    assert pairwise(gold, predicted) == pytest.approx(expected)


def test_bcubed_rewards_partial_clusters() -> None:
    precision, recall, _ = bcubed(["a", "a", "b"], ["x", "y", "y"])
    assert precision == pytest.approx((1 + 0.5 + 0.5) / 3)
    assert recall == pytest.approx((0.5 + 0.5 + 1) / 3)


def test_gold_set_has_enough_articles_clusters_and_a_copy() -> None:
    documents, gold = load_gold(GOLD)
    assert len(documents) >= 12
    clusters = {mention.cluster for mention in gold}
    assert len(clusters) >= 15
    multi_article = {
        cluster for cluster in clusters if len({m.doc_id for m in gold if m.cluster == cluster}) > 1
    }
    assert len(multi_article) >= 6
    result = merge([], documents)
    assert any(doc_id != original for doc_id, original in result.duplicates.items())


def test_alignment_needs_the_trigger_when_a_sentence_has_two_gold_mentions() -> None:
    documents, gold = load_gold(GOLD)
    crowded = next(
        m
        for m in gold
        if sum((o.doc_id, o.start, o.event_type) == (m.doc_id, m.start, m.event_type) for o in gold)
        > 1
    )
    elsewhere = crowded.start + len(crowded.quote) - 2
    wrong = Event(
        doc_id=crowded.doc_id,
        event_type=crowded.event_type,
        evidence=Evidence(crowded.quote, crowded.start, crowded.end, elsewhere, elsewhere + 1),
    )
    right = Event(
        doc_id=crowded.doc_id,
        event_type=crowded.event_type,
        evidence=Evidence(
            crowded.quote, crowded.start, crowded.end, crowded.trigger_start, crowded.trigger_end
        ),
    )
    index = gold.index(crowded)
    assert align(gold, [right]).get(index) is right
    assert index not in align(gold, [wrong])


def test_merge_alone_meets_the_target_on_gold_attributes() -> None:
    documents, gold = load_gold(GOLD)
    merged = merge(oracle_events(gold), documents).events
    by_position = {(e.doc_id, e.evidence.start, e.evidence.trigger_start): e for e in merged}
    labels = [by_position[(m.doc_id, m.start, m.trigger_start)].canonical_id for m in gold]
    precision, recall, _ = pairwise([m.cluster for m in gold], labels)
    assert precision >= 0.85
    assert recall >= 0.85


def test_missing_gold_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="documents.jsonl"):
        load_gold(tmp_path)


def test_quote_not_in_article_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Rockets hit the base on Friday.")
    (tmp_path / "documents.jsonl").write_text(json.dumps({"id": "a.txt", "file": "a.txt"}) + "\n")
    record = {"doc_id": "a.txt", "quote": "Nothing like this", "trigger": "this"}
    record |= {"event_type": "ASSAULT", "cluster": "c"}
    (tmp_path / "gold.jsonl").write_text(json.dumps(record) + "\n")
    with pytest.raises(EvalError, match=r"gold.jsonl:1"):
        load_gold(tmp_path)


@pytest.mark.slow
def test_full_run_reports_every_figure(nlp) -> None:
    report = evaluate(GOLD)
    for key in ("precision", "recall", "f1", "bcubed_f1", "alignment_recall", "n_gold"):
        assert key in report.metrics
    assert report.metrics["n_gold"] == len(load_gold(GOLD)[1])
    assert report.metrics["alignment_recall"] > 0.5
    assert report.metrics["n_duplicate_documents"] == 1


def test_a_gold_mention_the_pipeline_missed_counts_against_recall() -> None:
    from flashpoint.evaluate.merge import predicted_clusters

    documents, gold = load_gold(GOLD)
    first, second = next(
        (a, b) for a, b in zip(gold, gold[1:], strict=False) if a.cluster == b.cluster
    )
    pair = [first, second]
    found = Event(
        doc_id=first.doc_id,
        event_type=first.event_type,
        evidence=Evidence(
            first.quote, first.start, first.end, first.trigger_start, first.trigger_end
        ),
        canonical_id="ce_one",
    )
    labels = predicted_clusters(pair, {0: found})
    assert labels[0] == "ce_one" and labels[1] != labels[0]
    assert pairwise([m.cluster for m in pair], labels) == (0.0, 0.0, 0.0)


def test_another_type_aligns_only_on_the_gold_trigger() -> None:
    documents, gold = load_gold(GOLD)
    mention = gold[0]
    other_type = "PROTEST" if mention.event_type != "PROTEST" else "ASSAULT"

    def reading(trigger_start: int) -> Event:
        return Event(
            doc_id=mention.doc_id,
            event_type=other_type,
            evidence=Evidence(
                mention.quote, mention.start, mention.end, trigger_start, trigger_start + 1
            ),
        )

    on_trigger = reading(mention.trigger_start)
    elsewhere = reading(mention.end - 1 if mention.end - 1 != mention.trigger_start else 0)
    assert align(gold[:1], [on_trigger]) == {0: on_trigger}
    assert align(gold[:1], [elsewhere]) == {}


def test_event_place_and_date_are_scored_where_the_gold_gives_them() -> None:
    from dataclasses import replace
    from datetime import date

    from flashpoint.evaluate.merge import attribute_accuracy
    from flashpoint.model import Place, TimeSpan

    _, gold = load_gold(GOLD)
    index = next(i for i, m in enumerate(gold) if "place" in m.oracle and "date" in m.oracle)
    right = oracle_events(gold)[index]
    day = right.date.start
    # a place far from the gold point, and a range that does not start on the gold day
    later = date.fromordinal(day.toordinal() + 1)
    wrong = replace(
        right,
        location=Place("Elsewhere", "ATA", lat=-80.0, lon=0.0),
        date=TimeSpan(later, max(later, right.date.end)),
    )
    assert attribute_accuracy(gold, {index: right})["place_accuracy"] == 1.0
    assert attribute_accuracy(gold, {index: right})["date_accuracy"] == 1.0
    scored = attribute_accuracy(gold, {index: wrong})
    assert (scored["place_accuracy"], scored["date_accuracy"]) == (0.0, 0.0)
    assert (scored["n_places"], scored["n_dates"]) == (1, 1)
