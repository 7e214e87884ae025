"""Toponym recognition: which words name places, on sentences written here."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def place_names(nlp, text: str) -> dict[str, tuple]:
    doc = nlp(text)
    return {
        span.text: (span._.fp_place.name, span._.fp_place.admin1, span._.fp_place.feature)
        for span in doc.spans["fp_places"]
    }


@pytest.mark.parametrize(
    ("text", "mention", "admin1"),
    [
        (
            "A Byesville man was charged on Friday after a crash on the highway.",
            "Byesville",
            "Ohio",
        ),
        ("Two boys were questioned by Grovetown police on Monday.", "Grovetown", "Georgia"),
    ],
)
def test_a_small_town_before_a_local_word_is_a_place(nlp, text, mention, admin1):
    assert place_names(nlp, text)[mention][1] == admin1


@pytest.mark.parametrize(
    ("text", "mention", "feature"),
    [
        (
            "Deputies took him to the Henderson County Jail on Tuesday night.",
            "Henderson County",
            "admin2",
        ),
        (
            "Officers of the Alachua County Sheriff's Office searched the house.",
            "Alachua County",
            "admin2",
        ),
    ],
)
def test_a_place_opening_a_facility_name_is_found(nlp, text, mention, feature):
    assert place_names(nlp, text)[mention][2] == feature


@pytest.mark.parametrize(
    "text",
    [
        "The fire started near Elm Street and Main Street late on Sunday.",
        "But town officials said the budget was balanced.",
        "Students at Lee Academy sang for the governor.",
    ],
)
def test_street_names_stop_words_and_people_honoured_by_schools_are_not_places(nlp, text):
    assert place_names(nlp, text) == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Snow closed roads in Becker, Clay and Otter Tail counties on Monday.",
            {"Becker": "Becker County", "Clay": "Clay County", "Otter Tail": "Otter Tail County"},
        ),
        (
            "Backed by Delegate Ann Miller, D-Kanawha, and Rep. Tom Hale (R-Elbow Lake).",
            {"Kanawha": "Kanawha County", "Elbow Lake": "Elbow Lake"},
        ),
        (
            "Stonework firm fined. BANTAM — A mason was fined on Tuesday.",
            {"BANTAM": "Bantam"},
        ),
        (
            "The couple, both 30, of Canal Winchester, Ohio, were not hurt.",
            {"Canal Winchester": "Canal Winchester", "Ohio": "Ohio"},
        ),
    ],
)
def test_layouts_that_say_place_outweigh_ner(nlp, text, expected):
    found = place_names(nlp, text)
    assert {mention: found[mention][0] for mention in expected if mention in found} == expected


@pytest.mark.parametrize(
    ("text", "mention", "found"),
    [
        ("Illinois lawmakers met in Glen Carbon on Friday.", "Glen Carbon", True),
        ("The fair opens in August, Illinois officials said.", "August", False),
    ],
)
def test_a_small_town_after_in_is_taken_when_the_article_names_its_state(nlp, text, mention, found):
    assert (mention in place_names(nlp, text)) is found
