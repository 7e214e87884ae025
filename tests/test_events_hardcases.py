"""Hard cases the event coder must read right: counterfactuals, passives with no agent,
nominalisations with a by-agent, denials, reported speech and several events in one sentence.
Sentences are written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.model import Event

pytestmark = pytest.mark.slow


def coded(nlp, text: str) -> list[Event]:
    doc = nlp.make_doc(text)
    doc._.fp_doc_id = "hardcases"
    doc._.fp_published = date(2023, 4, 1)
    return list(nlp(doc)._.fp_events)


def real(events: list[Event]) -> list[Event]:
    """Events reported as having happened: no negation, future or hypothetical mode."""
    return [e for e in events if not {"negation", "future", "hypothetical"} & set(e.aux)]


@pytest.mark.parametrize(
    "text",
    [
        "Had the truce failed, the rebels would have stormed the town.",
        "Without the warning, the militia could have killed dozens of villagers.",
    ],
)
def test_a_counterfactual_is_neither_a_real_attack_nor_a_threat(nlp, text):
    events = coded(nlp, text)
    assert not [e for e in events if e.event_type == "THREATEN"]
    assert not [e for e in real(events) if e.event_type == "ASSAULT"]


def test_an_announced_attack_is_still_a_threat(nlp):
    events = coded(nlp, "The army will storm the town at dawn, its commander said.")
    assert [e for e in events if e.event_type == "THREATEN" and e.mode == "violence"]


def test_a_passive_with_no_agent_keeps_the_event_and_no_actor(nlp):
    events = real(coded(nlp, "A supply convoy was ambushed near the border on Tuesday."))
    assaults = [e for e in events if e.event_type == "ASSAULT"]
    assert assaults and assaults[0].actor is None


def test_a_nominalisation_with_a_by_agent_is_an_event(nlp):
    text = "The shelling of the market by government forces killed six people."
    events = real(coded(nlp, text))
    shelling = [e for e in events if e.event_type == "ASSAULT" and e.mode == "heavy-weapons"]
    assert shelling and shelling[0].dead == 6


def test_a_denied_attack_is_negated_and_the_denial_is_the_event(nlp):
    events = coded(nlp, "The militia denied carrying out the bombing of the mosque.")
    assert [e for e in events if e.event_type == "REJECT" and "negation" not in e.aux]
    assert not [e for e in real(events) if e.event_type == "ASSAULT"]


def test_reported_speech_does_not_turn_the_speaker_into_the_attacker(nlp):
    events = real(coded(nlp, "Witnesses said soldiers beat the detainees in the yard."))
    beatings = [e for e in events if e.event_type == "ASSAULT"]
    assert beatings and beatings[0].mode == "beat"
    assert beatings[0].actor is not None and "witness" not in beatings[0].actor.name.lower()


def test_several_events_in_one_sentence_each_keep_their_type(nlp):
    text = "Police arrested four men and seized two rifles after gunmen attacked a checkpoint."
    types = {e.event_type for e in real(coded(nlp, text))}
    assert {"COERCE", "ASSAULT"} <= types
