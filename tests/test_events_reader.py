"""The reader's decoding: BIO tags into spans, spans to words, arguments to their event."""

from __future__ import annotations

import numpy as np
import pytest

from flashpoint.events.reader import _nearest, _spans, _word, load_reader

TAGS = ["O", "B-trigger", "I-trigger", "B-actor", "I-actor"]


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("Gunmen attacked the base", 8, 11, "attacked"),
        ("Gunmen attacked the base", 0, 3, "Gunmen"),
        ("a U.S.-led raid", 2, 3, "U"),
    ],
)
def test_a_word_piece_stands_for_its_whole_word(text, start, end, expected):
    a, b = _word(text, start, end)
    assert text[a:b] == expected


def test_bio_tags_become_spans_and_a_stray_inside_tag_opens_one():
    text = "Rebel fighters shelled it"
    offsets = [(0, 0), (0, 5), (6, 14), (15, 22), (23, 25), (0, 0)]
    labels = np.array([0, 3, 4, 1, 0, 0])
    spans = _spans(labels, TAGS, offsets, text)
    assert [(text[a:b]) for a, b, _ in spans["actor"]] == ["Rebel fighters"]
    assert [(text[a:b]) for a, b, _ in spans["trigger"]] == ["shelled"]
    stray = _spans(np.array([0, 4, 0, 2, 0, 0]), TAGS, offsets, text)
    assert [(text[a:b]) for a, b, _ in stray["actor"]] == ["Rebel"]


def test_an_article_tagged_apart_from_its_noun_joins_it():
    text = "urged the Community"
    offsets = [(0, 0), (0, 5), (6, 9), (10, 19), (0, 0)]
    spans = _spans(np.array([0, 1, 3, 3, 0]), TAGS, offsets, text)
    assert [text[a:b] for a, b, _ in spans["actor"]] == ["the Community"]


@pytest.mark.parametrize(
    ("before", "expected"),
    [(True, (0, 5)), (False, (20, 25))],
)
def test_the_nearest_argument_wins_and_ties_go_to_the_roles_side(before, expected):
    candidates = [(0, 5, []), (20, 25, [])]
    assert _nearest(candidates, (10, 15), before=before) == expected


def test_no_candidates_give_no_argument():
    assert _nearest([], (0, 3), before=True) is None


def test_the_shipped_model_gives_calibrated_probabilities_for_every_type():
    reader = load_reader()
    probs = reader.probabilities(["Troops shelled the village.", "The weather was mild."])
    assert probs.shape == (2, len(reader.types))
    assert ((probs >= 0) & (probs <= 1)).all()
    assert 0.2 <= reader.threshold <= 0.8 and reader.temperature > 0


def test_batching_does_not_change_what_is_read():
    reader = load_reader()
    texts = ["Jets bombed a fuel depot.", "Talks resumed in Doha on Monday between the two sides."]
    alone = [reader.read([t])[0] for t in texts]
    together = reader.read(texts)
    assert [[r.type for r in x] for x in alone] == [[r.type for r in x] for x in together]
