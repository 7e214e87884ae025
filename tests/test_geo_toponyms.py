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


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Staff at the DeKalb County Jail said he was still held there.", "DeKalb County"),
        (
            "Fithian helped found the Spina Bifida Association of Western Pennsylvania.",
            "Pennsylvania",
        ),
        ("The raids targeted gambling houses in Indianapolis and Evansville.", "Evansville"),
        ("A new line would link Cleveland, Columbus, Dayton and Cincinnati.", "Dayton"),
        ("Officials of Northbrook-based Crate & Barrel could not be reached.", "Northbrook"),
        ("A spokesman for the city of Sevierville said the pool was closed.", "Sevierville"),
        ("The towns of Ahar and Varzaqan were hit hardest.", "Ahar"),
        ("The Chicago-born singer returned home.", "Chicago"),
        ("The town lies about 60 miles southwest of Raleigh in the Sandhills.", "Raleigh"),
        (
            "The Guard opened armories in Dodge City, Great Bend, Hutchinson and Pratt.",
            "Great Bend",
        ),
        ("Terry McLean, who grew up in McLean, spoke first.", "McLean"),
        # NER's "nationality" on a city's name
        ("He entered the crowded Sochi mayoral election on Wednesday.", "Sochi"),
        ("The S.C. Highway Patrol is looking for the driver.", "S.C."),
        ("The grant came from the West Virginia Division of Highways.", "West Virginia"),
        ("She attended Northeast Texas Community College for a year.", "Texas"),
        ("Sen. Byron Dorgan, D-N.D., asked why the contract stood.", "N.D."),
        ("Rep. Nick Rahall, D-W. Va., chairs the committee.", "W. Va."),
        ("Turkey joined the U.S.-led campaign against the group.", "U.S."),
        ("Police reported a rise in youth crime in Far North Queensland.", "Far North Queensland"),
    ],
)
def test_names_that_organisations_lists_and_cue_words_make_places(nlp, text, mention):
    assert mention in place_names(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The City Council voted on Monday to raise the fee.",
        "She is a past president of the Ozark Chamber of Commerce.",
        "He graduated from the University of Kentucky College of Law.",
        "Police said Brown and Jordan shot the man in December.",
        "Doctors advised Kristina and Tim to wait a year.",
        "She thanked Smith, Jones and Brown for their help.",
        "She studied at Lipscomb University before moving away.",
    ],
)
def test_common_words_surnames_and_colleges_inside_names_are_not_places(nlp, text):
    names = {"City", "Commerce", "Law", "Brown", "Tim", "Lipscomb", "Smith", "Jones"}
    assert not names & set(place_names(nlp, text))


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("PORT-AU-PRINCE, Haiti — Police said the attackers fled.", "PORT-AU-PRINCE", "HTI"),
        ("Troops moved from Stratford-upon-Avon to London.", "Stratford-upon-Avon", "GBR"),
    ],
)
def test_hyphenated_names_are_read_whole(nlp, text, mention, country):
    doc = nlp(text)
    places = {span.text: span._.fp_place.country for span in doc.spans["fp_places"]}
    assert places.get(mention) == country
    assert "PORT" not in places


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        ("Flights were delayed at Heathrow on Saturday.", "Heathrow", "London Heathrow Airport"),
        (
            "She landed at Pearson International Airport after midnight.",
            "Pearson International Airport",
            "Toronto Pearson International Airport",
        ),
        ("Ministers of the EU met in the evening.", "EU", "European Union"),
    ],
)
def test_airports_and_unions_are_known_by_their_short_names(nlp, text, mention, name):
    assert place_names(nlp, text)[mention][0] == name
