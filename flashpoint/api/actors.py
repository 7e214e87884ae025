"""One actor as the API shows it: its stored readings, roles in events, counterparts, KB entry."""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..exceptions import FlashpointError
from ..store.schema import ActorRow, EventRow


def actor_details(session: Session, name: str) -> dict | None:
    """Everything known about the actor called `name` (any case) or with KB id `name`."""
    rows = session.scalars(
        select(ActorRow).where(
            or_(func.lower(ActorRow.name) == name.lower(), ActorRow.kb_id == name)
        )
    ).all()
    if not rows:
        return None
    ids = [row.id for row in rows]
    aliases = sorted({alias for row in rows for alias in row.aliases or []})
    roles = {
        "actor": _types(session, EventRow.actor_id.in_(ids)),
        "recipient": _types(session, EventRow.recipient_id.in_(ids)),
    }
    kb_id = next((row.kb_id for row in rows if row.kb_id), None)
    entry = knowledge_base_entry(kb_id) if kb_id else None
    if entry:
        aliases = sorted(set(aliases) | set(entry.get("aliases") or []))
    return {
        "name": rows[0].name,
        "id": kb_id,
        "readings": [
            {"country": row.country, "sector": row.sector, "id": row.kb_id} for row in rows
        ],
        "aliases": aliases,
        "roles": roles,
        "acts_on": _counterparts(session, EventRow.actor_id, EventRow.recipient_id, ids),
        "acted_on_by": _counterparts(session, EventRow.recipient_id, EventRow.actor_id, ids),
        "knowledge_base": entry,
    }


def ranked_actors(session: Session, text: str | None, limit: int) -> list[tuple[ActorRow, int]]:
    """Actors by the number of events they act in or receive, most first.

    Two grouped counts (one per role) rather than a join on "actor or recipient", which the
    database cannot serve from an index.
    """
    counts: Counter[int] = Counter()
    for column in (EventRow.actor_id, EventRow.recipient_id):
        selection = select(column, func.count()).where(column.is_not(None)).group_by(column)
        for actor_id, number in session.execute(selection):
            counts[actor_id] += number
    selection = select(ActorRow)
    if text and text.strip():
        selection = selection.where(ActorRow.name.icontains(text.strip(), autoescape=True))
    rows = [row for row in session.scalars(selection) if counts[row.id]]
    rows.sort(key=lambda row: (-counts[row.id], row.name))
    return [(row, counts[row.id]) for row in rows[:limit]]


def _types(session: Session, condition) -> dict[str, int]:
    selection = select(EventRow.event_type, func.count()).where(condition)
    return dict(session.execute(selection.group_by(EventRow.event_type)).all())


def _counterparts(session: Session, own, other, ids: list[int], limit: int = 20) -> list[dict]:
    number = func.count(EventRow.id)
    selection = (
        select(ActorRow.name, number)
        .join(ActorRow, other == ActorRow.id)
        .where(own.in_(ids))
        .group_by(ActorRow.name)
        .order_by(number.desc(), ActorRow.name)
        .limit(limit)
    )
    return [{"name": name, "events": count} for name, count in session.execute(selection).all()]


def knowledge_base_entry(kb_id: str) -> dict | None:
    """The KB's record for an id (aliases, roles, relations such as part_of or backed_by).

    The API works without the knowledge base: if it cannot be imported or loaded, the actor is
    shown from the database alone.
    """
    try:
        from ..actors.kb import get_kb

        entry = get_kb().get(kb_id)
    except (ImportError, FlashpointError, OSError):
        return None
    return _plain(entry) if entry is not None else None


def _plain(value: Any) -> Any:
    """A JSON-ready copy of whatever shape the KB hands back (dataclass, dict, list)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(item) for item in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
