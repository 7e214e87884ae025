"""Marking an event's spans in its article text."""

from __future__ import annotations

import pytest

from flashpoint.web.highlight import Mark, casualty_marks, render


def test_nested_spans_are_cut_so_each_piece_carries_every_covering_kind():
    text = "Rockets hit Balad today."
    html = render(text, [Mark(0, 24, "evidence"), Mark(8, 11, "trigger"), Mark(12, 17, "place")])
    assert html == (
        '<mark class="hl hl-evidence" title="evidence">Rockets </mark>'
        '<mark class="hl hl-evidence hl-trigger" title="evidence, trigger">hit</mark>'
        '<mark class="hl hl-evidence" title="evidence"> </mark>'
        '<mark class="hl hl-evidence hl-place" title="evidence, place">Balad</mark>'
        '<mark class="hl hl-evidence" title="evidence"> today.</mark>'
    )


def test_article_text_is_escaped_and_spans_past_its_end_are_dropped():
    html = render("<b>x</b> & y", [Mark(0, 3, "actor"), Mark(5, 99, "place")])
    assert html.startswith('<mark class="hl hl-actor" title="actor">&lt;b&gt;</mark>')
    assert "&amp; y" in html and "hl-place" not in html


@pytest.mark.parametrize(
    ("evidence", "dead", "injured", "found"),
    [
        ("The blast killed 14 people and wounded 3.", 14, 3, {"14", "3"}),
        ("Gunmen killed two guards and injured four.", 2, 4, {"two", "four"}),
        ("At least 1,200 people died in the siege.", 1200, None, {"1,200"}),
        ("Nobody was hurt in 2019.", 3, None, set()),
    ],
)
def test_casualty_counts_are_found_as_digits_or_words_in_the_evidence(
    evidence, dead, injured, found
):
    record = {"evidence": {"text": evidence, "start": 100}, "dead": dead, "injured": injured}
    marks = casualty_marks(record)
    assert {evidence[m.start - 100 : m.end - 100] for m in marks} == found
    assert all(mark.kind == "casualty" for mark in marks)
