"""The reader's labelled corpus (train/sentences/, train/voa/) and the blind set (eval/own_blind/):
well formed, spans where they say, every type covered, nothing shared between training and the
blind set."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from flashpoint.events.ontology import type_modes
from flashpoint.model import PLOVER_TYPES

ROOT = Path(__file__).resolve().parent.parent
# train/next/: labelled sentences the shipped reader was not trained on; the same checks hold there
SENTENCES = sorted((ROOT / "train" / "sentences").glob("*.jsonl")) + sorted(
    (ROOT / "train" / "next").glob("*.jsonl")
)
BLIND = ROOT / "eval" / "own_blind" / "blind.jsonl"
VOA_LABELS = ROOT / "train" / "voa" / "voa_dev.labels.jsonl"
LEGACY = ROOT / "train" / "plover_own.jsonl"  # the first corpus: types only
ROLES = ("trigger", "actor", "recipient", "place", "time")
AUX = {"negated", "future", "hypothetical", "historical"}
MIN_PER_TYPE = 150
MIN_NONE = 1500
MIN_BLIND = 450


@cache
def rows(*paths: Path) -> tuple[tuple[str, dict], ...]:
    out = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            out.append((f"{path.name}:{number}", json.loads(line)))
    return tuple(out)


def corpus() -> tuple[tuple[str, dict], ...]:
    return rows(*SENTENCES)


def problems(where: str, row: dict) -> list[str]:
    text, found = row["text"], []
    for event in row["events"]:
        if event["type"] not in PLOVER_TYPES:
            found.append(f"{where}: type {event['type']!r}")
            continue
        mode = event.get("mode")
        if mode is not None and mode not in type_modes().get(event["type"], ()):
            found.append(f"{where}: mode {mode!r} for {event['type']}")
        if set(event.get("aux") or ()) - AUX:
            found.append(f"{where}: aux {event['aux']}")
        for role in ROLES:
            span = event.get(role)
            if span is not None and text[span["start"] : span["end"]] != span["text"]:
                found.append(f"{where}: {role} offsets do not hold {span['text']!r}")
    return found


@pytest.mark.parametrize("source", ["corpus", "blind"])
def test_every_line_is_well_formed_with_spans_where_they_say(source):
    lines = corpus() if source == "corpus" else rows(BLIND)
    found = [p for where, row in lines for p in problems(where, row)]
    assert found == []


def test_each_plover_type_has_enough_examples():
    counts = Counter(e["type"] for _, row in corpus() for e in row["events"])
    short = {t: counts[t] for t in PLOVER_TYPES if counts[t] < MIN_PER_TYPE}
    assert short == {}


def test_there_are_enough_sentences_that_report_no_event():
    assert sum(1 for _, row in corpus() if not row["events"]) >= MIN_NONE


def test_the_blind_set_is_big_enough_and_shares_no_sentence_with_training():
    blind = {" ".join(row["text"].lower().split()) for _, row in rows(BLIND)}
    trained = {" ".join(row["text"].lower().split()) for _, row in corpus() + rows(LEGACY)}
    assert len(blind) >= MIN_BLIND
    assert blind & trained == set()


def test_stand_off_labels_point_inside_their_stories(shared_dir):
    stories = {}
    path = shared_dir / "corpus" / "voa_dev" / "voa_dev.jsonl"
    if not path.exists():
        pytest.skip("shared corpus not present")
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        stories[row["id"]] = row["text"]
    labels = [json.loads(line) for line in VOA_LABELS.read_text(encoding="utf-8").splitlines()]
    assert len(labels) >= 1000
    for label in labels:
        story = stories[label["story"]]
        assert 0 <= label["start"] < label["end"] <= len(story)
        for event in label["events"]:
            for role in ROLES:
                span = event.get(role)
                if span is not None:
                    assert label["start"] <= span[0] < span[1] <= label["end"]


def test_stand_off_labels_carry_no_third_party_text():
    for line in VOA_LABELS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert set(row) == {"story", "start", "end", "events"}
        for event in row["events"]:
            assert all(not isinstance(v, str) or k in ("type", "mode") for k, v in event.items())


SHINGLE = 8


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


@pytest.mark.parametrize(
    "relative",
    [
        "corpus/seeds",
        "corpus/voa_dev/voa_dev.jsonl",
        "eval/plover_gsr/PLOVER_GSR_CAMEO.dev.json",
        "eval/case2021/task2.dev.tsv",
    ],
)
def test_no_sentence_shares_eight_words_in_a_row_with_third_party_text(shared_dir, relative):
    # Our sentences are our own words; an overlap with a gold set would also leak it into training.
    source = shared_dir / relative
    if not source.exists():
        pytest.skip(f"{source} is not present")
    files = sorted(source.glob("*.txt")) if source.is_dir() else [source]
    theirs = set().union(*(shingles(path.read_text(encoding="utf-8")) for path in files))
    ours = corpus() + rows(BLIND) + rows(LEGACY)
    copied = [where for where, row in ours if shingles(row["text"]) & theirs]
    assert copied == []
