"""`flashpoint eval ...`: each gold format has a module with `evaluate(path) -> Report`."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import typer

app = typer.Typer(no_args_is_help=True)

# command name -> module under flashpoint.evaluate that provides `evaluate(path) -> Report`
SCORERS: dict[str, str] = {
    "plover-gsr": "plover_gsr",
    "case2021": "case2021",
    "timebank": "timebank",
    "geo": "geo",
    "actors": "actors",
    "merge": "merge",
    "own": "own",
}


def _run(name: str, path: Path, as_json: bool) -> None:
    module = importlib.import_module(f"flashpoint.evaluate.{SCORERS[name]}")
    report = module.evaluate(path)
    if as_json:
        typer.echo(json.dumps(report.metrics, sort_keys=True))
    else:
        typer.echo(report.render())


def _make_command(name: str):
    def command(
        path: Path = typer.Argument(..., help="Gold file or folder."),
        as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    ) -> None:
        _run(name, path, as_json)

    command.__name__ = name.replace("-", "_")
    command.__doc__ = f"Score against a {name} gold set."
    return command


for _name in SCORERS:
    app.command(_name)(_make_command(_name))
