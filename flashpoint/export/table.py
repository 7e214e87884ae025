"""Events as a rich table for the terminal: one line each, the essentials first."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text

from ..model import Actor, Event, Place, TimeSpan


def actor_label(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    label = actor.name
    if actor.country and actor.country not in label:
        label += f" ({actor.country})"
    return label


def date_label(span: TimeSpan | None) -> str:
    if span is None:
        return "-"
    if span.start == span.end:
        return span.start.isoformat()
    return f"{span.start.isoformat()}..{span.end.isoformat()}"


def place_label(place: Place | None) -> str:
    if place is None:
        return "-"
    return f"{place.name}, {place.country}" if place.country else place.name


def casualty_label(event: Event) -> str:
    if event.dead is None and event.injured is None:
        return "-"
    dead = "?" if event.dead is None else str(event.dead)
    injured = "?" if event.injured is None else str(event.injured)
    return f"{dead}/{injured}"


def events_table(events: Iterable[Event], title: str | None = None, sources: bool = False) -> Table:
    """One row per event; with `sources`, a column counting the articles that report it.

    The id column is always an event id, so that `flashpoint show` can open it.
    """
    table = Table(title=title, show_lines=False, header_style="bold")
    table.add_column("date", no_wrap=True)
    table.add_column("type", no_wrap=True, style="bold")
    table.add_column("actor -> recipient", min_width=24)
    table.add_column("place", min_width=12)
    table.add_column("dead/inj", justify="right", no_wrap=True)
    if sources:
        table.add_column("sources", justify="right", no_wrap=True)
    table.add_column("id", no_wrap=True, style="dim")
    for event in events:
        kind = event.event_type + (f" ({', '.join(event.aux)})" if event.aux else "")
        who = Text(actor_label(event.actor))
        who.append(" -> ", style="dim")
        who.append(actor_label(event.recipient))
        cells = [
            date_label(event.date),
            kind,
            who,
            place_label(event.location),
            casualty_label(event),
        ]
        if sources:
            cells.append(str(len(event.sources or [event.doc_id])))
        table.add_row(*cells, event.id)
    return table
