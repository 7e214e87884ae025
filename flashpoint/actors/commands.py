"""`flashpoint actors [QUERY]`, `flashpoint actors show ID` and `flashpoint kb add FILE.yaml`."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..exceptions import InputError, KnowledgeBaseError

if TYPE_CHECKING:
    from .kb import Entry


def get_kb():
    # Imported when a command runs, not when the command line is built.
    from .kb import get_kb

    return get_kb()


kb_app = typer.Typer(no_args_is_help=True, help="Manage the actor knowledge base.")


def _line(entry: Entry) -> str:
    codes = "/".join(code or "-" for code in (entry.country, entry.sector))
    return f"{entry.id:<45} {entry.name:<40} {codes:<9} {entry.source}"


def _show(entry_id: str) -> None:
    knowledge = get_kb()
    entry = knowledge.get(entry_id)
    if entry is None:
        matches = knowledge.search(entry_id, limit=5)
        hint = f"; did you mean {', '.join(m.id for m in matches)}?" if matches else ""
        raise KnowledgeBaseError("actors", f"no entry {entry_id!r}{hint}")
    typer.echo(f"{entry.name}  [{entry.id}]")
    typer.echo(f"  type      {entry.type}")
    typer.echo(f"  country   {entry.country or '-'}")
    typer.echo(f"  sector    {entry.sector or '-'}")
    typer.echo(f"  source    {entry.source}")
    if entry.wikidata:
        typer.echo(f"  wikidata  {entry.wikidata}")
    if entry.aliases:
        typer.echo(f"  aliases   {'; '.join(entry.aliases)}")
    for role in entry.roles:
        what = role.role or role.sector or ""
        where = role.org or role.country or ""
        dates = f"{role.since or '…'} to {role.until or '…'}"
        typer.echo(f"  role      {what} {where} ({dates})".replace("  (", " ("))
    for name, relations in entry.relations.items():
        for relation in relations:
            dates = f" since {relation.since}" if relation.since else ""
            dates += f" until {relation.until}" if relation.until else ""
            note = f" [{relation.note}]" if relation.note else ""
            typer.echo(f"  {name:<9} {relation.target}{note}{dates}")


def actors(
    words: list[str] = typer.Argument(None, help="A search text, or `show ID`."),
    limit: int = typer.Option(50, "--limit", "-n", help="Most entries to list."),
    fmt: str = typer.Option("json", "--format", help="`actors network`: json or graphml."),
    out: Path = typer.Option(None, "--out", help="`actors network`: the file to write."),
    db: str = typer.Option(None, "--db", help="`actors network`: event store URL or path."),
) -> None:
    """List or search the actor knowledge base; `actors show ID` prints one entry in full;
    `actors network --format graphml --out FILE [--db URL]` exports the actor network."""
    words = words or []
    if len(words) == 2 and words[0] == "show":
        _show(words[1])
        return
    if words == ["network"]:
        _network(fmt, out, db)
        return
    for entry in get_kb().search(" ".join(words), limit=limit):
        typer.echo(_line(entry))


def _network(fmt: str, out: Path | None, db: str | None) -> None:
    from .network import FORMATS, build_network, write

    if out is None:
        raise InputError("actors network", "--out FILE is required")
    if fmt not in FORMATS:
        raise InputError(str(out), f"unknown --format {fmt!r} (use {' or '.join(FORMATS)})")
    events = []
    if db:
        from ..store import Store

        events = Store(db).events()
    network = build_network(get_kb(), events)
    write(network, out, fmt)
    typer.echo(f"wrote {len(network.nodes)} actors and {len(network.edges)} edges to {out}")


@kb_app.command("add")
def add(path: Path = typer.Argument(..., help="YAML file of entries (orgs.yaml format).")) -> None:
    """Validate a YAML file of actors and copy it into the user overlay folder."""
    from . import kb as kb_module

    if not path.is_file():
        raise KnowledgeBaseError(str(path), "file not found")
    knowledge = get_kb()
    entries = kb_module.parse_entries(kb_module.read_yaml(path), str(path), kind=f"overlay:{path}")
    kb_module.check(entries, str(path), set(knowledge.country_names), set(knowledge.sector_labels))
    added = {entry.id: entry for entry in entries}
    kb_module.check_links(added, {**knowledge.entries, **added})
    target_dir = kb_module.overlay_dir()
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target_dir / path.name)
    except OSError as exc:
        raise KnowledgeBaseError(
            str(target_dir), f"cannot write the overlay folder: {exc}"
        ) from exc
    typer.echo(f"added {len(entries)} entries from {path} to {target_dir}")


def register(app: typer.Typer) -> None:
    app.command("actors")(actors)
    app.add_typer(kb_app, name="kb")
