"""The five seed articles (read from ../shared at test time) yield their main events.

Type, mode and casualty assertions test the event coder alone. Assertions marked
"(actors)", "(geo)" depend on the actors and place components as well.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.model import Document, Event
from flashpoint.pipeline import annotate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_events(nlp, seeds_dir: Path) -> list[Event]:
    documents = [
        Document(id=path.stem, text=path.read_text(encoding="utf-8"))
        for path in sorted(seeds_dir.glob("*.txt"))
    ]
    assert len(documents) == 5
    events: list[Event] = []
    for _, doc in annotate(documents, nlp):
        events.extend(e for e in doc._.fp_events if "negation" not in e.aux)
    return events


def country(actor) -> str | None:
    return actor.country if actor is not None else None


def contractor_attacks(events: list[Event]) -> list[Event]:
    return [
        e
        for e in events
        if e.event_type == "ASSAULT" and e.dead == 1 and "contractor" in e.evidence.text
    ]


def test_rocket_attack_killing_a_us_contractor_is_an_assault_with_one_dead(seed_events):
    attacks = contractor_attacks(seed_events)
    assert any(e.mode == "heavy-weapons" for e in attacks)


def test_rocket_attack_near_kirkuk_is_placed_at_kirkuk(seed_events):
    """(geo) the attack's place is Kirkuk."""
    attacks = [e for e in contractor_attacks(seed_events) if "Kirkuk" in e.evidence.text]
    assert attacks
    assert any(e.location is not None and "Kirkuk" in e.location.name for e in attacks)


def airstrikes_on_kataib_hezbollah(events: list[Event]) -> list[Event]:
    return [
        e
        for e in events
        if e.event_type == "ASSAULT"
        and e.mode == "aerial"
        and ("Kata" in e.evidence.text or (e.recipient and "Kata" in e.recipient.name))
    ]


def test_us_airstrikes_on_kataib_hezbollah_are_aerial_assaults(seed_events):
    assert airstrikes_on_kataib_hezbollah(seed_events)


def test_us_airstrikes_have_the_us_as_actor(seed_events):
    """(actors) the airstrikes are credited to the United States."""
    strikes = airstrikes_on_kataib_hezbollah(seed_events)
    assert any(country(e.actor) == "USA" for e in strikes)


def embassy_storming(events: list[Event]) -> list[Event]:
    return [
        e
        for e in events
        if e.event_type in ("ASSAULT", "PROTEST")
        and "embassy" in e.evidence.text.lower()
        and e.trigger
        and e.trigger.lower()
        in {"invaded", "stormed", "storming", "incursion", "assault", "attack"}
    ]


def test_storming_of_the_embassy_is_coded(seed_events):
    assert embassy_storming(seed_events)


def test_storming_of_the_embassy_has_the_us_as_recipient(seed_events):
    """(actors) the embassy stands for the United States."""
    assert any(country(e.recipient) == "USA" for e in embassy_storming(seed_events))


def test_official_warnings_are_threats(seed_events):
    threats = [e for e in seed_events if e.event_type == "THREATEN"]
    assert len(threats) >= 3
    assert any(e.trigger and e.trigger.lower().startswith("warn") for e in threats)


def test_us_officials_are_the_actors_of_threats(seed_events):
    """(actors) Pompeo / Trump / the US make the threats."""
    threats = [e for e in seed_events if e.event_type == "THREATEN"]
    assert sum(country(e.actor) == "USA" for e in threats) >= 2


def test_troop_deployments_are_mobilize_troops(seed_events):
    deployments = [e for e in seed_events if e.event_type == "MOBILIZE" and e.mode == "troops"]
    assert len(deployments) >= 2
    assert any(
        e.trigger and e.trigger.lower().startswith(("deploy", "dispatch")) for e in deployments
    )


def test_troop_deployments_are_by_the_us(seed_events):
    """(actors) the Pentagon / US military deploys."""
    deployments = [e for e in seed_events if e.event_type == "MOBILIZE"]
    assert sum(country(e.actor) == "USA" for e in deployments) >= 2
