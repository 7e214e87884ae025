"""Grouped counts for the charts: by period, by type, by dyad, by place, each with a mean score.

The database groups by the finest key (date, type, mode, ...) and Python rolls those groups up
into weeks or months, which keeps the SQL the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..store.schema import EventRow, PlaceRow
from .queries import EventQuery, Receiver, Sender, _as_date, filtered
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


def timeline(session: Session, query: EventQuery, interval: str | None = None) -> dict:
    """Counts per period and type with the mean PLOVER score; empty periods are filled in."""
    day = EventRow.date_start  # undated events have no place on a timeline
    selection = filtered(
        select(day, EventRow.event_type, EventRow.mode, func.count(EventRow.id)), query
    )
    selection = selection.where(day.is_not(None)).group_by(day, EventRow.event_type, EventRow.mode)
    rows = [
        (_as_date(when), event_type, mode, number)
        for when, event_type, mode, number in session.execute(selection).all()
    ]
    if not rows:
        return {"interval": interval or "day", "buckets": []}
    first, last = min(row[0] for row in rows), max(row[0] for row in rows)
    if not interval:
        span = (last - first).days
        interval = (
            "month"
            if span > _AUTO_MONTH_AFTER_DAYS
            else "week"
            if span > _AUTO_WEEK_AFTER_DAYS
            else "day"
        )
    tallies: dict[date, Tally] = defaultdict(Tally)
    for day, event_type, mode, number in rows:
        tallies[period_start(day, interval)].add(event_type, mode, number)
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
    selection = filtered(
        select(EventRow.event_type, EventRow.mode, func.count(EventRow.id)), query
    ).group_by(EventRow.event_type, EventRow.mode)
    tallies: dict[str, Tally] = defaultdict(Tally)
    for event_type, mode, number in session.execute(selection).all():
        tallies[event_type].add(event_type, mode, number)
    return [
        {"event_type": event_type, "count": tally.count, "escalation": tally.escalation}
        for event_type, tally in sorted(tallies.items(), key=lambda item: -item[1].count)
    ]


def dyads(session: Session, query: EventQuery, limit: int = 100) -> list[dict]:
    """Actor -> recipient pairs by number of events, with the mean score between them."""
    selection = filtered(
        select(Sender.name, Receiver.name, EventRow.event_type, EventRow.mode, func.count()),
        query,
        frozenset({"sender", "receiver"}),
    ).where(EventRow.actor_id.is_not(None), EventRow.recipient_id.is_not(None))
    selection = selection.group_by(Sender.name, Receiver.name, EventRow.event_type, EventRow.mode)
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for actor, recipient, event_type, mode, number in session.execute(selection).all():
        tallies[(actor, recipient)].add(event_type, mode, number)
    ranked = sorted(tallies.items(), key=lambda item: (-item[1].count, item[0]))[:limit]
    return [
        {
            "actor": actor,
            "recipient": recipient,
            "count": tally.count,
            "escalation": tally.escalation,
            "types": dict(tally.by_type),
        }
        for (actor, recipient), tally in ranked
    ]


def places(session: Session, query: EventQuery, limit: int = 1000) -> list[dict]:
    """Located events grouped by place, for the map."""
    selection = filtered(
        select(
            PlaceRow.id,
            PlaceRow.name,
            PlaceRow.country,
            PlaceRow.lat,
            PlaceRow.lon,
            EventRow.event_type,
            EventRow.mode,
            func.count(),
        ),
        query,
        frozenset({"place"}),
    ).where(PlaceRow.lat.is_not(None), PlaceRow.lon.is_not(None))
    selection = selection.group_by(
        PlaceRow.id,
        PlaceRow.name,
        PlaceRow.country,
        PlaceRow.lat,
        PlaceRow.lon,
        EventRow.event_type,
        EventRow.mode,
    )
    tallies: dict[tuple, Tally] = defaultdict(Tally)
    for place_id, name, country, lat, lon, event_type, mode, number in session.execute(selection):
        tallies[(place_id, name, country, lat, lon)].add(event_type, mode, number)
    ranked = sorted(tallies.items(), key=lambda item: -item[1].count)[:limit]
    return [
        {
            "name": name,
            "country": country,
            "lat": lat,
            "lon": lon,
            "count": tally.count,
            "escalation": tally.escalation,
            "types": dict(tally.by_type),
        }
        for (_, name, country, lat, lon), tally in ranked
    ]
