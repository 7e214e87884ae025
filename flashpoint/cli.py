"""The `flashpoint` command: a thin layer; each command group lives with its feature.

Every invocation imports this module and the command modules it mounts, so those import only
typer and their own small helpers; each command imports what it needs (spaCy, the store, the API)
when it runs. `flashpoint --help` and the store's read commands thus start in a fraction of the
time that loading the pipeline takes.
"""

from __future__ import annotations

import gc
import sys

import typer

from .exceptions import FlashpointError

STARTUP_GC_THRESHOLD = 100_000

app = typer.Typer(
    help="News articles about armed conflict in, source-linked PLOVER events out.",
    no_args_is_help=True,
    add_completion=False,
)


def _mount() -> None:
    """Attach the command groups; each module owns its own commands."""
    from .actors.commands import register as register_actors
    from .api.commands import register as register_serve
    from .bench import register as register_bench
    from .commands import register as register_core
    from .evaluate.commands import app as eval_app

    register_core(app)
    app.add_typer(eval_app, name="eval", help="Score the extractor against gold sets.")
    register_actors(app)
    register_serve(app)
    register_bench(app)


_mount()


def package_version() -> str:
    """The installed distribution's version (its metadata, so an install can never disagree)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("flashpoint")
    except PackageNotFoundError:  # running from a source tree that was never installed
        from . import __version__

        return __version__


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"flashpoint {package_version()}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False,
        "--version",
        help="Print the version and exit.",
        callback=_show_version,
        is_eager=True,
    ),
) -> None:
    """News articles about armed conflict in, source-linked PLOVER events out."""


def main() -> None:
    # Starting a command allocates a few hundred thousand long-lived objects (modules, models,
    # tables) and next to no garbage: collecting the youngest objects every 700 allocations, the
    # default, spends a tenth of a small run's time finding nothing.
    gc.set_threshold(STARTUP_GC_THRESHOLD)
    try:
        # Outside standalone mode click returns a command's exit code instead of exiting with it.
        code = app(standalone_mode=False)
    except FlashpointError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(130)
    except Exception as exc:  # click usage errors arrive here in non-standalone mode
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
