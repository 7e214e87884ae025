"""Between model objects and table rows: one function per direction and kind of record."""

from __future__ import annotations

import hashlib

from ..model import Actor, Document, Event, Evidence, Place, TimeSpan
from .schema import ActorRow, DocumentRow, EventRow, PlaceRow

# Unique keys stay well inside the column width whatever the name; a hash keeps them distinct.
_MAX_KEY = 700


def _bounded(key: str) -> str:
    if len(key) <= _MAX_KEY:
        return key
    return key[:600] + "#" + hashlib.sha1(key.encode("utf-8")).hexdigest()


def actor_key(actor: Actor) -> str:
    """Identity of a resolved actor as stored: its KB id, else its name, read with the country
    and sector it had in this event. Both belong in the key: a person's role changes with the
    date, and a generic actor ("the military") takes its country from the text around it."""
    state = f"{actor.country or ''}|{actor.sector or ''}"
    if actor.id:
        return _bounded(f"kb:{actor.id}|{state}")
    return _bounded(f"name:{actor.name.casefold()}|{state}")


def place_key(place: Place) -> str:
    if place.geonameid is not None:
        return f"geonames:{place.geonameid}"
    lat = "" if place.lat is None else f"{place.lat:.4f}"
    lon = "" if place.lon is None else f"{place.lon:.4f}"
    parts = [place.name.casefold(), place.country or "", place.admin1 or "", lat, lon]
    return _bounded("name:" + "|".join(parts))


def actor_row(actor: Actor) -> ActorRow:
    return ActorRow(
        key=actor_key(actor),
        kb_id=actor.id,
        name=actor.name,
        country=actor.country,
        sector=actor.sector,
        aliases=list(actor.aliases),
    )


def place_row(place: Place) -> PlaceRow:
    return PlaceRow(
        key=place_key(place),
        name=place.name,
        country=place.country,
        admin1=place.admin1,
        lat=place.lat,
        lon=place.lon,
        geonameid=place.geonameid,
        feature=place.feature,
    )


def event_row(event: Event) -> EventRow:
    """The row for an event, without its document and the actor/place links (set by the store)."""
    actor, recipient, when, where = event.actor, event.recipient, event.date, event.location
    return EventRow(
        id=event.id,
        event_type=event.event_type,
        mode=event.mode,
        context=list(event.context),
        cameo=event.cameo,
        actor_text=actor.text if actor else None,
        actor_start=actor.start if actor else None,
        actor_end=actor.end if actor else None,
        recipient_text=recipient.text if recipient else None,
        recipient_start=recipient.start if recipient else None,
        recipient_end=recipient.end if recipient else None,
        date_start=when.start if when else None,
        date_end=when.end if when else None,
        date_precision=when.precision if when else None,
        date_text=when.text if when else None,
        date_char_start=when.char_start if when else None,
        date_char_end=when.char_end if when else None,
        location_text=where.text if where else None,
        location_start=where.start if where else None,
        location_end=where.end if where else None,
        dead=event.dead,
        injured=event.injured,
        aux=list(event.aux),
        evidence_text=event.evidence.text,
        evidence_start=event.evidence.start,
        evidence_end=event.evidence.end,
        trigger=event.trigger,
        trigger_start=event.evidence.trigger_start,
        trigger_end=event.evidence.trigger_end,
        confidence=event.confidence,
        canonical_id=event.canonical_id,
        sources=list(event.sources),
    )


def _actor(row: ActorRow | None, text: str | None, start: int | None, end: int | None):
    if row is None:
        return None
    return Actor(
        name=row.name,
        id=row.kb_id,
        text=text,
        country=row.country,
        sector=row.sector,
        aliases=list(row.aliases or []),
        start=start,
        end=end,
    )


def to_event(row: EventRow, doc_id: str) -> Event:
    when = None
    if row.date_start is not None and row.date_end is not None:
        when = TimeSpan(
            start=row.date_start,
            end=row.date_end,
            precision=row.date_precision or "day",
            text=row.date_text,
            char_start=row.date_char_start,
            char_end=row.date_char_end,
        )
    where = None
    if row.location is not None:
        place = row.location
        where = Place(
            name=place.name,
            country=place.country,
            admin1=place.admin1,
            lat=place.lat,
            lon=place.lon,
            geonameid=place.geonameid,
            feature=place.feature,
            text=row.location_text,
            start=row.location_start,
            end=row.location_end,
        )
    return Event(
        doc_id=doc_id,
        event_type=row.event_type,
        evidence=Evidence(
            text=row.evidence_text,
            start=row.evidence_start,
            end=row.evidence_end,
            trigger_start=row.trigger_start,
            trigger_end=row.trigger_end,
        ),
        mode=row.mode,
        context=list(row.context or []),
        cameo=row.cameo,
        actor=_actor(row.actor, row.actor_text, row.actor_start, row.actor_end),
        recipient=_actor(row.recipient, row.recipient_text, row.recipient_start, row.recipient_end),
        date=when,
        location=where,
        dead=row.dead,
        injured=row.injured,
        aux=list(row.aux or []),
        confidence=row.confidence,
        trigger=row.trigger,
        canonical_id=row.canonical_id,
        sources=list(row.sources or []),
    )


def to_document(row: DocumentRow) -> Document:
    return Document(
        id=row.doc_id,
        text=row.text,
        title=row.title,
        url=row.url,
        outlet=row.outlet,
        published=row.published,
        date_source=row.date_source,
        path=row.path,
    )
