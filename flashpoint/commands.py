"""Core commands: `run` (articles in, events stored), `events`, `export` and `show`.

Imported to build the command line for every invocation, `--help` included: what a command needs
beyond typer (the store, the pipeline, rich) is imported in its body.
"""

from __future__ import annotations

import functools
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from .exceptions import FlashpointError, InputError
from .model import PLOVER_TYPES

if TYPE_CHECKING:
    from rich.console import Console

    from .ingest.batch import RunSummary
    from .model import Event
    from .store import Store

DB_HELP = "Database: SQLAlchemy URL or SQLite file (default: flashpoint.db, or FLASHPOINT_DB)."
# How many of a run's events the summary lists.
SUMMARY_ROWS = 10
# Export reads the database in pages so large stores never sit in memory at once.
EXPORT_PAGE = 500


class ListFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


def _clean_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """User errors end the command with their message and exit code 2, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except FlashpointError as exc:
            typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
            raise SystemExit(2) from exc

    return wrapper


def parse_day(value: str | None, option: str, last: bool = False) -> date | None:
    """YYYY-MM-DD, YYYY-MM or YYYY; a month or year means its first day (its last if `last`)."""
    if value is None:
        return None
    text = value.strip()
    try:
        if len(text) == 4 and text.isdigit():
            return date(int(text), 12, 31) if last else date(int(text), 1, 1)
        if len(text) == 7 and text[4] == "-":
            year, month = int(text[:4]), int(text[5:])
            if not last:
                return date(year, month, 1)
            following = date(year + month // 12, month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InputError(option, f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)") from exc


def _check_type(value: str | None) -> str | None:
    if value is None:
        return None
    for part in value.split(","):
        if part.strip().upper() not in PLOVER_TYPES:
            raise InputError(
                "--type", f"unknown event type {part!r}; one of {', '.join(PLOVER_TYPES)}"
            )
    return value


def _check_country(value: str | None) -> str | None:
    if value is not None and not (len(value.strip()) == 3 and value.strip().isalpha()):
        raise InputError("--country", f"{value!r} is not an ISO 3166-1 alpha-3 code (e.g. SDN)")
    return value


def _filters(type, actor, country, since, until, doc_id=None) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "type": _check_type(type),
        "actor": actor,
        "country": _check_country(country),
        "since": parse_day(since, "--since"),
        "until": parse_day(until, "--until", last=True),
    }


TypeOption = typer.Option(None, "--type", "-t", help="PLOVER type(s), comma-separated.")
ActorOption = typer.Option(
    None, "--actor", "-a", help="Actor or recipient name, part of it, or KB id."
)
CountryOption = typer.Option(None, "--country", "-c", help="ISO3 of actor, recipient or location.")
SinceOption = typer.Option(None, "--since", help="Events on or after this date.")
UntilOption = typer.Option(None, "--until", help="Events on or before this date.")
DocOption = typer.Option(None, "--doc", help="Only events of this document id.")
DbOption = typer.Option(None, "--db", help=DB_HELP)


def _console() -> Console:
    from rich.console import Console

    # Piped output (make, CI, `| less`) gets no terminal width, and rich would fall back to 80
    # columns and squeeze the actor and place columns to nothing.
    width = None if sys.stdout.isatty() else 160
    return Console(highlight=False, markup=False, width=width)


@_clean_errors
def run(
    paths: list[Path] = typer.Argument(
        ..., help="Article files or folders (.txt .html .jsonl .xml)."
    ),
    db: str | None = DbOption,
    merge: bool = typer.Option(
        True, "--merge/--no-merge", help="Merge mentions of the same real-world event afterwards."
    ),
    engine: str = typer.Option(
        "local", "--engine", help="local (this machine) or ray (a Ray cluster; flashpoint[ray])."
    ),
    workers: int = typer.Option(
        1, "--workers", "-w", help="Worker processes (local) or Ray actors, each with the models."
    ),
    address: str | None = typer.Option(
        None,
        "--address",
        help="Ray cluster to join: auto, or ray://HOST:PORT (default: start one).",
    ),
) -> None:
    """Read articles, extract events, store both, and print a summary."""
    from rich.console import Console

    from .merge import merge_store
    from .store import Store

    console = _console()
    merged = None
    timings = None
    if engine not in ("local", "ray"):
        raise InputError("--engine", f"{engine!r} is not an engine; one of local, ray")
    with Store(db) as store:
        if engine == "local" and workers == 1 and address is None:
            from .ingest.batch import process

            summary = process(paths, store, progress_console=Console(stderr=True))
        else:
            from .engine import Engine
            from .engine import run as run_on

            summary, timings = run_on(
                paths, store, Engine(engine), workers, address, Console(stderr=True)
            )
        # New articles may join older events: the new events and those near them are re-merged,
        # with any a killed run stored but never merged.
        if merge:
            unmerged = store.unmerged_events()
            if unmerged:
                merged = merge_store(store, new_events=unmerged)
        total = store.stats()["events"]
    for failure in summary.failures:
        typer.secho(f"error: {failure}", fg=typer.colors.RED, err=True)
    _print_summary(console, summary)
    if merged is not None:
        console.print(
            f"merged: {merged.remerged} new and nearby event mentions are "
            f"{merged.canonical_events_remerged} real-world events "
            f"({merged.duplicate_documents} articles are copies of another)",
            soft_wrap=True,
        )
    console.print(f"database: {store.shown_url} ({total} events in total)", soft_wrap=True)
    if timings is not None:
        console.print(timings.line(), soft_wrap=True)
    if summary.failures:
        # SystemExit, not typer.Exit: `cli.main` runs click with standalone_mode=False, where
        # click turns typer.Exit into a return value and the exit status would be lost.
        raise SystemExit(1)


def highlights(events: list[Event], count: int) -> list[Event]:
    """Up to `count` events, taking turns between articles and the most complete events first,
    so that the summary of a run over many articles shows more than the first article."""
    by_document: dict[str, list[Event]] = {}
    for event in events:
        by_document.setdefault(event.doc_id, []).append(event)

    def completeness(event: Event) -> tuple:
        known = (
            event.dead,
            event.injured,
            event.actor,
            event.recipient,
            event.location,
            event.date,
        )
        return (-sum(part is not None for part in known), event.evidence.start)

    queues = [sorted(group, key=completeness) for group in by_document.values()]
    picked: list[Event] = []
    for rank in range(max((len(queue) for queue in queues), default=0)):
        for queue in queues:
            if rank < len(queue) and len(picked) < count:
                picked.append(queue[rank])
    return picked


def _print_summary(console: Console, summary: RunSummary) -> None:
    from .export.table import events_table

    replaced = f" ({summary.replaced} replacing an edited version)" if summary.replaced else ""
    console.print(
        f"documents: {summary.read} read, {summary.new} new{replaced}, "
        f"{summary.already_stored} already stored, {len(summary.failures)} failed",
        soft_wrap=True,
    )
    by_type = Counter(event.event_type for event in summary.events)
    if not by_type:
        console.print("events: none found in the new documents", soft_wrap=True)
        return
    counts = ", ".join(f"{kind} {count}" for kind, count in by_type.most_common())
    console.print(f"events: {len(summary.events)} found ({counts})", soft_wrap=True)
    shown = highlights(summary.events, SUMMARY_ROWS)
    title = None
    if len(shown) < len(summary.events):
        title = f"{len(shown)} of {len(summary.events)} events (the most complete of each article)"
    console.print(events_table(shown, title=title))


@_clean_errors
def events(
    type: str | None = TypeOption,
    actor: str | None = ActorOption,
    country: str | None = CountryOption,
    since: str | None = SinceOption,
    until: str | None = UntilOption,
    doc_id: str | None = DocOption,
    limit: int = typer.Option(50, "--limit", "-n", min=1, help="At most this many events."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many first."),
    format: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="Output format."),
    merged: bool = typer.Option(
        False, "--merged", help="One row per real-world event, with its number of sources."
    ),
    db: str | None = DbOption,
) -> None:
    """List stored events, oldest first, filtered."""
    from .store import Store

    filters = _filters(type, actor, country, since, until, doc_id)
    with Store(db) as store:
        if merged:
            from .merge import representatives

            # Canonical events span pages of mentions, so group everything that matches first.
            canonical = representatives(list(_all_events(store, filters)))
            found, total = canonical[offset : offset + limit], len(canonical)
        else:
            found = store.events(**filters, limit=limit, offset=offset)
            total = store.count_events(**filters) if format is ListFormat.table else len(found)
    if format is not ListFormat.table:
        from .export import write

        write(found, format.value, sys.stdout)
        return
    from .export.table import events_table

    console = _console()
    if not found:
        console.print("no events match", soft_wrap=True)
        return
    console.print(events_table(found, sources=merged))
    noun = "real-world events" if merged else "matching events"
    console.print(f"{len(found)} of {total} {noun} (from {offset + 1})", soft_wrap=True)


def _all_events(store: Store, filters: dict[str, Any]) -> Iterator[Event]:
    offset = 0
    while True:
        page = store.events(**filters, limit=EXPORT_PAGE, offset=offset)
        yield from page
        if len(page) < EXPORT_PAGE:
            return
        offset += EXPORT_PAGE


@_clean_errors
def export(
    format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f", help="File format."),
    out: str = typer.Option(..., "--out", "-o", help="File to write ('-' for standard output)."),
    type: str | None = TypeOption,
    actor: str | None = ActorOption,
    country: str | None = CountryOption,
    since: str | None = SinceOption,
    until: str | None = UntilOption,
    doc_id: str | None = DocOption,
    db: str | None = DbOption,
) -> None:
    """Write stored events to a file: JSON lines (the contract), CSV or GeoJSON."""
    from .export import write
    from .store import Store

    filters = _filters(type, actor, country, since, until, doc_id)
    with Store(db) as store:
        if out == "-":
            count = write(_all_events(store, filters), format.value, sys.stdout)
        else:
            try:
                with open(out, "w", encoding="utf-8", newline="") as stream:
                    count = write(_all_events(store, filters), format.value, stream)
            except OSError as exc:
                raise InputError(out, f"cannot write: {exc.strerror or exc}") from exc
    noun = "located events" if format is ExportFormat.geojson else "events"
    typer.echo(f"wrote {count} {noun} to {out}", err=True)


@_clean_errors
def show(
    event_id: str = typer.Argument(..., help="Event id (or its first characters)."),
    db: str | None = DbOption,
) -> None:
    """One event in full: actors, date, place, evidence sentence with the trigger, its article."""
    from .export.detail import event_detail
    from .store import Store

    with Store(db) as store:
        found = store.event(event_id.strip())
        if found is None:
            raise InputError(event_id, f"no such event in {store.shown_url}")
    console = _console()
    console.print(event_detail(*found))


@_clean_errors
def merge(
    full: bool = typer.Option(
        False, "--full", help="Re-merge every stored event, not only those never merged."
    ),
    db: str | None = DbOption,
) -> None:
    """Merge stored event mentions into real-world events (`run` does this after each run)."""
    from .merge import merge_store
    from .store import Store

    with Store(db) as store:
        if full:
            result = merge_store(store, full=True)
        else:
            unmerged = store.unmerged_events()
            result = merge_store(store, new_events=unmerged) if unmerged else None
        shown = store.shown_url
    console = _console()
    if result is None:
        console.print(f"merged: nothing new to merge in {shown}", soft_wrap=True)
        return
    console.print(
        f"merged: {result.remerged} event mentions are {result.canonical_events_remerged} "
        f"real-world events ({result.updated} stored events changed) in {shown}",
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    app.command("run")(run)
    app.command("merge")(merge)
    app.command("events")(events)
    app.command("export")(export)
    app.command("show")(show)
