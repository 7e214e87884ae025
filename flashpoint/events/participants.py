"""Whose country and sector: fill in what an actor or recipient phrase does not name itself.

Event coders (CAMEO, PLOVER) code a party by its country even when the text names only a kind of
people ("refugees", "security forces", "positions") and says where they are: "rebels in the
Ivory Coast", "shelled positions in Gaza", "a camp near Samarra was attacked". The order tried:
  1. a country or place named inside the argument's own phrase ("forces in Guinea");
  2. for the one acted on, a place the trigger is aimed at or happens in ("struck targets in
     Yemen", "shelled Juba");
  3. the event's location (where it happened is whose it is, when nothing else says).
The actor's own country is never given to the recipient by steps 2-3 unless the place is the
event's setting (a government acting in its own country: "lifted the curfew in Darfur").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..actors.conventions import (
    civilian_crowd,
    civilian_recipient,
    conventions,
    is_ethnic,
    is_instrument,
    unidentified_attacker,
)
from ..actors.kb import get_kb
from ..actors.mentions import generic_actor, is_backer
from ..model import Actor, Place

# Preps through which a place locates a party or the act: "in Gaza", "near Samarra", "at a jail".
PLACE_PREPS = frozenset(
    {"in", "inside", "at", "near", "on", "into", "across", "throughout", "from", "of", "outside"}
)

# Sectors that act at home: with no other clue, their events happen in their own country.
DOMESTIC_SECTORS = frozenset(
    {
        "GOV",
        "JUD",
        "COP",
        "LEG",
        "SPY",
        "OPP",
        "PTY",
        "CVL",
        "EDU",
        "LAB",
        "MED",
        "HLH",
        "BUS",
        "REL",
    }
)


def _country_index(doc: Doc) -> dict[int, str]:
    """Token index -> country code, from actor mentions and resolved places (once per doc)."""
    cached = doc.user_data.get("fp_events_country_index")
    if cached is None:
        cached = {}
        kb, text = get_kb(), doc.text
        for span in doc.spans.get("fp_places", []):
            place = span._.fp_place
            # "an anti-Syria journalist", "Iran-backed militias": the place is not theirs
            if (
                place is not None
                and place.country
                and not is_backer(kb, text, span.start_char, span.end_char)
            ):
                for i in range(span.start, span.end):
                    cached.setdefault(i, place.country)
        for span in doc.spans.get("fp_actors", []):
            actor = span._.fp_actor
            if actor is not None and actor.country:
                for i in range(span.start, span.end):
                    cached.setdefault(i, actor.country)
        doc.user_data["fp_events_country_index"] = cached
    return cached


def _subtree_country(head: Token, skip: set[int]) -> str | None:
    """The country named nearest the head inside its own phrase ("rebels in the Ivory Coast")."""
    index = _country_index(head.doc)
    found = [
        (abs(token.i - head.i), token.i)
        for token in head.subtree
        if token.i in index and token.i not in skip
    ]
    return index[min(found)[1]] if found else None


def _aimed_country(trigger: Token, skip: set[int]) -> str | None:
    """A place the trigger points at: its object, or a "in/at/near/on" phrase on the verb."""
    index = _country_index(trigger.doc)
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.i not in skip:
            country = _subtree_country(child, skip)
            if country:
                return country
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
            for token in child.subtree:
                if token.i in index and token.i not in skip:
                    return index[token.i]
    # "called for sanctions against Nigeria": what the act is against, however deep it hangs
    for token in trigger.subtree:
        if token.dep_ == "prep" and token.lower_ == "against" and token.i not in skip:
            for inner in token.subtree:
                if inner.i in index and inner.i not in skip:
                    return index[inner.i]
    return None


def _with_country(actor: Actor | None, country: str, span: Span | None, trigger: Token) -> Actor:
    if actor is not None:
        return replace(actor, country=country)
    made = generic_actor(get_kb(), country, None, span or trigger.doc[trigger.i : trigger.i + 1])
    if span is None:
        # nothing in the text names this party: keep its name and no offsets
        made = replace(made, text=None, start=None, end=None)
    return made


def titled_sector(actor: Actor, head: Token | None) -> Actor:
    """A named person or body without a sector takes the one its title words give ("Prime
    Minister Ehud Barak" is government even when the knowledge base lists no office)."""
    if actor.sector or head is None or (actor.id or "").startswith("country/"):
        return actor
    sector = _head_sector(head)
    return replace(actor, sector=sector) if sector else actor


def _head_sector(head: Token) -> str | None:
    words = get_kb().sector_words
    for token in head.doc[head.left_edge.i : head.i + 1]:
        for word in (token.lower_, token.lemma_.lower()):
            if word in words:
                return words[word][0]
    return None


def unnamed_party(head: Token, trigger: Token | None = None) -> Actor | None:
    """A party the actors component could not name, read from its title or kind and a country
    inside its phrase ("President Dos Santos", "doctors from two American aid groups")."""
    if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ in ("DATE", "TIME", "CARDINAL"):
        return None
    sector = _head_sector(head)
    country = _subtree_country(head, set())
    if sector is None and country is None:
        return None
    span = head.doc[head.left_edge.i : head.right_edge.i + 1]
    return generic_actor(get_kb(), country, sector, span)


def fill_countries(
    trigger: Token,
    actor: Actor | None,
    actor_head: Token | None,
    recipient: Actor | None,
    recipient_head: Token | None,
    place: Place | None,
    event_type: str | None = None,
    actor_tokens: frozenset[int] = frozenset(),
) -> tuple[Actor | None, Actor | None]:
    """(actor, recipient) with countries filled in from where the text places them, then the
    coding conventions for parties described but not named (`actors.conventions`).
    `actor_tokens`: the whole phrase naming the actor ("Canada and the Netherlands"), none of
    which is who it acted on."""
    if is_instrument(actor, actor_head):
        actor, actor_head = None, None
    actor, recipient = _fill(
        trigger, actor, actor_head, recipient, recipient_head, place, actor_tokens
    )
    if actor is None and actor_head is None:
        actor = unidentified_attacker(event_type, place, trigger.sent, recipient)
    if actor is not None and actor_head is not None and is_ethnic(actor_head) and place:
        # CAMEO codes an ethnic group by where it lives: "ethnic Albanians in Macedonia"
        home = _subtree_country(actor_head, _modifiers(actor_head)) or place.country
        if home and home != actor.country:
            actor = replace(actor, country=home, sector=actor.sector or "CVL")
    actor = civilian_crowd(actor, actor_head, event_type)
    return actor, civilian_recipient(recipient, recipient_head, event_type)


def _fill(
    trigger: Token,
    actor: Actor | None,
    actor_head: Token | None,
    recipient: Actor | None,
    recipient_head: Token | None,
    place: Place | None,
    named: frozenset[int] = frozenset(),
) -> tuple[Actor | None, Actor | None]:
    actor_tokens = set(named) | ({t.i for t in actor_head.subtree} if actor_head else set())
    if actor is not None:
        actor = titled_sector(actor, actor_head)
    if recipient is None and recipient_head is not None:
        recipient = unnamed_party(recipient_head, trigger)
    mission = _mission(recipient_head) if recipient_head is not None else None
    sender = _mission_country(mission) if mission is not None else None
    # "the embassy in Kabul" is not Afghanistan's: the sending country, or none known
    if (
        recipient is not None
        and mission is not None
        and _generic(recipient)
        and sender != recipient.country
    ):
        recipient = replace(
            recipient,
            country=sender,
            name=recipient.text or mission.text,
            id=f"generic/{sender or '-'}/{recipient.sector or '-'}",
        )
    if recipient is not None:
        recipient = titled_sector(recipient, recipient_head)
    if actor is None and actor_head is not None:
        actor = unnamed_party(actor_head, trigger)
    if actor is not None and not actor.country and actor_head is not None:
        country = _subtree_country(actor_head, set())
        if country is None and place is not None:
            country = place.country
        if country:
            actor = _with_country(actor, country, None, trigger)
    ethnic = recipient_head is not None and is_ethnic(recipient_head)
    if recipient is not None and recipient.country and ethnic:
        # CAMEO codes an ethnic group by where it lives: "ethnic Albanians in Serbia"
        skip = actor_tokens | _modifiers(recipient_head)  # type: ignore[arg-type]
        home = _aimed_country(trigger, skip) or (place.country if place is not None else None)
        if home:
            recipient = _with_country(recipient, home, None, trigger)
    if recipient is not None and recipient.country:
        return _home_country(actor, recipient, trigger), recipient
    country = None
    if mission is not None:
        country = sender
        if country is None:
            return actor, recipient  # a mission's host country is not its own
    elif recipient_head is not None:
        country = _subtree_country(recipient_head, actor_tokens)
    if country is None:
        country = _aimed_country(trigger, actor_tokens | {trigger.i})
    if country is None and place is not None:
        country = place.country
    if country is None and actor is not None and actor.sector in DOMESTIC_SECTORS:
        country = actor.country  # "police opened fire, killing one person": at home
    if country is None:
        return actor, recipient
    if recipient is None and recipient_head is not None:
        span = trigger.doc[recipient_head.left_edge.i : recipient_head.right_edge.i + 1]
        recipient = generic_actor(get_kb(), country, _head_sector(recipient_head), span)
    else:
        recipient = _with_country(recipient, country, None, trigger)
    return _home_country(actor, recipient, trigger), recipient


def _generic(actor: Actor) -> bool:
    return actor.id is None or actor.id.startswith(("generic/", "country/"))


def _mission(head: Token) -> Token | None:
    """The embassy or consulate a recipient phrase names ("the embassy grounds"), if any."""
    missions = conventions().foreign_missions
    for token in (head, *(c for c in head.children if c.dep_ in ("compound", "nmod"))):
        if token.lemma_.lower() in missions:
            return token
    return None


def _mission_country(mission: Token) -> str | None:
    """The sending country: a modifier of this mention ("the US embassy"), else of the nearest
    earlier mention of a mission in the article."""
    index = _country_index(mission.doc)
    missions = conventions().foreign_missions
    for token in reversed(mission.doc[: mission.i + 1]):
        if token.lemma_.lower() not in missions:
            continue
        for child in token.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i < token.i:
                found = [index[t.i] for t in child.subtree if t.i in index]
                if found:
                    return found[0]
    return None


def _modifiers(head: Token) -> set[int]:
    return {token.i for left in head.lefts for token in left.subtree} | {head.i}


def _home_country(actor: Actor | None, recipient: Actor, trigger: Token) -> Actor | None:
    """Courts, police and ministries act at home: one with no country takes its recipient's."""
    if actor is None or actor.country or not recipient.country:
        return actor
    if actor.sector in DOMESTIC_SECTORS:
        return _with_country(actor, recipient.country, None, trigger)
    return actor
