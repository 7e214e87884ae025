"""Demonyms are read as references to their country, kept apart from places."""

from __future__ import annotations

import pytest

from flashpoint.geo.demonyms import REFS_KEY
from flashpoint.geo.locate import event_location

pytestmark = pytest.mark.slow


def references(nlp, text: str) -> list[tuple[str, str, str]]:
    doc = nlp(text)
    return [
        (span.text, span._.fp_place.country, span._.fp_place.feature)
        for span in doc.spans[REFS_KEY]
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian officials said the talks would resume.",
            [("Russian", "RUS", "country")],
        ),
        ("Two Canadians were detained at the border.", [("Canadians", "CAN", "country")]),
        ("Sri Lankan troops advanced on the town.", [("Sri Lankan", "LKA", "country")]),
        ("Two Abkhaz servicemen were hurt.", [("Abkhaz", "GEO", "admin1")]),
        ("Talks with South Ossetian officials failed.", [("South Ossetian", "GEO", "region")]),
        ("Ohioans voted on the levy.", [("Ohioans", "USA", "admin1")]),
        ("European leaders met in the evening.", [("European", None, "continent")]),
        # a people of another origin, not the country's
        ("The museum shows Native American pottery.", []),
        ("The group honours accomplished African-Americans.", []),
        # a country in such a pair is itself a party
        (
            "A Russian-American crew reached the station.",
            [("Russian", "RUS", "country"), ("American", "USA", "country")],
        ),
        # a place the recogniser took is not read again as a demonym
        ("Envoys of the Russian Federation arrived in Geneva.", []),
    ],
)
def test_demonyms_become_country_references(nlp, text, expected):
    assert references(nlp, text) == expected


def test_georgian_names_the_us_state_in_an_article_placed_there_and_not_in_the_country(nlp):
    text = "Atlanta, Georgia: a Georgian who grew up in Macon, Georgia, won the race."
    found = references(nlp, text)
    assert found and all(country == "USA" for _, country, _ in found)


def test_a_demonym_is_never_an_events_place(nlp):
    doc = nlp("Iraqi forces shelled the positions at dawn.")
    assert [span.text for span in doc.spans[REFS_KEY]] == ["Iraqi"]
    assert not list(doc.spans["fp_places"])
    token = next(token for token in doc if token.text == "shelled")
    assert event_location(doc, token.sent, token) is None
