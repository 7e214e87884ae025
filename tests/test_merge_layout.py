"""Headline and lead: where a sentence stands in a news article, and what that says."""

from __future__ import annotations

import pytest

from flashpoint.merge.layout import in_lede, lede_end
from flashpoint.merge.rules import heads_similar, trigger_head

ARTICLE = (
    "Shelling hits market in Kharkiv\n\n"
    "KHARKIV, Ukraine, April 9, 2022 - Artillery shells struck a crowded market in Kharkiv on "
    "Saturday, killing two people, U.S. and Ukrainian officials said. Firefighters worked "
    "through the night.\n\n"
    "The city had been shelled a week earlier."
)


@pytest.mark.parametrize(
    ("phrase", "in_the_lede"),
    [
        ("Shelling hits", True),  # the headline
        ("Artillery shells struck", True),  # the lead, past the dateline's "April 9, 2022"
        ("Firefighters", False),  # the lead's second sentence
        ("The city had been shelled", False),  # a later paragraph
    ],
)
def test_headline_and_first_body_sentence_are_the_lede(phrase: str, in_the_lede: bool) -> None:
    assert in_lede(ARTICLE.index(phrase), ARTICLE) is in_the_lede


def test_an_initial_does_not_end_the_lead() -> None:
    # "U.S. and" continues the sentence; the lead ends after "said."
    end = lede_end(ARTICLE)
    assert ARTICLE[:end].endswith("officials said.")


def test_a_text_without_a_headline_line_has_its_first_sentence_as_lede() -> None:
    text = "Rockets hit the base on Friday. Nobody claimed the attack."
    assert in_lede(0, text)
    assert not in_lede(text.index("Nobody"), text)
    assert not in_lede(0, "")


@pytest.mark.parametrize(
    ("first", "second", "similar"),
    [
        ("missile strike", "strikes", True),
        ("airstrikes", "strike", True),
        ("Rocket attack", "attack", True),
        ("bombed", "strikes", False),
        ("hit", "shit", False),  # a compound needs a head of five letters or more
        (None, "attack", False),
    ],
)
def test_trigger_heads_compare_folded_and_as_compounds(first, second, similar) -> None:
    assert heads_similar(trigger_head(first), trigger_head(second)) is similar
