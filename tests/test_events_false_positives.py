"""The coder should stay quiet on text that reports no event: background, commentary, opinion
and feelings (eval/no_events.txt, written for this test)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SENTENCES = Path(__file__).resolve().parents[1] / "eval" / "no_events.txt"
MAX_RATE = 0.10


def load_sentences() -> list[str]:
    lines = SENTENCES.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_the_no_event_set_is_large_enough():
    assert len(load_sentences()) >= 30


def test_few_sentences_without_an_event_yield_one(nlp):
    sentences = load_sentences()
    flagged = []
    for text in sentences:
        doc = nlp.make_doc(text)
        doc._.fp_doc_id = "no-events"
        events = nlp(doc)._.fp_events or []
        if events:
            flagged.append((text, [event.event_type for event in events]))
    rate = len(flagged) / len(sentences)
    assert rate <= MAX_RATE, f"{rate:.2f} of no-event sentences yield events: {flagged}"
