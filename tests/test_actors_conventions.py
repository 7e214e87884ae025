"""Parties described but not named: peoples coded where they live, sector words of the CAMEO
conventions (workers are labour, hackers criminals), and the convention word lists."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.actors.component import annotate_actors
from flashpoint.actors.conventions import conventions
from flashpoint.actors.kb import get_kb
from flashpoint.actors.resolve import resolve_span


def resolve(nlp, text: str, phrase: str):
    doc = nlp.make_doc(text)
    doc._.fp_published = date(2021, 3, 1)
    doc = annotate_actors(nlp, doc)
    start = text.index(phrase)
    return resolve_span(doc.char_span(start, start + len(phrase), alignment_mode="expand"))


@pytest.mark.parametrize(
    ("text", "phrase", "country", "sector"),
    [
        ("Bosnian Serbs rejected the plan.", "Bosnian Serbs", "BIH", "CVL"),
        ("The Kurds of northern Syria held a vote.", "The Kurds of northern Syria", "SYR", None),
        ("The Albanians of Montenegro voted on Sunday.", "Albanians of Montenegro", "MNE", "CVL"),
        ("Angry Kenyan dock workers walked out.", "Angry Kenyan dock workers", "KEN", "LAB"),
        ("Russian hackers defaced the site.", "Russian hackers", "RUS", "CRM"),
        ("Chadian aircraft bombed the camp.", "Chadian aircraft", "TCD", "MIL"),
    ],
)
def test_peoples_and_kinds_of_people(nlp, text, phrase, country, sector):
    actor = resolve(nlp, text, phrase)
    assert actor is not None
    assert actor.country == country
    if sector is not None:
        assert actor.sector == sector


def test_a_people_named_alone_is_still_its_country(nlp):
    actor = resolve(nlp, "The Iraqis said they would not attend.", "The Iraqis")
    assert actor is not None
    assert (actor.country, actor.sector) == ("IRQ", None)


def test_convention_lists_use_known_sector_and_event_codes():
    rules = conventions()
    assert rules.unidentified_sector in get_kb().sector_labels
    assert rules.population_types <= {"THREATEN", "COERCE", "ASSAULT", "SANCTION", "PROTEST"}
    assert "village" in rules.civilian_places


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "The rebels will meet U.N. envoy Staffan de Mistura on Monday.",
            "U.N. envoy Staffan de Mistura",
        ),
        # a KB person whose own country is Finland: the UN office wins
        ("UN envoy Martti Ahtisaari presented his plan for Kosovo.", "UN envoy Martti Ahtisaari"),
    ],
)
def test_person_in_an_international_office_acts_for_the_organisation(nlp, text, phrase):
    actor = resolve(nlp, text, phrase)
    assert actor is not None
    assert actor.country == "IGO"


@pytest.mark.parametrize(
    ("text", "phrase", "sector"),
    [
        ("Prime Minister Ismail Haniyeh met the envoy.", "Prime Minister Ismail Haniyeh", "GOV"),
        (
            "Supporters of President Paul Kagame rallied.",
            "Supporters of President Paul Kagame",
            "OPP",
        ),
        (
            "The deputy chief of a Somali militia was shot.",
            "The deputy chief of a Somali militia",
            "REB",
        ),
    ],
)
def test_title_before_a_name_and_heads_of_an_of_phrase(nlp, text, phrase, sector):
    actor = resolve(nlp, text, phrase)
    assert actor is not None
    assert actor.sector == sector


def test_coordinated_demonyms_share_the_head_noun(nlp):
    text = "Police beat dozens of Malian and Nigerien migrants at the border."
    actor = resolve(nlp, text, "Malian and Nigerien migrants")
    assert actor is not None
    assert (actor.country, actor.sector) == ("MLI", "REF")
