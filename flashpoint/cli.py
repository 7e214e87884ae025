"""The `flashpoint` command: a thin layer; each command group lives with its feature."""

from __future__ import annotations

import sys

import typer

from .exceptions import FlashpointError

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


def main() -> None:
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
