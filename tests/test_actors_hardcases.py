"""Hard cases: shared demonyms read from the article, country names inside person names,
"they" after a named group, and misspelt long country names (never ordinary words)."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.actors.component import annotate_actors
from flashpoint.actors.kb import get_kb
from flashpoint.actors.matcher import find
from flashpoint.actors.resolve import resolve_span


def resolve(nlp, text: str, phrase: str, published: date = date(2021, 6, 1)):
    doc = nlp.make_doc(text)
    doc._.fp_published = published
    doc = annotate_actors(nlp, doc)
    start = text.index(phrase)
    return resolve_span(doc.char_span(start, start + len(phrase), alignment_mode="expand"))


def country_refs(text: str) -> list[str]:
    return [ref[1] for match in find(text) for ref in match.refs if ref[1].startswith("country/")]


def test_a_shared_demonym_lists_its_other_countries() -> None:
    assert "COG" in get_kb().demonym_alternatives["COD"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Congolese police beat protesters in Brazzaville on Monday.", "COG"),
        ("Officials in Congo-Brazzaville said Congolese police made arrests.", "COG"),
        ("Congolese police beat protesters in Kinshasa on Monday.", "COD"),
        ("Congolese police beat protesters near Goma on Monday.", "COD"),
    ],
)
def test_congolese_follows_the_congo_the_article_names(nlp, text: str, country: str) -> None:
    actor = resolve(nlp, text, "Congolese police")
    assert (actor.country, actor.sector) == (country, "COP")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Michael Jordan gave money to the flood appeal.", "Michael Jordan"),
        ("Chad Smith, a farmer, said raiders took his goats.", "Chad Smith"),
        ("Georgia Thompson, a nurse, was freed on Friday.", "Georgia Thompson"),
    ],
)
def test_a_country_name_inside_a_person_name_is_not_the_country(nlp, text, phrase) -> None:
    actor = resolve(nlp, text, phrase)
    assert actor is None or not (actor.id or "").startswith("country/")


@pytest.mark.parametrize(
    ("text", "phrase", "entry_id"),
    [
        ("Jordan closed the crossing after the clashes.", "Jordan", "country/JOR"),
        ("Chad sent troops to the lake region.", "Chad", "country/TCD"),
        ("Georgia recalled its ambassador.", "Georgia", "country/GEO"),
    ],
)
def test_the_same_names_alone_are_still_countries(nlp, text, phrase, entry_id) -> None:
    assert resolve(nlp, text, phrase).id == entry_id


def test_they_refers_to_the_armed_group_that_was_the_subject(nlp) -> None:
    text = "The Houthis fired missiles at a tanker. They said the ship was bound for Israel."
    actor = resolve(nlp, text, "They", published=date(2024, 1, 15))
    assert actor is not None and actor.id == "org/houthis"


def test_they_is_not_linked_to_a_country(nlp) -> None:
    text = "Iran tested a missile. They said the test was a success."
    assert resolve(nlp, text, "They") is None


@pytest.mark.parametrize(
    ("word", "iso3"),
    [
        ("Afganistan", "AFG"),
        ("Phillipines", "PHL"),
        ("Azerbajan", "AZE"),
        ("Venezuala", "VEN"),
        ("Kazakstan", "KAZ"),
        ("Bangladash", "BGD"),
        ("Ethopia", "ETH"),
        ("Pakstan", "PAK"),
    ],
)
def test_misspelt_long_country_names_match(word: str, iso3: str) -> None:
    assert country_refs(f"Troops from {word} arrived.") == [f"country/{iso3}"]


@pytest.mark.parametrize(
    "word",
    [
        "Columbia",
        "Saturday",
        "September",
        "Christian",
        "Parliament",
        "Opposition",
        "Coalition",
        "President",
        "Washington",
        "Government",
        "Christmas",
        "Catalonia",
        "Caledonia",
        "Scandinavia",
        "Caribbean",
        "Republican",
        "Communist",
        "Islanders",
        "Transnistria",
        "Zaporizhzhia",
        "Kramatorsk",
        "Australian",
        "Mauritian",
        "Colombo",
        "Mongols",
        "Slovaks",
        "Kashmir",
        "Baghdad",
        "Catholic",
    ],
)
def test_common_words_never_match_a_country_by_spelling(word: str) -> None:
    refs = [ref for match in find(f"The {word} said.") if match.fuzzy for ref in match.refs]
    assert refs == []


@pytest.mark.parametrize(
    ("text", "phrase", "published", "entry_id"),
    [
        (
            "Pakistan's army chief met elders.",
            "Pakistan's army chief",
            date(2023, 2, 1),
            "person/asim-munir",
        ),
        (
            "Pakistan's army chief met elders.",
            "Pakistan's army chief",
            date(2020, 2, 1),
            "person/qamar-javed-bajwa",
        ),
        (
            "Turkey's foreign minister flew to Baghdad.",
            "Turkey's foreign minister",
            date(2024, 5, 10),
            "person/hakan-fidan",
        ),
    ],
)
def test_a_title_after_a_country_name_is_the_office_holder(nlp, text, phrase, published, entry_id):
    assert resolve(nlp, text, phrase, published).id == entry_id


def test_the_army_alone_is_still_the_organisation(nlp) -> None:
    assert resolve(nlp, "Pakistan's army shelled the border.", "Pakistan's army").id == (
        "org/pakistan-army"
    )


def test_a_common_surname_after_an_honorific_names_no_imported_person(nlp) -> None:
    actor = resolve(nlp, "Mr. Hassan, a shopkeeper, said the market burned.", "Mr. Hassan")
    assert actor is None or not (actor.id or "").startswith("px/")


def test_a_surname_only_one_imported_person_has_still_names_them(nlp) -> None:
    text = "President Bouteflika promised new elections."
    actor = resolve(nlp, text, "President Bouteflika", published=date(2005, 3, 1))
    assert actor is not None and actor.country == "DZA"


@pytest.mark.parametrize(
    ("text", "mention", "sectors"),
    [
        # CAMEO's "unknown gunmen" and Phoenix's GUNMEN entry: unidentified armed forces
        ("Gunmen shot dead a village chief in Zamfara.", "Gunmen", {"UAF"}),
        # armed men the text says belong to a group are that group's fighters
        (
            "Soldiers clashed with gunmen from the Sinaloa Cartel.",
            "gunmen from the Sinaloa Cartel",
            {"REB", "CRM"},
        ),
    ],
)
def test_gunmen_nobody_names_are_unidentified_armed_forces(nlp, text, mention, sectors):
    from flashpoint.actors.resolve import resolve_span

    doc = nlp(text)
    start = text.index(mention)
    actor = resolve_span(doc.char_span(start, start + len(mention)))
    # a group the KB knows keeps its own sector (a cartel is CRM)
    assert actor is not None and actor.sector in sectors
