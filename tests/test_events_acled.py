"""One ACLED-style sub-event per report: ACLED's codebook rules for police acting on protests,
and the plain main event otherwise. Events are built by hand here, plus one pipeline check."""

from __future__ import annotations

import pytest

from flashpoint.events.acled import acled_event, main_event
from flashpoint.model import Event, Evidence

TEXT = "Police fired tear gas at students who marched on the ministry."


def event(event_type: str, mode: str | None = None, confidence: float = 0.5, **extra) -> Event:
    start = extra.pop("start", 0)
    return Event(
        doc_id="acled-test",
        event_type=event_type,
        evidence=Evidence(TEXT, start, start + len(TEXT)),
        mode=mode,
        confidence=confidence,
        trigger=extra.pop("trigger", event_type.lower()),
        **extra,
    )


@pytest.mark.parametrize(
    ("events", "expected_type", "expected_class"),
    [
        # tear gas on a peaceful march: the march, with intervention
        (
            [event("ASSAULT", "crowd-control", 0.8), event("PROTEST", "demo", 0.5)],
            "PROTEST",
            "PROTEST_WITH_INTER",
        ),
        # arrests at a march are an intervention too
        (
            [event("COERCE", "arrest", 0.8), event("PROTEST", "demo", 0.4)],
            "PROTEST",
            "PROTEST_WITH_INTER",
        ),
        # demonstrators who riot make a violent demonstration whatever the police do
        (
            [
                event("ASSAULT", "crowd-control", 0.9),
                event("PROTEST", "demo", 0.6),
                event("PROTEST", "riot", 0.4),
            ],
            "PROTEST",
            "VIOL_DEMONSTR",
        ),
        # force that kills is excessive force against protesters
        (
            [event("ASSAULT", "crowd-control", 0.6, dead=2), event("PROTEST", "demo", 0.7)],
            "ASSAULT",
            "FORCE_AGAINST_PROTEST",
        ),
        # so is a beating, with or without a count
        (
            [event("ASSAULT", "beat", 0.5, context=["repression"]), event("PROTEST", "demo", 0.7)],
            "ASSAULT",
            "FORCE_AGAINST_PROTEST",
        ),
        # force its trigger calls violent is excessive too
        (
            [
                event("ASSAULT", "crowd-control", 0.6, trigger="violently suppressed"),
                event("PROTEST", "demo", 0.7),
            ],
            "ASSAULT",
            "FORCE_AGAINST_PROTEST",
        ),
        # no protest: the main event and its own class
        (
            [event("ASSAULT", "aerial", 0.7), event("COERCE", "arrest", 0.4)],
            "ASSAULT",
            "AIR_STRIKE",
        ),
        # no force: a protest is a peaceful protest
        ([event("PROTEST", "demo", 0.7)], "PROTEST", "PEACE_PROTEST"),
    ],
)
def test_acled_reading_of_a_report(events, expected_type, expected_class):
    chosen, found = acled_event(events)
    assert chosen is not None and chosen.event_type == expected_type
    assert found == expected_class


def test_violence_by_a_mob_is_mob_violence():
    lynching = Event(
        doc_id="acled-test",
        event_type="ASSAULT",
        evidence=Evidence("A mob beat two suspected thieves to death.", 0, 43),
        confidence=0.7,
        trigger="beat",
    )
    assert acled_event([lynching])[1] == "MOB_VIOL"


def test_negated_events_take_no_part():
    events = [
        event("ASSAULT", "crowd-control", 0.9, aux=["negation"]),
        event("PROTEST", "demo", 0.5),
    ]
    assert acled_event(events)[1] == "PEACE_PROTEST"


def test_the_lead_sentence_holds_the_main_event():
    lead = event("ASSAULT", "explosives", 0.5, start=0)
    later = event("RETREAT", "release", 0.9, start=80, trigger="released footage")
    assert main_event([later, lead]) is lead
    assert acled_event([later, lead]) == (lead, "REM_EXPLOS")


def test_a_negated_lead_gives_way_to_the_next_sentence():
    denied = event("ASSAULT", None, 0.9, start=0, aux=["negation"])
    later = event("COERCE", "arrest", 0.4, start=80)
    assert main_event([denied, later]) is later


def test_no_events_give_no_reading():
    assert acled_event([]) == (None, None)
    assert main_event([event("ASSAULT", confidence=0.9, aux=["negation"])]) is None


@pytest.mark.slow
def test_a_month_named_march_is_not_a_protest(nlp):
    doc = nlp("The vote was held on 26 March in the capital.")
    assert not [e for e in doc._.fp_events if e.event_type == "PROTEST"]
