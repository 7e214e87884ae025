"""Events recalled in passing: a known attack that a sentence talks about, answers or names is
an event that happened (not an intention), keeps its own doer, date and place, and ranks below
the act the sentence reports. Sentences are written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.events.review import main_event
from flashpoint.model import Event

pytestmark = pytest.mark.slow

PUBLISHED = date(2023, 4, 3)  # a Monday


def coded(nlp, text: str) -> list[Event]:
    doc = nlp.make_doc(text)
    doc._.fp_doc_id = "recaps"
    doc._.fp_published = PUBLISHED
    return list(nlp(doc)._.fp_events)


def by_trigger(events: list[Event], word: str) -> Event:
    found = [e for e in events if e.trigger and word in e.trigger]
    assert found, [(e.event_type, e.trigger) for e in events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The militia vowed to answer the bombing of its headquarters.", "bombing"),
        ("The raid was ordered by the defence minister after the ambush.", "raid"),
        ("The raid was ordered by the defence minister after the ambush.", "ambush"),
        ("The governor called the shelling of the market a war crime.", "shelling"),
        ("Rebels pulled back days after the storming of the prison.", "storming"),
    ],
)
def test_a_known_attack_a_clause_is_about_is_not_an_intention(nlp, text, trigger):
    event = by_trigger(coded(nlp, text), trigger)
    assert event.event_type == "ASSAULT"
    assert not {"future", "hypothetical"} & set(event.aux)


def test_an_attack_ordered_in_the_passive_is_done_by_the_one_who_ordered_it(nlp):
    events = coded(nlp, "The strike was ordered by President Joe Biden on Sunday.")
    strike = by_trigger(events, "strike")
    assert strike.actor is not None and strike.actor.country == "USA"
    assert "future" not in strike.aux


def test_naming_an_attack_is_no_request(nlp):
    events = coded(nlp, "The mayor called the attack on the station a massacre.")
    assert not [e for e in events if e.event_type == "REQUEST"]


@pytest.mark.parametrize(
    "text",
    [
        "Unions called a general strike that shut the main airport.",
        "Opposition parties called a protest in the capital for Friday.",
    ],
)
def test_calling_a_strike_or_protest_convenes_it_and_requests_nothing(nlp, text):
    assert not [e for e in coded(nlp, text) if e.event_type == "REQUEST"]


def test_calling_off_a_strike_is_still_a_concession(nlp):
    events = coded(nlp, "The dockers' union called off the strike after a pay offer.")
    assert [e for e in events if e.event_type == "CONCEDE" and "called off" in e.trigger]


def test_the_capture_of_a_town_by_a_group_names_the_group_as_actor(nlp):
    events = coded(nlp, "The capture of Kidal by Tuareg rebels angered the junta.")
    capture = by_trigger(events, "capture")
    assert capture.event_type == "ASSAULT"
    assert capture.actor is not None and "rebels" in (capture.actor.text or "")


def test_missiles_launched_at_a_target_are_an_attack(nlp):
    events = coded(nlp, "Houthi forces launched three missiles at a tanker in the Red Sea.")
    attack = by_trigger(events, "launched")
    assert (attack.event_type, attack.mode) == ("ASSAULT", "heavy-weapons")


def test_who_died_when_missiles_hit_is_the_toll_of_the_hit(nlp):
    events = coded(nlp, "Two aid workers died when a missile hit their car near Kherson.")
    assaults = [e for e in events if e.event_type == "ASSAULT"]
    assert len(assaults) == 1
    hit = assaults[0]
    assert hit.trigger == "hit" and hit.dead == 2
    # the dead were hit: they are the recipient, never the attacker
    assert hit.actor is None or "workers" not in (hit.actor.text or "")


def test_a_dateline_city_is_not_the_subject_of_the_lead(nlp):
    text = "KHARTOUM, April 2, 2023 - Paramilitary fighters shelled a hospital in Omdurman."
    shelling = by_trigger(coded(nlp, text), "shelled")
    assert shelling.actor is not None and "KHARTOUM" not in (shelling.actor.text or "")


def test_a_response_does_not_take_the_date_or_place_of_what_it_answers(nlp):
    text = (
        "US jets struck targets west of Baghdad on Sunday. Officials described the airstrikes "
        "as retaliation for Friday's bombing of a checkpoint near Kirkuk."
    )
    events = coded(nlp, text)
    airstrikes, bombing = by_trigger(events, "airstrikes"), by_trigger(events, "bombing")
    assert bombing.date.start == date(2023, 3, 31) and bombing.location.name == "Kirkuk"
    assert airstrikes.date is None or airstrikes.date.start != date(2023, 3, 31)
    assert airstrikes.location is None or airstrikes.location.name != "Kirkuk"


def test_a_country_right_before_the_trigger_is_the_doer_not_the_place(nlp):
    text = "Crowds marched in Baghdad against the US airstrikes near the Syrian border."
    airstrikes = by_trigger(coded(nlp, text), "airstrikes")
    assert airstrikes.location is None or airstrikes.location.country != "USA"


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("The council condemned the shelling of the hospital in Kharkiv.", "ACCUSE"),
        ("Investigators opened an inquiry into the bombing of the mosque.", "ACCUSE"),
    ],
)
def test_a_known_event_talked_about_ranks_below_the_sentences_own_act(nlp, text, act):
    events = coded(nlp, text)
    assert [e for e in events if e.event_type == "ASSAULT"]
    assert main_event(events).event_type == act


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # the article names the mission's country once; later mentions are that country's
        (
            "Protesters stormed the French embassy in Niamey on Sunday. Later the crowd broke "
            "into the embassy grounds and burned a guard post.",
            "FRA",
        ),
        # a mission with no country known is not its host city's
        ("Militiamen attacked the embassy in Kabul.", None),
    ],
)
def test_an_embassy_belongs_to_the_country_that_sends_it(nlp, text, country):
    events = [e for e in coded(nlp, text) if e.trigger in ("broke into", "attacked")]
    assert events and events[0].recipient is not None
    assert events[0].recipient.country == country


def test_the_one_killed_outranks_the_place_the_strike_hit_as_recipient(nlp):
    text = "The commander was killed in a drone strike at Erbil airport on Friday."
    strike = by_trigger(coded(nlp, text), "drone strike")
    assert strike.recipient is not None and "commander" in (strike.recipient.text or "")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A US drone strike hit a compound in Nangarhar province.", "USA"),
        # a capital before the attack says where it happened, not who did it
        ("The Kabul bombing killed dozens of people outside the airport.", None),
    ],
)
def test_a_party_before_a_compound_attack_noun_is_its_actor(nlp, text, country):
    events = [e for e in coded(nlp, text) if e.event_type == "ASSAULT"]
    assert events
    actor = events[0].actor
    if country is None:
        assert actor is None or actor.sector in (None, "UAF")
    else:
        assert actor is not None and actor.country == country


def test_those_named_as_unharmed_are_not_the_recipient(nlp):
    events = coded(nlp, "No civilians were killed in the strike on the depot, the army said.")
    strike = by_trigger(events, "strike")
    assert strike.recipient is None or "civilians" not in (strike.recipient.text or "")


def test_claiming_an_attack_reports_the_attack_by_the_claimant(nlp):
    text = "Al-Shabaab claimed responsibility for the attack on the hotel."
    attack = by_trigger(coded(nlp, text), "attack")
    assert attack.event_type == "ASSAULT" and attack.actor is not None
