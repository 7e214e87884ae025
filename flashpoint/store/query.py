"""The event filters shared by `Store.events` and `Store.count_events`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, false, func, or_, select
from sqlalchemy.orm import aliased, selectinload

from ..model import PLOVER_TYPES
from .schema import ActorRow, DocumentRow, EventRow, PlaceRow


@dataclass(frozen=True)
class EventFilter:
    # One PLOVER type, or several separated by commas.
    type: str | None = None
    # Matches actor or recipient: part of the name or mention (any case), or the exact KB id.
    actor: str | None = None
    # ISO 3166-1 alpha-3: the actor's, the recipient's or the location's country.
    country: str | None = None
    # Events overlapping [since, until]; undated events use their document's date.
    since: date | None = None
    until: date | None = None
    doc_id: str | None = None


def _types(value: str) -> list[str]:
    return [part.strip().upper() for part in value.split(",") if part.strip()]


def build(selection: Select, wanted: EventFilter) -> Select:
    """Join what the filters need and apply them to a select over EventRow."""
    sender = aliased(ActorRow)
    receiver = aliased(ActorRow)
    selection = (
        selection.join(DocumentRow, EventRow.document_id == DocumentRow.id)
        .outerjoin(sender, EventRow.actor_id == sender.id)
        .outerjoin(receiver, EventRow.recipient_id == receiver.id)
        .outerjoin(PlaceRow, EventRow.location_id == PlaceRow.id)
    )
    conditions: list[ColumnElement[bool]] = []
    if wanted.type:
        types = _types(wanted.type)
        # An unknown type matches nothing rather than failing: the CLI validates names first.
        known = [kind for kind in types if kind in PLOVER_TYPES]
        conditions.append(EventRow.event_type.in_(known) if known else false())
    if wanted.actor:
        name = wanted.actor.strip()
        conditions.append(
            or_(
                sender.name.icontains(name, autoescape=True),
                receiver.name.icontains(name, autoescape=True),
                EventRow.actor_text.icontains(name, autoescape=True),
                EventRow.recipient_text.icontains(name, autoescape=True),
                sender.kb_id == name,
                receiver.kb_id == name,
            )
        )
    if wanted.country:
        code = wanted.country.strip().upper()
        conditions.append(
            or_(sender.country == code, receiver.country == code, PlaceRow.country == code)
        )
    start = func.coalesce(EventRow.date_start, DocumentRow.published)
    end = func.coalesce(EventRow.date_end, DocumentRow.published)
    if wanted.since:
        conditions.append(end >= wanted.since)
    if wanted.until:
        conditions.append(start <= wanted.until)
    if wanted.doc_id:
        conditions.append(DocumentRow.doc_id == wanted.doc_id)
    return selection.where(*conditions)


def events_select(wanted: EventFilter, limit: int | None, offset: int) -> Select:
    start = func.coalesce(EventRow.date_start, DocumentRow.published)
    selection = build(select(EventRow, DocumentRow.doc_id), wanted)
    selection = selection.order_by(
        start.is_(None), start, DocumentRow.doc_id, EventRow.evidence_start, EventRow.id
    ).options(
        selectinload(EventRow.actor),
        selectinload(EventRow.recipient),
        selectinload(EventRow.location),
    )
    if offset:
        selection = selection.offset(offset)
    if limit is not None:
        selection = selection.limit(limit)
    return selection


def count_select(wanted: EventFilter) -> Select:
    return build(select(func.count(EventRow.id)), wanted)
