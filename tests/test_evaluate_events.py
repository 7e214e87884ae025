"""The event scorers: metric helpers, gold-file errors, and end-to-end runs on tiny gold files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.evaluate.metrics import accuracy, confusion_table, macro_f1
from flashpoint.exceptions import EvalError
from flashpoint.model import Actor, Event, Evidence


def test_accuracy_counts_exact_matches():
    assert accuracy(["A", "B", "C", "A"], ["A", "B", "A", "NONE"]) == 0.5
    assert accuracy([], []) == 0.0


def test_macro_f1_averages_over_gold_labels_and_punishes_none():
    gold = ["A", "A", "B", "B"]
    assert macro_f1(gold, gold) == 1.0
    # A: p=1/2 r=1/2; B: p=1 r=1/2 -> F1s 0.5 and 2/3
    assert macro_f1(gold, ["A", "B", "B", "NONE"]) == pytest.approx((0.5 + 2 / 3) / 2)


def test_macro_f1_over_listed_labels_counts_unseen_ones_as_zero():
    assert macro_f1(["A"], ["A"], labels=["A", "B"]) == 0.5


def test_confusion_table_has_a_row_per_gold_label_with_accuracy():
    lines = confusion_table(["ASSAULT", "ASSAULT", "PROTEST"], ["ASSAULT", "NONE", "PROTEST"])
    rows = {line.split()[0]: line for line in lines if line and not line.startswith("gold")}
    assert rows["ASSAULT"].endswith("0.50")
    assert rows["PROTEST"].endswith("1.00")


def _event(event_type: str, confidence: float, aux: list[str] | None = None) -> Event:
    return Event(
        doc_id="d",
        event_type=event_type,
        evidence=Evidence("x", 0, 1),
        confidence=confidence,
        aux=aux or [],
    )


def test_scored_event_is_the_most_confident_non_negated_one():
    from flashpoint.evaluate.plover_gsr import scored_event

    events = [
        _event("ASSAULT", 0.9, ["negation"]),
        _event("THREATEN", 0.7),
        _event("REQUEST", 0.6),
    ]
    assert scored_event(events).event_type == "THREATEN"
    assert scored_event([_event("ASSAULT", 0.9, ["negation"])]) is None


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        (Actor(name="Iraq", country="IRQ"), "IRQ"),
        (Actor(name="United Nations", sector="IGO"), "IGO"),
        (Actor(name="protesters"), None),
        (None, None),
    ],
)
def test_actor_codes_for_country_scoring(actor, expected):
    from flashpoint.evaluate.plover_gsr import actor_code

    assert actor_code(actor, {"IGO"}) == expected


def test_plover_gsr_rejects_a_file_that_is_not_a_record_list(tmp_path: Path):
    from flashpoint.evaluate.plover_gsr import evaluate

    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"not": "a list"}))
    with pytest.raises(EvalError, match="gold.json"):
        evaluate(path)
    with pytest.raises(EvalError, match="not found"):
        evaluate(tmp_path / "missing.json")


def test_case2021_needs_the_class_list_beside_the_gold(tmp_path: Path):
    from flashpoint.evaluate.case2021 import evaluate

    path = tmp_path / "task2.tsv"
    path.write_text("id\tEventSnippet\tSubType\n1\tRebels shelled the town.\tART_MISS_ATTACK\n")
    with pytest.raises(EvalError, match="event_types.txt"):
        evaluate(path)


@pytest.mark.slow
def test_plover_gsr_scores_a_tiny_gold_file(tmp_path: Path, nlp):
    from flashpoint.evaluate.plover_gsr import evaluate

    records = [
        {"id": "doc", "event": "DOCUMENT", "eventText": "file notes"},
        {
            "id": "r1",
            "event": "FIGHT",
            "mode": "heavy-weapons",
            "text": "Ethiopian artillery shelled Eritrean positions, killing four soldiers.",
            "source": [{"actorText": "Ethiopian", "code": "ETH"}],
            "target": [{"actorText": "Eritrean", "code": "ERI"}],
            "dead": "4",
        },
        {
            "id": "r2",
            "event": "DEMAND",
            "text": "Chile called for the release of the detained journalists.",
            "source": [{"actorText": "Chile", "code": "CHL"}],
            "target": "",
        },
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(records))
    report = evaluate(path)
    for key in (
        "type_accuracy",
        "mode_accuracy",
        "actor_country_accuracy",
        "recipient_country_accuracy",
        "type_macro_f1",
        "dead_exact",
        "injured_exact",
        "n",
    ):
        assert key in report.metrics
    assert report.metrics["n"] == 2  # the DOCUMENT record is excluded
    assert report.metrics["type_accuracy"] == 1.0
    assert report.metrics["dead_exact"] == 1.0
    assert "gold" in report.render()


@pytest.mark.slow
def test_case2021_scores_conflict_rows_only(tmp_path: Path, nlp):
    from flashpoint.evaluate.case2021 import evaluate

    (tmp_path / "event_types.txt").write_text("AIR_STRIKE\nPEACE_PROTEST\nOTHER\n")
    path = tmp_path / "task2.tsv"
    path.write_text(
        "id\tEventSnippet\tSubType\n"
        "1\tFighter jets bombed a rebel depot outside the city on Tuesday.\tAIR_STRIKE\n"
        "2\tThousands of teachers marched peacefully through the capital.\tPEACE_PROTEST\n"
        "3\tFloods destroyed hundreds of homes in the valley.\tNATURAL_DISASTER\n"
        "4\tA new militia announced its founding.\tOTHER\n"
    )
    report = evaluate(path)
    assert set(report.metrics) >= {"type_accuracy", "type_macro_f1", "subevent_macro_f1", "n"}
    assert report.metrics["n"] == 2  # OTHER has no PLOVER type; the disaster is not conflict
    assert report.metrics["n_conflict"] == 3
    assert report.metrics["type_accuracy"] == 1.0
    assert report.metrics["n_disaster"] == 1  # the flood is scored apart, for no conflict event
    assert report.metrics["disaster_conflict_share"] == 0.0


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([{"code": "IRQ", "sector": "REBkur"}], {"REB", "INS"}),
        ([{"code": "LBN", "sector": "JRNCHR"}], {"JRN", "MED", "CHR", "REL"}),
        ([{"code": "USA", "sector": "***"}], set()),
        ([{"code": "USA", "sector": None}, {"code": "GBR", "sector": "MIL"}], {"MIL"}),
        ("not a list", set()),
    ],
)
def test_gold_sectors_read_three_letter_codes_and_their_equivalents(entries, expected):
    from flashpoint.evaluate.plover_gsr import gold_sectors

    equivalents = {"REB": ["INS"], "JRN": ["MED"], "CHR": ["REL"]}
    assert gold_sectors(entries, equivalents) == expected


def test_reliability_table_buckets_events_by_confidence_and_counts_the_filter():
    from flashpoint.evaluate.metrics import reliability_table

    lines = reliability_table([0.1, 0.55, 0.7, 0.75, 1.0], [False, True, True, False, True])
    rows = {line.split()[0]: line.split()[1:] for line in lines if line[:1].isdigit()}
    assert rows["0.0-0.2"] == ["1", "0", "0.00"]
    assert rows["0.6-0.8"] == ["2", "1", "0.50"]
    assert rows["0.8-1.0"] == ["1", "1", "1.00"]
    assert lines[-1].startswith("a 0.5 filter keeps 3 of 3 correct events (1.00)")


@pytest.mark.slow
def test_own_scores_types_spans_and_quiet_on_no_event_sentences(tmp_path: Path, nlp):
    from flashpoint.evaluate.own import evaluate

    text = "Army helicopters fired rockets at rebel camps near the border on Friday."
    actor = {"start": 0, "end": 16, "text": "Army helicopters"}
    rows = [
        {"text": text, "events": [{"type": "ASSAULT", "mode": "aerial", "actor": actor}]},
        {"text": "Heavy snow closed the mountain pass for a third day.", "events": []},
    ]
    path = tmp_path / "blind.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n")
    report = evaluate(path)
    assert report.metrics["n"] == 2
    assert report.metrics["type_accuracy"] == 1.0
    assert report.metrics["actor_span_f1"] == 1.0
    assert report.metrics["none_conflict_share"] == 0.0


def test_own_names_the_line_that_is_not_json(tmp_path: Path):
    from flashpoint.evaluate.own import evaluate

    path = tmp_path / "blind.jsonl"
    path.write_text('{"text": "fine", "events": []}\n{not json\n')
    with pytest.raises(EvalError, match="blind.jsonl:2"):
        evaluate(path)
