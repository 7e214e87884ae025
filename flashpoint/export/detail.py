"""One event in full for the terminal: who, what, when, where, the evidence with its trigger."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..model import Actor, Document, Event
from .table import casualty_label, date_label, place_label


def marked_evidence(event: Event) -> Text:
    """The evidence sentence with the trigger in brackets (and highlighted on a terminal)."""
    evidence = event.evidence
    text = Text(evidence.text)
    if evidence.trigger_start is None or evidence.trigger_end is None:
        return text
    start = evidence.trigger_start - evidence.start
    end = evidence.trigger_end - evidence.start
    if not 0 <= start < end <= len(evidence.text):
        return text
    marked = Text(evidence.text[:start])
    marked.append("[" + evidence.text[start:end] + "]", style="bold reverse")
    marked.append(evidence.text[end:])
    return marked


def _actor_line(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    details = [part for part in (actor.country, actor.sector) if part]
    line = actor.name + (f" ({', '.join(details)})" if details else "")
    if actor.id:
        line += f" [{actor.id}]"
    if actor.text and actor.text != actor.name:
        line += f' - "{actor.text}"'
    return line


def event_detail(event: Event, document: Document) -> Group:
    heading = Text(event.id, style="bold")
    heading.append(f"  {event.event_type}", style="bold cyan")
    if event.aux:
        heading.append(f" ({', '.join(event.aux)})", style="yellow")
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="dim", no_wrap=True)
    fields.add_column()
    rows: list[tuple[str, str | Text]] = [
        ("actor", _actor_line(event.actor)),
        ("recipient", _actor_line(event.recipient)),
    ]
    when = date_label(event.date)
    if event.date is not None:
        when += f" ({event.date.precision})"
        if event.date.text:
            when += f' - "{event.date.text}"'
    rows.append(("date", when))
    where = place_label(event.location)
    if event.location is not None and event.location.lat is not None:
        where += f" ({event.location.lat:.4f}, {event.location.lon:.4f})"
    rows.append(("place", where))
    rows.append(("dead/injured", casualty_label(event)))
    for label, value in (
        ("mode", event.mode),
        ("context", ", ".join(event.context)),
        ("cameo", event.cameo),
        ("trigger", event.trigger),
        ("confidence", None if event.confidence is None else f"{event.confidence:.2f}"),
        ("canonical", event.canonical_id),
        ("sources", ", ".join(event.sources)),
    ):
        if value:
            rows.append((label, value))
    rows.append(("evidence", marked_evidence(event)))
    rows.append(("offsets", f"{event.evidence.start}-{event.evidence.end}"))
    for label, value in rows:
        fields.add_row(label, value if isinstance(value, Text) else Text(value))

    article = Table.grid(padding=(0, 2))
    article.add_column(style="dim", no_wrap=True)
    article.add_column()
    published = document.published.isoformat() if document.published else "unknown"
    if document.published and document.date_source:
        published += f" ({document.date_source})"
    for label, value in (
        ("title", document.title),
        ("doc id", document.id),
        ("outlet", document.outlet),
        ("url", document.url),
        ("date", published),
        ("file", document.path),
    ):
        if value:
            article.add_row(label, Text(value))
    return Group(heading, fields, Text("article", style="bold"), article)
