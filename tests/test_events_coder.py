"""Behaviour of the event coder on sentences written for these tests.

Assertions on actor/recipient countries depend on the actors component's resolution; they are
marked "(actors)" in the test names' docstrings and fail only if that resolution regresses.
"""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.model import PLOVER_TYPES, Event

pytestmark = pytest.mark.slow

PUBLISHED = date(2021, 3, 1)


def code(nlp, text: str, published: date | None = PUBLISHED) -> tuple[list[Event], str]:
    doc = nlp.make_doc(text)
    doc._.fp_doc_id = "test-doc"
    doc._.fp_published = published
    doc = nlp(doc)
    return list(doc._.fp_events), doc.text


def of_type(events: list[Event], event_type: str) -> list[Event]:
    return [event for event in events if event.event_type == event_type]


def main(events: list[Event]) -> Event | None:
    """The event a reader would take as the news: highest confidence, not negated."""
    live = [event for event in events if "negation" not in event.aux]
    return max(live, key=lambda event: event.confidence or 0) if live else None


def mention(text: str, actor) -> str:
    assert actor is not None and actor.start is not None
    return text[actor.start : actor.end]


def test_passive_voice_takes_the_by_agent_as_actor(nlp):
    """(actors) Turkish jets are the doers even though they come last."""
    events, text = code(nlp, "Kurdish positions near the border were bombed by Turkish jets.")
    event = main(events)
    assert event.event_type == "ASSAULT"
    assert event.mode == "aerial"
    assert event.actor is not None and event.actor.country == "TUR"
    assert "jets" in mention(text, event.actor)


def test_an_event_that_does_something_is_no_party_to_it(nlp):
    """ "The missile attack destroyed hangars": the attack is not the actor; its own doer is."""
    events, text = code(nlp, "The missile attack on Wednesday destroyed hangars at the base.")
    destroyed = next(event for event in events if event.trigger == "destroyed")
    assert destroyed.actor is None or "attack" not in mention(text, destroyed.actor)
    events, text = code(nlp, "Hamas's rocket attack destroyed two homes in the town.")
    destroyed = next(event for event in events if event.trigger == "destroyed")
    assert "Hamas" in mention(text, destroyed.actor)


def test_nominal_event_with_possessive_actor_and_target(nlp):
    events, text = code(nlp, "Hamas's rocket attack on the border town wounded three residents.")
    event = main(events)
    assert event.event_type == "ASSAULT"
    assert event.mode == "heavy-weapons"
    assert event.trigger == "rocket attack"
    assert "Hamas" in mention(text, event.actor)
    assert event.injured == 3


def test_reported_speech_credits_the_doer_not_the_speaker(nlp):
    """(actors) Officials report the attack; Russian troops did it."""
    events, _ = code(nlp, "Officials said Russian troops attacked the village overnight.")
    event = main(events)
    assert event.event_type == "ASSAULT"
    assert event.actor is not None and event.actor.country == "RUS"


def test_speech_act_is_the_event_with_the_speaker_as_actor(nlp):
    """(actors) An accusation is coded as ACCUSE by the one who accuses."""
    events, _ = code(
        nlp, "The French president accused Moscow of waging a disinformation campaign."
    )
    event = main(events)
    assert event.event_type == "ACCUSE"
    assert event.actor is not None and event.actor.country == "FRA"
    assert event.recipient is not None and event.recipient.country == "RUS"


def test_threat_is_threaten_and_the_threatened_strike_is_not_real(nlp):
    events, _ = code(nlp, "North Korea threatened to strike the island of Guam.")
    event = main(events)
    assert event.event_type == "THREATEN"
    assert event.mode == "violence"
    for assault in of_type(events, "ASSAULT"):
        assert {"future", "hypothetical"} & set(assault.aux)
        assert assault.confidence < event.confidence


def test_conditional_attack_is_a_threat_and_keeps_its_modality(nlp):
    text = "Ankara will launch a ground offensive if the militia does not withdraw."
    events, _ = code(nlp, text)
    assert main(events).event_type == "THREATEN"
    offensive = of_type(events, "ASSAULT")
    assert offensive and "future" in offensive[0].aux


@pytest.mark.parametrize(
    "text",
    [
        "No soldiers were hurt in the incident.",
        "The army did not attack the town.",
        "Nobody was injured in the exchange.",
    ],
)
def test_negated_violence_is_marked_negation(nlp, text):
    events, _ = code(nlp, text)
    assaults = of_type(events, "ASSAULT")
    assert assaults, text
    assert all("negation" in event.aux for event in assaults)


def test_denial_is_a_rejection_and_negates_the_denied_attack(nlp):
    events, _ = code(nlp, "The group denied carrying out the bombing.")
    assert main(events).event_type == "REJECT"
    bombing = of_type(events, "ASSAULT")
    assert bombing and "negation" in bombing[0].aux


def test_event_years_before_the_document_are_historical(nlp):
    events, _ = code(nlp, "In 2016, government forces shelled the city.")
    assert "historical" in of_type(events, "ASSAULT")[0].aux


def test_background_clause_is_historical_but_the_news_is_not(nlp):
    text = "Militants who had attacked the base in 2017 launched a new assault on Monday."
    events, _ = code(nlp, text)
    old, new = sorted(of_type(events, "ASSAULT"), key=lambda e: e.evidence.trigger_start)
    assert "historical" in old.aux
    assert "historical" not in new.aux


