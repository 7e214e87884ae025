"""Do two readings of an event's participants name the same actors, and how surely not?

Actors compare by knowledge-base id, else by country and sector; an unresolved phrase
("gunmen") fits anything. Roles are compared either way round, since passive reports and
extractors swap actor and recipient.
"""

from __future__ import annotations

from ..model import Actor, Event
from .settings import MergeSettings, load_settings


def actors_compatible(
    first: Actor | None, second: Actor | None, settings: MergeSettings | None = None
) -> bool:
    """False when the two readings name different actors (see `actor_conflict`)."""
    return actor_conflict(first, second, settings or load_settings()) is None


def actor_conflict(
    first: Actor | None, second: Actor | None, settings: MergeSettings
) -> str | None:
    """How surely two actor readings are different actors: None when they may be one.

    "strong" for two different KB ids, two countries read with a sector each, or opposed
    sectors; "weak" when one side is only a country read without a sector (extractors often take
    it from a place adjective: "an Iraqi base"). A missing side and an unresolved phrase
    ("gunmen") fit anything: outlets word one attacker differently.
    """
    if first is None or second is None:
        return None
    first_id, second_id = _identity(first, settings), _identity(second, settings)
    if first_id and second_id:
        return None if first_id == second_id else "strong"
    if first.country and second.country and first.country != second.country:
        # "Unidentified attackers" of a country is the extractor's guess from the place, and so
        # is any party read from no words of the sentence (the civilians of the place attacked).
        vague = {first.sector, second.sector} & settings.vague_sectors
        guessed = _guessed(first) or _guessed(second)
        return "strong" if first.sector and second.sector and not (vague or guessed) else "weak"
    opposed = frozenset((first.sector, second.sector)) in settings.distinct_sectors
    return "strong" if first.sector and second.sector and opposed else None


def _guessed(actor: Actor) -> bool:
    """A party no words of the text name: a coding convention's guess from the event's place."""
    return actor.text is None and actor.start is None


def _identity(actor: Actor, settings: MergeSettings) -> str | None:
    """The id when it names one actor; ids of a kind of actor ("generic/USA/MIL") compare by
    country and sector instead."""
    if actor.id and not actor.id.startswith(settings.generic_id_prefixes):
        return actor.id
    return None


def _actor_agreement(
    first: Actor | None, second: Actor | None, settings: MergeSettings
) -> str | None:
    """ "id" when both name the same KB entry, "country" when country (and sector) agree."""
    if first is None or second is None:
        return None
    first_id = _identity(first, settings)
    if first_id and first_id == _identity(second, settings):
        return "id"
    if first.country and first.country == second.country:
        if first.sector and second.sector and first.sector != second.sector:
            return None
        return "country"
    # Unresolved phrases: the same words ("the Rubymar") are weak evidence of one actor.
    unresolved = not (first.id or second.id or first.country or second.country)
    if unresolved and normalise(first.name) and normalise(first.name) == normalise(second.name):
        return "name"
    return None


def strong_conflict(first: Event, second: Event, settings: MergeSettings) -> bool:
    """Different actors on some side whichever way round the roles are read."""

    def either(pairs: tuple[tuple[Actor | None, Actor | None], ...]) -> bool:
        return any(actor_conflict(x, y, settings) == "strong" for x, y in pairs)

    straight = either(((first.actor, second.actor), (first.recipient, second.recipient)))
    return straight and either(((first.actor, second.recipient), (first.recipient, second.actor)))


def _role_score(
    pairs: tuple[tuple[str, Actor | None, Actor | None], ...], settings: MergeSettings
) -> float:
    weights = settings.weights
    total = 0.0
    for role, x, y in pairs:
        agreement = _actor_agreement(x, y, settings)
        if agreement:
            total += weights[f"{role}_{agreement}"]
        conflict = actor_conflict(x, y, settings)
        if conflict:
            total += weights[f"actor_{conflict}_conflict"]
    return total


def participants_score(first: Event, second: Event, settings: MergeSettings) -> float:
    """Agreement of actor and recipient, read either way round: a passive report ("the base was
    hit by rockets") and an extractor that swapped the roles describe the same attack."""
    straight = _role_score(
        (("actor", first.actor, second.actor), ("recipient", first.recipient, second.recipient)),
        settings,
    )
    if not (first.actor or first.recipient) or not (second.actor or second.recipient):
        return straight
    crossed = (
        ("actor", first.actor, second.recipient),
        ("recipient", first.recipient, second.actor),
    )
    if any(actor_conflict(x, y, settings) for _, x, y in crossed):
        # A swap explains a passive misread only if it fits both roles: "Iran fired at US
        # troops" and "the killing of an Iranian general" share Iran on opposite sides, but
        # nothing else fits.
        return straight
    swapped = _role_score(crossed, settings)
    # A swap must be the better reading by a margin: two mentions that share one country on
    # opposite sides are usually that country's two different acts.
    return max(straight, swapped + settings.weights["swapped_roles"])


def normalise(text: str | None) -> str:
    return " ".join((text or "").lower().split())
