"""Our own labelled training sentences (train/plover_own.jsonl): every line well formed, every
type well covered, no sentence twice."""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from flashpoint.events.ontology import type_modes
from flashpoint.model import PLOVER_TYPES

TRAIN_FILE = Path(__file__).resolve().parent.parent / "train" / "plover_own.jsonl"
FIELDS = {"text", "type", "mode", "actor", "recipient"}
NO_EVENT = "NONE"
MIN_PER_TYPE = 35
MIN_NO_EVENT = 80


@cache
def rows() -> tuple[dict[str, Any], ...]:
    parsed = []
    for number, line in enumerate(TRAIN_FILE.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{TRAIN_FILE}:{number}: blank line"
        row = json.loads(line)
        assert isinstance(row, dict), f"{TRAIN_FILE}:{number}: not a JSON object"
        parsed.append(row | {"_line": number})
    return tuple(parsed)


def where(row: dict[str, Any]) -> str:
    return f"{TRAIN_FILE.name}:{row['_line']}"


def test_every_line_has_exactly_the_five_fields() -> None:
    wrong = [where(row) for row in rows() if set(row) - {"_line"} != FIELDS]
    assert wrong == []


def test_every_type_is_a_plover_type_or_none() -> None:
    known = set(PLOVER_TYPES) | {NO_EVENT}
    unknown = [(where(row), row["type"]) for row in rows() if row["type"] not in known]
    assert unknown == []


def test_a_given_mode_is_one_the_ontology_lists_for_that_type() -> None:
    modes = type_modes()
    wrong = [
        (where(row), row["type"], row["mode"])
        for row in rows()
        if row["mode"] is not None and row["mode"] not in modes.get(row["type"], ())
    ]
    assert wrong == []


def test_sentences_without_an_event_have_no_mode_actor_or_recipient() -> None:
    wrong = [
        where(row)
        for row in rows()
        if row["type"] == NO_EVENT and (row["mode"] or row["actor"] or row["recipient"])
    ]
    assert wrong == []


def test_every_event_names_its_actor_and_a_recipient_is_text_or_null() -> None:
    wrong = [
        where(row)
        for row in rows()
        if (
            row["type"] != NO_EVENT and not (isinstance(row["actor"], str) and row["actor"].strip())
        )
        or not (
            row["recipient"] is None or (isinstance(row["recipient"], str) and row["recipient"])
        )
    ]
    assert wrong == []


def test_texts_are_single_sentences_of_30_to_300_characters() -> None:
    wrong = [
        (where(row), len(row["text"]))
        for row in rows()
        if not isinstance(row["text"], str)
        or not 30 <= len(row["text"]) <= 300
        or "\n" in row["text"]
        or row["text"] != row["text"].strip()
    ]
    assert wrong == []


def test_no_sentence_appears_twice_even_with_different_case_or_spacing() -> None:
    counts = Counter(" ".join(row["text"].lower().split()) for row in rows())
    assert [text for text, count in counts.items() if count > 1] == []


@pytest.mark.parametrize("event_type", PLOVER_TYPES)
def test_each_plover_type_has_enough_sentences(event_type: str) -> None:
    count = sum(row["type"] == event_type for row in rows())
    assert count >= MIN_PER_TYPE, f"{event_type}: {count} sentences, want {MIN_PER_TYPE}"


def test_there_are_enough_sentences_that_report_no_event() -> None:
    assert sum(row["type"] == NO_EVENT for row in rows()) >= MIN_NO_EVENT


def test_every_mode_in_the_ontology_has_at_least_one_example() -> None:
    used = {(row["type"], row["mode"]) for row in rows()}
    missing = [
        (event_type, mode)
        for event_type, modes in type_modes().items()
        for mode in modes
        if (event_type, mode) not in used
    ]
    assert missing == []
