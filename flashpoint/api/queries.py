"""Event queries for the API: filters, keyset pages on (date, id), and aggregates.

Built on the store's ORM tables rather than `Store.events` because the API needs what a
command line does not: more filters, cursors that stay stable while rows are added, and
grouped counts computed in the database.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, String, and_, cast, exists, func, or_, select
from sqlalchemy.orm import Session, aliased, contains_eager, selectinload

from ..model import AUX_MODES, PLOVER_TYPES, Event
from ..store.convert import to_event
from ..store.schema import ActorRow, DocumentRow, EventRow, PlaceRow

Sender = aliased(ActorRow, name="sender")
Receiver = aliased(ActorRow, name="receiver")
ALL_JOINS = frozenset({"document", "sender", "receiver", "place"})
# "none" selects events with no qualifier: stated as having happened.
QUALIFIERS = (*AUX_MODES, "none")


class BadQuery(ValueError):
    """A filter or cursor the caller sent cannot be used; the message says why."""


@dataclass(frozen=True)
class EventQuery:
    types: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    actor: str | None = None
    recipient: str | None = None
    country: str | None = None
    actor_country: str | None = None
    recipient_country: str | None = None
    place_country: str | None = None
    # Exact knowledge-base ids, next to the name searches above.
    actor_id: str | None = None
    recipient_id: str | None = None
    qualifiers: tuple[str, ...] = ()
    place: str | None = None
    start: date | None = None
    end: date | None = None
    min_confidence: float | None = None
    text: str | None = None
    # True: one row per real-world event (the first mention of each canonical event).
    merged: bool = False
    doc_id: str | None = None

    def __post_init__(self) -> None:
        unknown = [kind for kind in self.types if kind not in PLOVER_TYPES]
        if unknown:
            raise BadQuery(
                f"unknown event type {', '.join(unknown)}; use one of {', '.join(PLOVER_TYPES)}"
            )
        odd = [value for value in self.qualifiers if value not in QUALIFIERS]
        if odd:
            raise BadQuery(
                f"unknown qualifier {', '.join(odd)}; use one of {', '.join(QUALIFIERS)}"
            )
        if self.start and self.end and self.start > self.end:
            raise BadQuery(f"start {self.start} is after end {self.end}")


def _actor_ids(value: str) -> Select:
    """Ids of the actors whose name, alias or KB id matches: a small table, searched first, so
    the events are then found through their indexed actor columns."""
    value = value.strip()
    return select(ActorRow.id).where(
        or_(
            ActorRow.name.icontains(value, autoescape=True),
            cast(ActorRow.aliases, String).icontains(value, autoescape=True),
            ActorRow.kb_id == value,
        )
    )


def filtered(selection: Select, query: EventQuery, joins: frozenset[str] = frozenset()) -> Select:
    """Apply the filters to a select over EventRow, joining only the tables the caller asks for
    ("document", "sender", "receiver", "place"). Filters on actors and places go through
    subqueries on those small tables, so over 100,000 events the indexes on the event's actor,
    recipient and location columns do the work and no join is made just to filter.
    """
    if "document" in joins or query.doc_id:
        selection = selection.join(DocumentRow, EventRow.document_id == DocumentRow.id)
    if "sender" in joins:
        selection = selection.outerjoin(Sender, EventRow.actor_id == Sender.id)
    if "receiver" in joins:
        selection = selection.outerjoin(Receiver, EventRow.recipient_id == Receiver.id)
    if "place" in joins:
        selection = selection.outerjoin(PlaceRow, EventRow.location_id == PlaceRow.id)
    conditions: list[ColumnElement[bool]] = []
    if query.types:
        conditions.append(EventRow.event_type.in_(query.types))
    if query.modes:
        conditions.append(func.lower(EventRow.mode).in_([mode.lower() for mode in query.modes]))
    if query.actor:
        conditions.append(EventRow.actor_id.in_(_actor_ids(query.actor)))
    if query.recipient:
        conditions.append(EventRow.recipient_id.in_(_actor_ids(query.recipient)))
    if query.actor_id:
        kb = select(ActorRow.id).where(ActorRow.kb_id == query.actor_id.strip())
        conditions.append(EventRow.actor_id.in_(kb))
    if query.recipient_id:
        kb = select(ActorRow.id).where(ActorRow.kb_id == query.recipient_id.strip())
        conditions.append(EventRow.recipient_id.in_(kb))
    if query.country:
        code = query.country.strip().upper()
        in_country = select(ActorRow.id).where(ActorRow.country == code)
        conditions.append(
            or_(
                EventRow.actor_id.in_(in_country),
                EventRow.recipient_id.in_(in_country),
                EventRow.location_id.in_(select(PlaceRow.id).where(PlaceRow.country == code)),
            )
        )
    if query.actor_country:
        code = query.actor_country.strip().upper()
        conditions.append(
            EventRow.actor_id.in_(select(ActorRow.id).where(ActorRow.country == code))
        )
    if query.recipient_country:
        code = query.recipient_country.strip().upper()
        conditions.append(
            EventRow.recipient_id.in_(select(ActorRow.id).where(ActorRow.country == code))
        )
    if query.place_country:
        code = query.place_country.strip().upper()
        conditions.append(
            EventRow.location_id.in_(select(PlaceRow.id).where(PlaceRow.country == code))
        )
    if query.qualifiers:
        conditions.append(_qualified(query.qualifiers))
    if query.place:
        conditions.append(
            EventRow.location_id.in_(
                select(PlaceRow.id).where(
                    PlaceRow.name.icontains(query.place.strip(), autoescape=True)
                )
            )
        )
    # Events whose date range overlaps [start, end]; undated events have no place in a range.
    if query.start:
        conditions.append(EventRow.date_end >= query.start)
    if query.end:
        conditions.append(EventRow.date_start <= query.end)
    if query.min_confidence is not None:
        conditions.append(EventRow.confidence >= query.min_confidence)
    if query.text:
        conditions.append(EventRow.evidence_text.icontains(query.text.strip(), autoescape=True))
    if query.doc_id:
        conditions.append(DocumentRow.doc_id == query.doc_id)
    if query.merged:
        # Keep an event unless another mention of the same canonical event has a smaller id.
        other = aliased(EventRow)
        earlier = exists().where(
            other.canonical_id == EventRow.canonical_id, other.id < EventRow.id
        )
        conditions.append(or_(EventRow.canonical_id.is_(None), ~earlier))
    return selection.where(*conditions) if conditions else selection


def _qualified(wanted: tuple[str, ...]) -> ColumnElement[bool]:
    # aux is a short JSON list of words; its text form is searched the same way on SQLite and
    # PostgreSQL, and an unqualified event stores an empty list (or nothing, in old rows).
    text = cast(EventRow.aux, String)
    choices = []
    for value in wanted:
        if value == "none":
            choices += [EventRow.aux.is_(None), text == "[]", text == "null"]
        else:
            choices.append(text.contains(f'"{value}"', autoescape=True))
    return or_(*choices)


# ---- pages --------------------------------------------------------------------------------


def encode_cursor(sort_date: date | None, event_id: str) -> str:
    raw = json.dumps([sort_date.isoformat() if sort_date else None, event_id]).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[date | None, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        when, event_id = json.loads(raw)
        return (date.fromisoformat(when) if when is not None else None), str(event_id)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise BadQuery("cursor is not one this API issued; start again without it") from exc


@dataclass
class Page:
    events: list[Event]
    next_cursor: str | None


def _rows(session: Session, selection: Select, order: tuple, limit: int) -> list:
    # The filters already join the actor, recipient and place rows; fill the relationships from
    # that join instead of three more queries.
    selection = (
        selection.order_by(*order)
        .limit(limit)
        .options(
            contains_eager(EventRow.actor.of_type(Sender)),
            contains_eager(EventRow.recipient.of_type(Receiver)),
            contains_eager(EventRow.location),
        )
    )
    return list(session.execute(selection).unique().all())


def page(
    session: Session,
    query: EventQuery,
    limit: int = 50,
    cursor: str | None = None,
    newest_first: bool = True,
) -> Page:
    """One page of events ordered by (date, id), undated events last; the cursor names the last
    row already seen, so pages stay stable while new events are stored.

    Ordering on the event's own indexed `date_start` (not its article's date) lets the database
    walk the index and stop after one page instead of sorting every match.
    """
    cursor = cursor or None  # an empty ?cursor= means the first page
    after_date, after_id = decode_cursor(cursor) if cursor else (None, None)
    base = filtered(select(EventRow, DocumentRow.doc_id), query, ALL_JOINS)
    day, ident = EventRow.date_start, EventRow.id
    rows: list = []
    if cursor is None or after_date is not None:
        dated = base.where(day.is_not(None))
        if after_date is not None:
            if newest_first:
                dated = dated.where(
                    or_(day < after_date, and_(day == after_date, ident < after_id))
                )
            else:
                dated = dated.where(
                    or_(day > after_date, and_(day == after_date, ident > after_id))
                )
        order = (day.desc(), ident.desc()) if newest_first else (day, ident)
        rows = _rows(session, dated, order, limit + 1)
    if len(rows) <= limit:
        undated = base.where(day.is_(None))
        if cursor is not None and after_date is None:
            undated = undated.where(ident < after_id if newest_first else ident > after_id)
        order = (ident.desc(),) if newest_first else (ident,)
        rows += _rows(session, undated, order, limit + 1 - len(rows))
    more = len(rows) > limit
    rows = rows[:limit]
    events = [to_event(row, doc_id) for row, doc_id in rows]
    next_cursor = None
    if more and rows:
        last = rows[-1][0]
        next_cursor = encode_cursor(last.date_start, last.id)
    return Page(events, next_cursor)


def _as_date(value) -> date:
    # SQLite hands coalesce() results back as text; PostgreSQL as a date.
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def iter_events(session: Session, query: EventQuery, chunk: int = 500) -> Iterator[Event]:
    """Every matching event, oldest first, fetched a page at a time (for exports)."""
    cursor = None
    while True:
        result = page(session, query, limit=chunk, cursor=cursor, newest_first=False)
        yield from result.events
        if not result.next_cursor:
            return
        cursor = result.next_cursor


def count(session: Session, query: EventQuery) -> int:
    return session.execute(filtered(select(func.count(EventRow.id)), query)).scalar_one()


def event_by_id(session: Session, event_id: str) -> tuple[Event, DocumentRow] | None:
    row = session.get(
        EventRow,
        event_id,
        options=[
            selectinload(EventRow.actor),
            selectinload(EventRow.recipient),
            selectinload(EventRow.location),
            selectinload(EventRow.document),
        ],
    )
    if row is None:
        return None
    return to_event(row, row.document.doc_id), row.document


def full_event_id(session: Session, prefix: str) -> str | None:
    """The one stored id that starts with `prefix` (e.g. a shortened `ev_c8c16590`), or None
    when none or several do; a prefix of the primary key is found through its index."""
    if not prefix.startswith("ev_") or len(prefix) < 7:
        return None
    found = session.scalars(
        select(EventRow.id).where(EventRow.id.startswith(prefix, autoescape=True)).limit(2)
    ).all()
    return found[0] if len(found) == 1 else None


def same_event(session: Session, event: Event) -> list[tuple[str, str, str]]:
    """(event id, doc_id, evidence) of the other mentions merged into the same canonical event."""
    if not event.canonical_id:
        return []
    selection = (
        select(EventRow.id, DocumentRow.doc_id, EventRow.evidence_text)
        .join(DocumentRow, EventRow.document_id == DocumentRow.id)
        .where(EventRow.canonical_id == event.canonical_id, EventRow.id != event.id)
        .order_by(EventRow.id)
        .limit(200)
    )
    return [tuple(row) for row in session.execute(selection).all()]


def documents_by_doc_id(session: Session, doc_ids: list[str]) -> list[DocumentRow]:
    if not doc_ids:
        return []
    rows = session.scalars(select(DocumentRow).where(DocumentRow.doc_id.in_(doc_ids))).all()
    order = {doc_id: index for index, doc_id in enumerate(doc_ids)}
    return sorted(rows, key=lambda row: order.get(row.doc_id, len(order)))
