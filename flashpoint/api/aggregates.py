"""Grouped counts for the charts: by period, by type, by dyad, by place, each with a mean score.

The database groups by the finest key (date, type, mode, ...) and Python rolls those groups up
into weeks or months, which keeps the SQL the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from sqlalchemy import Date, cast, func, select
from sqlalchemy.orm import Session

from ..store.schema import ActorRow, EventRow, PlaceRow
from .precision import feature_precision
from .queries import EventQuery, _as_date, filtered
from .scores import score

INTERVALS = ("day", "week", "month")
# Beyond this many days a daily chart has more bars than a screen has pixels to spare.
_AUTO_WEEK_AFTER_DAYS = 120
_AUTO_MONTH_AFTER_DAYS = 730


@dataclass
class Tally:
    """A count of events with the running sum of their scores (for the mean)."""

    count: int = 0
    scored: int = 0
    score_sum: float = 0.0
    by_type: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, event_type: str, mode: str | None, count: int) -> None:
        self.count += count
        self.by_type[event_type] += count
        value = score(event_type, mode)
        if value is not None:
            self.scored += count
            self.score_sum += value * count

    @property
    def escalation(self) -> float | None:
        return round(self.score_sum / self.scored, 2) if self.scored else None


def _measures() -> tuple:
    """Type, mode and count of a group; scores are looked up per (type, mode) in Python, since a
    86-branch CASE per row costs SQLite far more than the extra groups do."""
    return EventRow.event_type, EventRow.mode, func.count()


def period_start(day: date, interval: str) -> date:
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def _label(day: date, interval: str) -> str:
    return day.strftime("%Y-%m") if interval == "month" else day.isoformat()


def _next(day: date, interval: str) -> date:
    if interval == "week":
        return day + timedelta(days=7)
    if interval == "month":
        return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return day + timedelta(days=1)


def _period(dialect: str, interval: str):
    """SQL for the first day of an event's period, so the database groups by period, not by day.

    Returns None where the dialect has no expression here; days are then rolled up in Python.
    """
    day = EventRow.date_start
    if interval == "day":
        return day
    if dialect == "sqlite":
        if interval == "week":  # back to Monday: on to the next Sunday, then six days back
            return func.date(day, "weekday 0", "-6 days")
        return func.strftime("%Y-%m-01", day)
    if dialect == "postgresql":
        return cast(func.date_trunc(interval, day), Date)
    return None


def _choose_interval(first: date, last: date) -> str:
    span = (last - first).days
    if span > _AUTO_MONTH_AFTER_DAYS:
        return "month"
    return "week" if span > _AUTO_WEEK_AFTER_DAYS else "day"


def timeline(session: Session, query: EventQuery, interval: str | None = None) -> dict:
    """Counts per period and type with the mean PLOVER score; empty periods are filled in.

    Undated events have no place on a timeline and are left out.
    """
    day = EventRow.date_start
    bounds = filtered(select(func.min(day), func.max(day)), query)
    first, last = session.execute(bounds).one()
    if first is None:
        return {"interval": interval or "day", "buckets": []}
    first, last = _as_date(first), _as_date(last)
    interval = interval or _choose_interval(first, last)
    period = _period(session.get_bind().dialect.name, interval)
    if period is None:
        period = day
    period = period.label("period")
    selection = filtered(select(period, *_measures()), query).group_by(
        period, EventRow.event_type, EventRow.mode
    )
    tallies: dict[date, Tally] = defaultdict(Tally)
    # Undated events form one group with no period, dropped here rather than by "is not null"
    # in SQL, which would make the planner fetch every row through the date index.
    for when, event_type, mode, count in session.execute(selection).all():
        if when is not None:
            tallies[period_start(_as_date(when), interval)].add(event_type, mode, count)
    buckets = []
    current, stop = period_start(first, interval), period_start(last, interval)
    while current <= stop:
        tally = tallies.get(current, Tally())
        buckets.append(
            {
                "period": _label(current, interval),
                "start": current.isoformat(),
                "total": tally.count,
                "counts": dict(tally.by_type),
                "escalation": tally.escalation,
            }
        )
        current = _next(current, interval)
    return {"interval": interval, "buckets": buckets}


def by_type(session: Session, query: EventQuery) -> list[dict]:
    selection = filtered(select(*_measures()), query).group_by(EventRow.event_type, EventRow.mode)
    tallies: dict[str, Tally] = defaultdict(Tally)
    for event_type, mode, count in session.execute(selection).all():
        tallies[event_type].add(event_type, mode, count)
    return [
        {"event_type": event_type, "count": tally.count, "escalation": tally.escalation}
        for event_type, tally in sorted(tallies.items(), key=lambda item: -item[1].count)
    ]


_GENERIC = Path(__file__).resolve().parent.parent / "data" / "api" / "generic_actors.txt"


@cache
def generic_names() -> frozenset[str]:
    lines = _GENERIC.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and line[0] != "#")


def _node(name: str, country: str | None, sector: str | None) -> tuple[str, str | None, bool]:
    """(label, country filter, generic): a generic name is one node per country and sector."""
    if name.lower() not in generic_names():
        return name, None, False
    where = " ".join(part for part in (country, sector) if part)
    return (f"{name} ({where})" if where else name), country, True


def dyads(
    session: Session,
    query: EventQuery,
    limit: int = 100,
    min_count: int = 1,
    hide_generic: bool = False,
) -> list[dict]:
    """Actor -> recipient pairs by number of events, with the mean score between them.

    Grouped by actor ids on the events table alone; actors sharing a name (read with different
    countries or sectors) are then merged under that name.
    """
    pair = (EventRow.actor_id, EventRow.recipient_id)
    selection = filtered(select(*pair, *_measures()), query).group_by(
        *pair, EventRow.event_type, EventRow.mode
    )
    groups = [row for row in session.execute(selection).all() if row[0] and row[1]]
    ids = {actor_id for row in groups for actor_id in row[:2]}
    found = session.execute(
        select(ActorRow.id, ActorRow.name, ActorRow.country, ActorRow.sector).where(
            ActorRow.id.in_(ids)
        )
    ).all()
    nodes = {row[0]: (row[1], *_node(row[1], row[2], row[3])) for row in found}
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    ends: dict[tuple[str, str], tuple] = {}
    for actor_id, recipient_id, event_type, mode, count in groups:
        actor, recipient = nodes[actor_id], nodes[recipient_id]
        if hide_generic and (actor[3] or recipient[3]):
            continue
        key = (actor[1], recipient[1])
        tallies[key].add(event_type, mode, count)
        ends[key] = (actor, recipient)
    kept = [item for item in tallies.items() if item[1].count >= min_count]
    ranked = sorted(kept, key=lambda item: (-item[1].count, item[0]))[:limit]
    result = []
    for (actor, recipient), tally in ranked:
        sender, receiver = ends[(actor, recipient)]
        result.append(
            {
                "actor": actor,
                "recipient": recipient,
                # What to filter the list on to see these events: name and, for a generic
                # actor, its country.
                "actor_name": sender[0],
                "actor_country": sender[2],
                "recipient_name": receiver[0],
                "recipient_country": receiver[2],
                "generic": [sender[3], receiver[3]],
                "count": tally.count,
                "escalation": tally.escalation,
                "types": dict(tally.by_type),
            }
        )
    return result


def places(session: Session, query: EventQuery, limit: int = 1000) -> list[dict]:
    """Located events grouped by place, for the map.

    Counted on the events table alone, by location id; the few place rows are read afterwards.
    """
    location = EventRow.location_id
    selection = filtered(select(location, *_measures()), query)
    # No "location is not null" in SQL: the planner would walk the location index and fetch
    # every row from it, slower than the plain scan; the unlocated group is dropped here.
    selection = selection.group_by(location, EventRow.event_type, EventRow.mode)
    tallies: dict[int, Tally] = defaultdict(Tally)
    for place_id, event_type, mode, count in session.execute(selection):
        if place_id is not None:
            tallies[place_id].add(event_type, mode, count)
    rows = {
        row.id: row
        for row in session.scalars(select(PlaceRow).where(PlaceRow.id.in_(list(tallies))))
        if row.lat is not None and row.lon is not None
    }
    ranked = sorted(
        ((rows[place_id], tally) for place_id, tally in tallies.items() if place_id in rows),
        key=lambda item: (-item[1].count, item[0].name),
    )[:limit]
    return [
        {
            "name": row.name,
            "country": row.country,
            "lat": row.lat,
            "lon": row.lon,
            # A country or region centroid is not where anything happened; the map says so.
            "precision": feature_precision(row.feature, row.admin1),
            "count": tally.count,
            "escalation": tally.escalation,
            "types": dict(tally.by_type),
        }
        for row, tally in ranked
    ]
