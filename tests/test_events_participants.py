"""Countries of actors and recipients read from where the sentence places them, and the parties
of casualty verbs carried over to the attack they report."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.model import Event

pytestmark = pytest.mark.slow


def main_event(nlp, text: str) -> Event:
    doc = nlp.make_doc(text)
    doc._.fp_doc_id = "test-doc"
    doc._.fp_published = date(2022, 5, 10)
    events = [event for event in nlp(doc)._.fp_events if "negation" not in event.aux]
    assert events, text
    return max(events, key=lambda event: event.confidence or 0)


@pytest.mark.parametrize(
    ("text", "recipient_country"),
    [
        ("Israeli helicopters shelled positions in Gaza on Monday.", "PSE"),
        ("Government troops attacked a refugee camp near Mosul on Friday.", "IRQ"),
        ("The army raided villages across northern Mali overnight.", "MLI"),
        ("Police in Sudan lifted the curfew in Khartoum on Sunday.", "SDN"),
    ],
)
def test_place_of_the_target_gives_the_recipient_country(nlp, text, recipient_country):
    event = main_event(nlp, text)
    assert event.recipient is not None
    assert event.recipient.country == recipient_country


@pytest.mark.parametrize(
    ("text", "actor_country"),
    [
        ("Rebels in Chad attacked an army convoy on Tuesday.", "TCD"),
        ("Protesters in Nairobi blocked the main road on Monday.", "KEN"),
    ],
)
def test_place_inside_the_actor_phrase_gives_the_actor_country(nlp, text, actor_country):
    event = main_event(nlp, text)
    assert event.actor is not None
    assert event.actor.country == actor_country


def test_casualty_verb_lends_its_parties_to_the_attack(nlp):
    text = "Insurgents wounded three Afghan policemen in a bomb attack on Thursday."
    event = main_event(nlp, text)
    assert event.event_type == "ASSAULT"
    assert event.injured == 3
    assert event.actor is not None and event.actor.country == "AFG" or event.actor.sector
    assert event.recipient is not None and event.recipient.country == "AFG"


def test_victims_of_an_explosion_are_its_recipient(nlp):
    event = main_event(nlp, "A car bomb explosion in Kirkuk killed four Iraqi soldiers on Monday.")
    assert event.event_type == "ASSAULT"
    assert event.dead == 4
    assert event.recipient is not None and event.recipient.country == "IRQ"
    assert event.recipient.sector == "MIL"


def test_a_date_after_on_is_not_the_recipient(nlp):
    event = main_event(nlp, "Iran threatened on Tuesday to close the strait.")
    assert event.recipient is None or event.recipient.text != "Tuesday"


@pytest.mark.parametrize(
    ("text", "event_type", "mode"),
    [
        ("Militants killed the deputy governor of the province on Sunday.", "ASSAULT", "targeted"),
        (
            "The group threatened to resume terrorist activities in the capital.",
            "THREATEN",
            "violence",
        ),
        ("The rebels threatened to deliver painful blows to the army.", "THREATEN", "violence"),
        ("Troops launched rocket fire against rebel camps on Monday.", "ASSAULT", "heavy-weapons"),
    ],
)
def test_modes_from_victims_and_threatened_violence(nlp, text, event_type, mode):
    event = main_event(nlp, text)
    assert (event.event_type, event.mode) == (event_type, mode)


def test_an_announced_curfew_extension_is_a_threat(nlp):
    text = "The governor said on Monday that he will extend the curfew in the city after the riots."
    doc = nlp.make_doc(text)
    doc._.fp_doc_id = "test-doc"
    types = {event.event_type for event in nlp(doc)._.fp_events}
    assert "THREATEN" in types


def test_the_fire_that_killed_reports_its_toll(nlp):
    text = "Troops launched rocket fire against rebel camps on Monday, killing 12 fighters."
    event = main_event(nlp, text)
    assert event.trigger.endswith("rocket fire")
    assert event.dead == 12


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Doctors from two American charities delivered medicine to the hospital.", "USA", None),
        ("Judge Amara Kintu opened an investigation into Ugandan police officers.", "UGA", "JUD"),
    ],
)
def test_parties_the_knowledge_base_lacks_are_read_from_title_and_place(nlp, text, country, sector):
    event = main_event(nlp, text)
    assert event.actor is not None
    assert event.actor.country == country
    if sector:
        assert event.actor.sector == sector


def test_attackers_named_by_a_pronoun_are_not_counted_among_the_dead(nlp):
    text = "Two bombers killed 14 people as well as themselves in the market on Friday."
    event = main_event(nlp, text)
    assert event.dead == 14


def test_an_ethnic_group_takes_the_country_it_lives_in(nlp):
    event = main_event(nlp, "Serbian police killed two ethnic Hungarians in northern Serbia.")
    assert event.recipient is not None and event.recipient.country == "SRB"


def test_police_act_on_people_of_their_own_country(nlp):
    event = main_event(nlp, "Kenyan police opened fire on Tuesday, killing one person.")
    assert event.recipient is not None and event.recipient.country == "KEN"


def test_a_date_in_an_after_phrase_dates_the_other_happening(nlp):
    text = "The raid was ordered by the minister after the bombing of the consulate on Tuesday."
    doc = nlp.make_doc(text)
    doc._.fp_doc_id = "test-doc"
    doc._.fp_published = date(2022, 5, 13)  # a Friday
    events = nlp(doc)._.fp_events
    raid = next(event for event in events if event.trigger == "raid")
    bombing = next(event for event in events if event.trigger == "bombing")
    assert bombing.date is not None and bombing.date.start == date(2022, 5, 10)
    assert raid.date is None or raid.date.start != date(2022, 5, 10)


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers detained more than forty Kurds at a checkpoint near Kirkuk on Monday.",
        "Militiamen shelled a farming village in northern Mali overnight.",
        "Troops demolished several houses near Jenin on Tuesday.",
    ],
)
def test_people_and_populated_places_acted_on_are_civilians(nlp, text):
    event = main_event(nlp, text)
    assert event.recipient is not None
    assert event.recipient.sector == "CVL"


def test_curfew_over_a_city_falls_on_its_population(nlp):
    event = main_event(nlp, "The governor said he will impose a curfew in Kaduna from Friday.")
    assert event.recipient is not None
    assert (event.recipient.country, event.recipient.sector) == ("NGA", "CVL")
    assert event.recipient.text is None  # nobody is named: no offsets are claimed


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A car bomb killed four policemen in Mogadishu on Saturday.", "SOM"),
        ("An explosion at a market in the Nigerian city of Maiduguri killed nine shoppers.", "NGA"),
    ],
)
def test_attack_nobody_is_named_for_is_by_unidentified_attackers_of_the_place(nlp, text, country):
    event = main_event(nlp, text)
    assert event.event_type == "ASSAULT"
    assert event.actor is not None
    assert (event.actor.country, event.actor.sector) == (country, "UAF")
    assert event.actor.text is None


def test_victims_own_nationality_is_not_where_the_attack_happened(nlp):
    event = main_event(nlp, "A roadside bomb killed two Canadian soldiers on Sunday.")
    assert event.actor is None or event.actor.country != "CAN"


def test_ethnic_group_is_coded_where_it_lives(nlp):
    event = main_event(
        nlp, "Ethnic Hungarians in Romania staged a protest in Cluj against the new language law."
    )
    assert event.actor is not None
    assert event.actor.country == "ROU"


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("The rebels rejected an appeal from the Malian army to lay down their weapons.", "MIL"),
        ("The minister demanded the withdrawal of Ethiopian troops from the border town.", "MIL"),
        ("The council refused permission for the building of a new mosque in the city.", "REL"),
    ],
)
def test_party_inside_a_head_that_is_not_one(nlp, text, sector):
    event = main_event(nlp, text)
    assert event.recipient is not None
    assert event.recipient.sector == sector


def test_sanctions_fall_on_the_party_after_the_object(nlp):
    event = main_event(nlp, "The European Union imposed sanctions on the Syrian army on Monday.")
    assert event.event_type == "SANCTION"
    assert event.recipient is not None
    assert (event.recipient.country, event.recipient.sector) == ("SYR", "MIL")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Moscow threatened to cut off gas supplies to Moldova over unpaid bills.", "MDA"),
        ("The president refused to respond to a demand from the Kenyan government.", "KEN"),
        ("Chad has granted asylum to six Sudanese army officers hiding near the border.", "SDN"),
    ],
)
def test_recipient_found_through_an_infinitive_or_a_misparsed_preposition(nlp, text, country):
    event = main_event(nlp, text)
    assert event.recipient is not None
    assert event.recipient.country == country


def test_who_hears_a_complaint_is_not_the_accused(nlp):
    event = main_event(nlp, "Ghana complained to the African Union about Togolese border raids.")
    assert event.recipient is not None
    assert event.recipient.country == "TGO"


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Government troops shelled Kurdish guerrilla camps near the border.", "REB"),
        ("Rebel artillery shelled Kabul on Friday, killing six people.", "CVL"),
        ("The rebels dismissed an appeal from President Nana Kwame to disarm.", "GOV"),
    ],
)
def test_sector_of_places_and_titled_people_acted_on(nlp, text, sector):
    event = main_event(nlp, text)
    assert event.recipient is not None
    assert event.recipient.sector == sector


def test_hunger_strike_in_protest_of_a_government_decision(nlp):
    event = main_event(
        nlp, "Refugees continued a hunger strike in protest of the Danish government's ruling."
    )
    assert event.event_type == "PROTEST"
    assert event.recipient is not None
    assert (event.recipient.country, event.recipient.sector) == ("DNK", "GOV")


def test_a_people_that_protests_is_its_civilians(nlp):
    event = main_event(nlp, "Thousands of Sudanese marched through Khartoum on Friday.")
    assert event.event_type == "PROTEST"
    assert event.actor is not None
    assert (event.actor.country, event.actor.sector) == ("SDN", "CVL")


def test_purpose_clause_of_a_protest_names_its_target(nlp):
    event = main_event(
        nlp, "Hundreds of miners began a sit-in on Monday to protest against Chile's mining law."
    )
    assert event.event_type == "PROTEST"
    assert event.recipient is not None
    assert event.recipient.country == "CHL"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # the weapon is the instrument: who fired it is not said, so no country is asserted
        ("A missile struck the railway station in the eastern city of Kramatorsk on Friday.", None),
        # a weapon with a country keeps it
        ("Russian missiles struck the railway station in Kramatorsk on Friday.", "RUS"),
    ],
)
def test_a_weapon_named_as_the_doer_is_no_actor_of_the_victims_country(text, country):
    from flashpoint import extract

    [event] = [event for event in extract(text, "2022-04-08") if event.event_type == "ASSAULT"]
    assert (event.actor.country if event.actor else None) == country


def test_what_a_demanded_act_is_against_is_its_recipient():
    from flashpoint import extract

    text = "The archbishop called for sanctions against Nigeria on Sunday."
    request = next(e for e in extract(text, "1995-11-12") if e.event_type == "REQUEST")
    assert request.recipient is not None and request.recipient.country == "NGA"
