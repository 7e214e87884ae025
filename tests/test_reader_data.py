"""How the reader's training script reads its examples (scripts/reader_data.py)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "reader_data.py"


@pytest.fixture(scope="module")
def data():
    spec = importlib.util.spec_from_file_location("reader_data", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["reader_data"] = module
    spec.loader.exec_module(module)
    return module


def test_our_sentences_keep_their_spans_and_rename_negated(data, tmp_path):
    text = "Troops did not fire on the crowd in Lagos."
    event = {
        "type": "ASSAULT",
        "mode": None,
        "aux": ["negated"],
        "actor": {"start": 0, "end": 6, "text": "Troops"},
        "place": {"start": 36, "end": 41, "text": "Lagos"},
    }
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"text": text, "events": [event]}) + "\n")
    [example] = data.load_sentences(path, "own")
    assert example.has_spans
    [read] = example.events
    assert read.aux == ("negation",)
    assert {role: text[a:b] for role, (a, b) in read.spans.items()} == {
        "actor": "Troops",
        "place": "Lagos",
    }


def test_the_first_corpus_teaches_types_but_no_spans(data, tmp_path):
    path = tmp_path / "first.jsonl"
    row = {"text": "Police arrested ten students.", "type": "COERCE", "mode": "arrest"}
    none = {"text": "The weather was mild.", "type": "NONE", "mode": None}
    path.write_text(json.dumps(row) + "\n" + json.dumps(none) + "\n")
    first, second = data.load_sentences(path, "first")
    assert not first.has_spans and [e.type for e in first.events] == ["COERCE"]
    assert second.events == []


def test_stand_off_labels_cut_their_sentence_from_the_story(data, tmp_path):
    story = "Intro line. Rebels shelled Goma on Monday. End."
    start = story.index("Rebels")
    end = story.index(" End.")
    label = {"story": "s1", "start": start, "end": end, "events": []}
    label["events"].append({"type": "ASSAULT", "actor": [start, start + 6]})
    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps(label) + "\n")
    [example] = data.load_standoff(path, {"s1": story}, "voa")
    assert example.text == "Rebels shelled Goma on Monday."
    assert example.events[0].spans["actor"] == (0, 6)
    assert example.group == "s1"


def test_a_group_always_falls_in_the_same_fold(data):
    example = data.Example("text", [], "gsr", group="a sentence of the gold set")
    folds = {data.fold_of(example, 2) for _ in range(5)}
    assert len(folds) == 1
