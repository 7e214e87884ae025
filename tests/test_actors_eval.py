"""The actor gold set (eval/actors.gold.jsonl) is well formed and scores above the target."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.evaluate.actors import evaluate, read_gold
from flashpoint.exceptions import EvalError

GOLD = Path(__file__).resolve().parent.parent / "eval" / "actors.gold.jsonl"


def test_gold_offsets_point_at_the_mention_text() -> None:
    records = read_gold(GOLD)
    mentions = [mention for record in records for mention in record["mentions"]]
    assert len(mentions) >= 150
    for record in records:
        for mention in record["mentions"]:
            assert record["text"][mention["start"] : mention["end"]] == mention["text"]


def test_actor_resolution_meets_the_accuracy_target(nlp) -> None:
    report = evaluate(GOLD, nlp)
    assert report.metrics["accuracy"] >= 0.90, "\n".join(report.details)
    assert report.metrics["country_accuracy"] >= 0.90
    assert report.metrics["sector_accuracy"] >= 0.90


def test_bad_gold_lines_raise_eval_errors(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"text": "no mentions"}) + "\n")
    with pytest.raises(EvalError, match="gold.jsonl:1"):
        read_gold(path)


def test_plover_gold_actors_get_their_country(nlp, shared_dir: Path) -> None:
    gold = shared_dir / "eval" / "plover_gsr" / "PLOVER_GSR_CAMEO.dev.json"
    if not gold.exists():
        pytest.skip("PLOVER gold is not present")
    report = evaluate(gold, nlp)
    assert report.metrics["mentions"] > 300
    # Written by others with 1990s-2000s actors and CAMEO legacy codes; measured 0.81.
    assert report.metrics["country_accuracy"] >= 0.78
