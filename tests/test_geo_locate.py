"""event_location picks where the event happened, not every place the sentence mentions."""

from __future__ import annotations

import pytest

from flashpoint.geo.locate import event_location, focus_location

pytestmark = pytest.mark.slow


def locate(nlp, text: str, trigger: str):
    doc = nlp(text)
    token = next(token for token in doc if token.text == trigger)
    return event_location(doc, token.sent, token)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("A roadside bomb killed a contractor near Kirkuk on Friday.", "killed", "Kirkuk"),
        ("Troops from Fort Bragg deployed to Kuwait last week.", "deployed", "Kuwait"),
        ("The militia claimed strikes on outposts in Syria and Iraq.", "strikes", "Syria"),
        (
            "Rockets hit Ain al-Asad air base in western Anbar province.",
            "hit",
            "Al Asad Air Base",
        ),
        ("Iraq's prime minister condemned the attack in Basra.", "attack", "Basra"),
    ],
)
def test_event_location_is_the_events_place(nlp, text, trigger, expected):
    found = event_location_name(locate(nlp, text, trigger))
    assert found.startswith(expected)


def event_location_name(result):
    assert result is not None
    place, confidence = result
    assert 0 < confidence <= 1
    return place.name


def test_without_a_place_in_the_sentence_the_article_focus_is_used(nlp):
    text = (
        "Militants shelled Mosul on Monday. Residents of Mosul fled east. "
        "The attack wounded four people."
    )
    doc = nlp(text)
    token = next(token for token in doc if token.text == "wounded")
    place, confidence = event_location(doc, token.sent, token)
    in_sentence = locate(nlp, "Militants shelled Mosul on Monday.", "shelled")
    assert place.name == "Mosul"
    assert confidence < in_sentence[1]


def test_no_places_anywhere_gives_none(nlp):
    assert locate(nlp, "The talks collapsed after midnight.", "collapsed") is None
    assert focus_location(nlp("Nothing happened.")) is None


def test_a_country_named_as_a_party_is_not_the_setting(nlp):
    text = "Rockets hit a base in Kirkuk on Monday. The United States condemned the attack."
    place, _ = locate(nlp, text, "condemned")
    assert place.name == "Kirkuk"


def test_dateline_counts_less_than_the_places_events_happen_in(nlp):
    text = (
        "WASHINGTON — Officials met on Tuesday. Militants shelled Mosul overnight. "
        "Families fled Mosul as fighting spread near Mosul airport."
    )
    place, confidence = focus_location(nlp(text))
    assert place.name == "Mosul" and confidence < 0.5


def test_the_city_of_is_a_setting_not_an_origin(nlp):
    text = "Militants killed a guard in a rocket attack near the Iraqi city of Kirkuk."
    place, _ = locate(nlp, text, "killed")
    assert place.name == "Kirkuk"


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        (
            "KYIV, April 8 — Kharkiv's governor said missiles killed four people.",
            "killed",
            "Kharkiv",
        ),
        ("KYIV, April 8 — Missiles killed four people in Kharkiv overnight.", "killed", "Kharkiv"),
        ("WASHINGTON — Gunmen attacked a checkpoint in Kirkuk on Sunday.", "attacked", "Kirkuk"),
    ],
)
def test_a_place_the_event_sentence_names_beats_the_dateline(nlp, text, trigger, expected):
    assert event_location_name(locate(nlp, text, trigger)).startswith(expected)


def test_a_dateline_alone_is_the_place_with_less_confidence(nlp):
    dateline = locate(nlp, "BAGHDAD, May 2 — Gunmen killed two policemen on Tuesday.", "killed")
    inline = locate(nlp, "Gunmen killed two policemen in Baghdad on Tuesday.", "killed")
    assert dateline[0].name == inline[0].name == "Baghdad"
    assert dateline[1] < inline[1]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # A city standing for its government: the object of "against" or an acting subject.
        (
            "European ministers condemned the shelling and agreed new sanctions against Moscow.",
            "shelling",
        ),
        ("Analysts said Tehran had planned the ambush carefully.", "ambush"),
    ],
)
def test_a_capital_standing_for_its_government_is_not_the_events_place(nlp, text, trigger):
    result = locate(nlp, text, trigger)
    assert result is None or result[0].name not in ("Moscow", "Tehran")


def test_a_recalled_cause_does_not_take_the_place_of_the_act_it_provoked(nlp):
    text = "Militias fired rockets at a base near Erbil in revenge for the killing of their leader."
    assert locate(nlp, text, "killing") is None
    assert event_location_name(locate(nlp, text, "fired")).startswith("Erbil")


def test_a_recalled_cause_keeps_a_place_of_its_own_phrase(nlp):
    text = "Militias fired rockets at a base near Erbil in revenge for the raid on Mosul."
    assert event_location_name(locate(nlp, text, "raid")).startswith("Mosul")


def test_a_condemned_event_falls_back_on_the_article_focus(nlp):
    text = (
        "A missile hit the market in Kharkiv on Monday. Leaders in Brussels condemned the attack."
    )
    doc = nlp(text)
    token = [token for token in doc if token.text == "attack"][-1]
    place, _ = event_location(doc, token.sent, token)
    assert place.name == "Kharkiv"


def test_a_party_inside_a_recalled_cause_is_not_its_place(nlp):
    text = "Protesters rallied in Basra in anger over the Iraq army raids on border villages."
    assert locate(nlp, text, "raids") is None


def test_an_event_that_followed_another_does_not_take_that_events_place(nlp):
    text = (
        "Crowds rioted in Nairobi on Tuesday. The riots followed the arrest of a mayor in Mombasa."
    )
    doc = nlp(text)
    token = next(token for token in doc if token.text == "riots")
    place, _ = event_location(doc, token.sent, token)
    assert place.name == "Nairobi"