def test_recent_event_is_not_historical(nlp):
    events, _ = code(nlp, "Government forces shelled the city on Friday.")
    assert "historical" not in of_type(events, "ASSAULT")[0].aux


def test_two_events_in_one_sentence_keep_their_own_types_and_modes(nlp):
    events, _ = code(nlp, "Police arrested twelve people and fired tear gas at the crowd.")
    assert [e.mode for e in of_type(events, "COERCE")] == ["arrest"]
    assert [e.mode for e in of_type(events, "ASSAULT")] == ["crowd-control"]


def test_event_chain_gives_the_retaliation_its_own_actor(nlp):
    text = "The army responded to the rocket attack by bombing militant outposts."
    events, _ = code(nlp, text)
    assaults = of_type(events, "ASSAULT")
    assert len(assaults) == 2
    bombing = next(e for e in assaults if e.trigger == "bombing")
    assert bombing.actor is not None and bombing.actor.sector is not None
    rocket = next(e for e in assaults if e.trigger == "rocket attack")
    assert rocket.actor is None or rocket.actor.name != bombing.actor.name


@pytest.mark.parametrize(
    ("text", "dead", "injured"),
    [
        ("A car bomb killed at least 17 people and wounded around 40 in the capital.", 17, 40),
        ("The shelling killed five Iraqi soldiers.", 5, None),
        ("Two policemen died in the ambush.", 2, None),
        ("Gunmen shot dead an aid worker in the town.", 1, None),
        ("Dozens of civilians were killed in the airstrike.", None, None),
        ("Twenty-five villagers were killed when militants raided the market.", 25, None),
        ("A suicide bomber killed two soldiers and a civilian at the checkpoint.", 3, None),
    ],
)
def test_casualty_counts(nlp, text, dead, injured):
    events, _ = code(nlp, text)
    violent = [e for e in events if e.event_type == "ASSAULT" and "negation" not in e.aux]
    assert len(violent) == 1, [(e.trigger, e.dead) for e in events]
    assert (violent[0].dead, violent[0].injured) == (dead, injured)


def test_casualties_stay_with_the_event_that_caused_them(nlp):
    events, _ = code(nlp, "Police arrested three men after a bomb blast killed four people.")
    arrest = of_type(events, "COERCE")[0]
    blast = of_type(events, "ASSAULT")[0]
    assert arrest.dead is None
    assert blast.dead == 4


@pytest.mark.parametrize(
    "text",
    [
        "Analysts believe tensions will remain high for years.",
        "The region has a long history of rivalry.",
        "Critics say the policy is a mistake.",
        "The minister is widely seen as a moderate.",
    ],
)
def test_commentary_yields_no_event(nlp, text):
    events, _ = code(nlp, text)
    assert events == []


@pytest.mark.parametrize(
    ("text", "event_type", "mode"),
    [
        ("The Pentagon is sending 3,000 more troops to the region.", "MOBILIZE", "troops"),
        ("Japan will send medical aid to Turkey.", "AGREE", None),
        ("Thousands of protesters marched through the capital on Sunday.", "PROTEST", "demo"),
        ("Rioters torched police cars in the port city.", "PROTEST", "riot"),
        ("The EU imposed new sanctions on Belarus.", "SANCTION", "discontinue"),
        ("Gunmen kidnapped two engineers near the oil field.", "ASSAULT", "abduct"),
        ("Rebels released forty prisoners on Monday.", "RETREAT", "release"),
        ("The two foreign ministers met in Geneva.", "CONSULT", None),
        ("Workers went on strike at the port.", "PROTEST", "strike"),
        ("Mali's government called for an immediate ceasefire.", "REQUEST", None),
        ("Hungary will not accept any migrants under the quota plan.", "REJECT", None),
        ("The generals urged parliament to approve the budget.", "REQUEST", None),
    ],
)
def test_event_types_and_modes(nlp, text, event_type, mode):
    event = main(code(nlp, text)[0])
    assert event is not None, text
    assert (event.event_type, event.mode) == (event_type, mode)


def test_events_carry_valid_offsets_confidence_and_stable_ids(nlp):
    text = "Clashes broke out in the north. Jets struck a convoy near the town of Idlib."
    first, doc_text = code(nlp, text)
    second, _ = code(nlp, text)
    assert first and [e.id for e in first] == [e.id for e in second]
    for event in first:
        assert event.event_type in PLOVER_TYPES
        assert 0.0 <= event.confidence <= 1.0
        assert doc_text[event.evidence.start : event.evidence.end] == event.evidence.text
        trigger = doc_text[event.evidence.trigger_start : event.evidence.trigger_end]
        assert trigger == event.trigger
        assert event.doc_id == "test-doc"


def test_event_records_match_the_export_contract(nlp, shared_dir):
    jsonschema = pytest.importorskip("jsonschema")
    import json

    schema = json.loads((shared_dir / "contract" / "event.schema.json").read_text())
    text = (
        "In 2015, rebels shelled the airport. Turkey will not deploy troops, officials said. "
        "Protesters stormed the parliament and police fired tear gas, wounding 12 people."
    )
    events, _ = code(nlp, text)
    assert len(events) >= 3
    for event in events:
        jsonschema.validate(event.to_record(), schema)
