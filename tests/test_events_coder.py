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


# Behaviours the reader must hold on text it was not trained on (sentences written for these tests).
@pytest.mark.parametrize(
    "text",
    [
        "A magnitude 6.4 earthquake flattened hundreds of homes in mountain villages on Sunday.",
        "Flash floods swept away a bridge and killed nine people after days of rain.",
        "An explosion at a fertiliser plant killed four workers, the company said.",
        "The striker fired a late shot past the keeper as the visitors attacked.",
        "Oil prices hit a six-month high as traders weighed the trade war.",
    ],
)
def test_disasters_accidents_sport_and_markets_are_no_conflict(nlp, text):
    events, _ = code(nlp, text)
    assert not [e for e in events if e.event_type in ("ASSAULT", "COERCE", "PROTEST")]


@pytest.mark.parametrize(
    "text",
    [
        "The foreign minister condemned the shelling of the hospital and called it a war crime.",
        "The opposition leader accused the army of torturing detainees in the northern camps.",
    ],
)
def test_a_statement_about_an_attack_is_that_statement_not_a_second_attack(nlp, text):
    events, _ = code(nlp, text)
    assert main(events) is not None and main(events).event_type == "ACCUSE"
    assert not of_type(events, "ASSAULT")


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        (
            "Militants stormed an army post near the border overnight, killing eleven soldiers.",
            "ASSAULT",
        ),
        ("Thousands of nurses marched through the capital to demand higher pay.", "PROTEST"),
        ("Police detained two opposition lawmakers at their homes before dawn.", "COERCE"),
        ("The two presidents met in Geneva to discuss the disputed border.", "CONSULT"),
        ("The government sent tonnes of food and medicine to the flooded provinces.", "AID"),
    ],
)
def test_main_event_type(nlp, text, event_type):
    events, _ = code(nlp, text)
    assert main(events) is not None and main(events).event_type == event_type


def test_an_attack_reports_its_toll_and_its_actor_span(nlp):
    events, text = code(
        nlp, "Rebel fighters shelled the town of Kadugli on Monday, killing 14 civilians."
    )
    attack = main(events)
    assert attack is not None and attack.event_type == "ASSAULT"
    assert attack.dead == 14
    assert "Rebel fighters" in mention(text, attack.actor)


def test_one_list_of_supporters_is_one_event_not_an_event_between_them(nlp):
    events, text = code(
        nlp, "Norway, Japan and Brazil provided funding for the mine clearance programme."
    )
    assert events
    for event in events:
        names = {mention(text, event.recipient)} if event.recipient else set()
        assert not names & {"Japan", "Brazil"}
