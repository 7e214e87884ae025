"""resolve_span and the fp_actors component: KB names, country + sector phrases, titles by date,
coreference, NER correction, and nothing for phrases that name no actor."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.actors.component import annotate_actors
from flashpoint.actors.resolve import resolve_span


def make_doc(nlp, text: str, published: date | None = date(2020, 1, 2)):
    doc = nlp.make_doc(text)
    doc._.fp_published = published
    return annotate_actors(nlp, doc)


def resolve(nlp, text: str, phrase: str, published: date | None = date(2020, 1, 2), nth: int = 0):
    doc = make_doc(nlp, text, published)
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
    return resolve_span(span)


@pytest.mark.parametrize(
    ("text", "phrase", "country", "sector"),
    [
        ("Iraqi security forces fired tear gas.", "Iraqi security forces", "IRQ", "MIL"),
        ("An American contractor was killed.", "An American contractor", "USA", "BUS"),
        ("Hundreds of protesters marched.", "Hundreds of protesters", None, "OPP"),
        ("Five Panamanian army officers were held.", "Five Panamanian army officers", "PAN", "MIL"),
        ("The Pentagon sent troops.", "The Pentagon", "USA", "MIL"),
        ("Washington said it would respond.", "Washington", "USA", "GOV"),
        ("Tehran denied the report.", "Tehran", "IRN", "GOV"),
        ("The Kremlin rejected the claim.", "The Kremlin", "RUS", "GOV"),
        ("The White House issued a statement.", "The White House", "USA", "GOV"),
        ("Iran's leaders were warned.", "Iran's leaders", "IRN", "GOV"),
        ("Egyptian police arrested him.", "Egyptian police", "EGY", "COP"),
        ("Syrian rebels took the town.", "Syrian rebels", "SYR", "REB"),
        ("Sudanese refugees fled.", "Sudanese refugees", "SDN", "REF"),
        ("Israeli warplanes struck.", "Israeli warplanes", "ISR", "MIL"),
        ("The Islamic Republic refused.", "The Islamic Republic", "IRN", None),
        ("The U.S. imposed sanctions.", "The U.S.", "USA", None),
        ("UK officials declined to comment.", "UK officials", "GBR", "GOV"),
        ("Iranian-backed militias fired rockets.", "Iranian-backed militias", None, "REB"),
        ("Shiite militia leaders met.", "Shiite militia leaders", None, "REB"),
        ("The Iraqis protested.", "The Iraqis", "IRQ", None),
        ("The government of Iraq objected.", "The government of Iraq", "IRQ", "GOV"),
        ("Doctors treated the wounded civilians.", "the wounded civilians", None, "CVL"),
    ],
)
def test_phrases_resolve_to_country_and_sector(nlp, text, phrase, country, sector) -> None:
    actor = resolve(nlp, text, phrase)
    assert actor is not None
    assert (actor.country, actor.sector) == (country, sector)


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Kataib Hezbollah denied it.", "Kataib Hezbollah", "org/kataib-hezbollah"),
        (
            "Kata’ib Hezbollah fighters gathered.",
            "Kata’ib Hezbollah fighters",
            "org/kataib-hezbollah",
        ),
        ("U.N. helicopters landed.", "U.N. helicopters", "igo/un"),
        ("Members of the PMF marched.", "Members of the PMF", "org/popular-mobilization-forces"),
        ("The Houthis fired a missile.", "The Houthis", "org/houthis"),
        (
            "Defense Secretary Mark Esper spoke.",
            "Defense Secretary Mark Esper",
            "person/mark-esper",
        ),
        ("Mr. Esper spoke.", "Mr. Esper", "person/mark-esper"),
        ("Gen. Milley spoke.", "Gen. Milley", "person/mark-milley"),
        ("The Secretary of State spoke.", "The Secretary of State", "person/mike-pompeo"),
        ("The Pentagon chief spoke.", "The Pentagon chief", "person/mark-esper"),
        ("The Iraqi prime minister spoke.", "The Iraqi prime minister", "person/adel-abdul-mahdi"),
        ("Iran's supreme leader spoke.", "Iran's supreme leader", "person/ali-khamenei"),
        ("The leader of Hezbollah spoke.", "The leader of Hezbollah", "org/hezbollah"),
        ("Commanders of the PMF met.", "Commanders of the PMF", "org/popular-mobilization-forces"),
    ],
)
def test_named_actors_resolve_to_kb_entries(nlp, text, phrase, expected) -> None:
    actor = resolve(nlp, text, phrase)
    assert actor is not None and actor.id == expected


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        ("the Secretary of State", date(2019, 6, 1), "person/mike-pompeo"),
        ("the Secretary of State", date(2016, 6, 1), "person/john-kerry"),
        ("the Secretary of State", date(2023, 6, 1), "person/antony-blinken"),
        ("the Iraqi prime minister", date(2021, 6, 1), "person/mustafa-al-kadhimi"),
        ("the Israeli defence minister", date(2023, 6, 1), "person/yoav-gallant"),
        ("the Russian foreign minister", date(2023, 6, 1), "person/sergei-lavrov"),
        ("the prime minister of Iraq", date(2020, 6, 1), "person/mustafa-al-kadhimi"),
    ],
)
def test_titles_resolve_to_the_holder_on_the_document_date(nlp, phrase, published, expected):
    actor = resolve(nlp, f"On Monday {phrase} spoke.", phrase, published)
    assert actor is not None and actor.id == expected


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The attack killed three.", "The attack"),
        ("The region was calm.", "The region"),
        ("Security was tight.", "Security"),
        ("The forces of nature won.", "The forces of nature"),
        ("The situation worsened.", "The situation"),
        ("The turkey was cold.", "The turkey"),
        ("Let us know.", "us"),
        ("Pro-Iran groups gathered.", "Pro-Iran groups"),
        ("The committee met.", "The committee"),
        ("A rocket hit the base.", "A rocket"),
    ],
)
def test_phrases_that_name_no_actor_resolve_to_none(nlp, text, phrase) -> None:
    assert resolve(nlp, text, phrase) is None


@pytest.mark.parametrize(
    ("text", "phrase", "expected", "nth"),
    [
        (
            "Kataib Hezbollah vowed revenge. The group said its fighters were ready.",
            "The group",
            "org/kataib-hezbollah",
            0,
        ),
        (
            "Asaib Ahl al-Haq held a rally. Later the militia marched on the embassy.",
            "the militia",
            "org/asaib-ahl-al-haq",
            0,
        ),
        (
            "Iran attacked tankers near Saudi Arabia. It also sent missiles to Iraq.",
            "It",
            "country/IRN",
            0,
        ),
        (
            "Mark Esper visited the troops. He praised their work.",
            "He",
            "person/mark-esper",
            0,
        ),
        (
            "President Biden ordered the strikes. The president said they sent a message.",
            "The president",
            "person/joe-biden",
            0,
        ),
    ],
)
def test_coreference_links_back_to_the_nearest_compatible_actor(nlp, text, phrase, expected, nth):
    actor = resolve(nlp, text, phrase, date(2021, 3, 1), nth)
    assert actor is not None and actor.id == expected


def test_the_country_refers_back_even_when_the_span_drops_the_determiner(nlp) -> None:
    text = "Protesters marched in Baghdad. Hundreds were killed by the country’s security forces."
    doc = make_doc(nlp, text)
    start = text.index("country’s")
    span = doc.char_span(start, len(text) - 1, alignment_mode="expand")
    actor = resolve_span(span)
    assert actor is not None and (actor.country, actor.sector) == ("IRQ", "COP")


@pytest.mark.parametrize(
    ("text", "phrase", "country", "sector"),
    [
        ("The Israeli said nothing.", "The Israeli", "ISR", None),
        (
            "Serbian President Vojislav Novakovic resigned.",
            "Serbian President Vojislav Novakovic",
            "SRB",
            "GOV",
        ),
        ("The US-led coalition struck.", "The US-led coalition", "IGO", "MIL"),
        ("US-led forces struck.", "US-led forces", "USA", "MIL"),
        ("Rebels in the Ivory Coast seized a town.", "Rebels in the Ivory Coast", "CIV", "REB"),
        (
            "Doctors from two American aid groups arrived.",
            "Doctors from two American aid groups",
            "USA",
            "HLH",
        ),
        ("Iraqi Kurds demonstrated.", "Iraqi Kurds", "IRQ", "CVL"),
    ],
)
def test_harder_phrases(nlp, text, phrase, country, sector) -> None:
    actor = resolve(nlp, text, phrase)
    assert actor is not None and (actor.country, actor.sector) == (country, sector)


def test_title_and_surname_find_the_one_person_active_then(nlp) -> None:
    actor = resolve(
        nlp, "President Bouteflika met the envoy.", "President Bouteflika", date(2005, 3, 1)
    )
    assert actor is not None and actor.id == "px/abdelaziz-bouteflika" and actor.country == "DZA"


def test_a_title_before_an_unknown_name_is_not_an_earlier_office_holder(nlp) -> None:
    text = "President Trump spoke first. Later President Kovalenko of Freedonia replied."
    actor = resolve(nlp, text, "President Kovalenko", date(2019, 6, 1))
    assert actor is None or actor.id != "person/donald-trump"


def test_it_without_an_actor_subject_before_names_no_actor(nlp) -> None:
    assert resolve(nlp, "Rain fell on Baghdad. It was cold.", "It") is None


def test_the_group_with_no_earlier_organisation_names_no_actor(nlp) -> None:
    assert resolve(nlp, "The group said it was ready.", "The group") is None


def test_component_fills_span_group_with_actor_offsets(nlp) -> None:
    text = "Kataib Hezbollah attacked, and Iraqi security forces responded."
    doc = make_doc(nlp, text)
    spans = list(doc.spans["fp_actors"])
    by_text = {span.text: span._.fp_actor for span in spans}
    actor = by_text["Kataib Hezbollah"]
    assert (actor.id, actor.country, actor.sector) == ("org/kataib-hezbollah", "IRQ", "REB")
    assert text[actor.start : actor.end] == "Kataib Hezbollah"
    assert "Iraqi security forces" in by_text


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Kataib Hezbollah attacked the base on Friday.", "Kataib Hezbollah", "ORG"),
        ("Asaib Ahl al-Haq denied the report on Friday.", "Asaib Ahl al-Haq", "ORG"),
        ("Analysts say Hadi al-Amiri controls the Badr Organization.", "Hadi al-Amiri", "PERSON"),
    ],
)
def test_statistical_ner_is_corrected_from_the_kb(nlp, text, name, label) -> None:
    doc = make_doc(nlp, text)
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels.get(name) == label


def test_unknown_document_date_uses_current_roles(nlp) -> None:
    actor = resolve(nlp, "Kataib Hezbollah denied it.", "Kataib Hezbollah", published=None)
    assert actor is not None and actor.id == "org/kataib-hezbollah"
