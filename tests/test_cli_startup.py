"""Each command imports what it uses: the command line itself starts without the heavy stacks."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flashpoint.cli import app

HEAVY = ("fastapi", "starlette", "sqlalchemy", "alembic", "spacy", "onnxruntime", "trafilatura")

# Runs the command line in a fresh interpreter and reports which heavy packages it imported.
_PROBE = """
import json, sys
from flashpoint.cli import main
arguments, heavy = json.loads(sys.argv[1]), json.loads(sys.argv[2])
sys.argv = ["flashpoint", *arguments]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(name for name in heavy if name in sys.modules)), file=sys.stderr)
"""


def _imported(arguments: list[str], cwd: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(arguments), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_version_is_the_installed_distributions() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"flashpoint {version('flashpoint')}"


@pytest.mark.parametrize(
    "arguments",
    [["--help"], ["--version"], ["run", "--help"], ["events", "--help"], ["bench", "--help"]],
    ids=lambda arguments: " ".join(arguments),
)
def test_help_and_version_import_none_of_the_heavy_stacks(arguments, tmp_path) -> None:
    assert _imported(arguments, tmp_path) == []


def test_listing_events_imports_the_store_but_not_the_pipeline_or_the_api(tmp_path) -> None:
    from flashpoint.store import Store

    database = tmp_path / "events.db"
    Store(f"sqlite:///{database}").close()
    imported = _imported(["events", "--db", str(database)], tmp_path)
    assert imported == ["sqlalchemy"]  # no alembic either: the schema is already the newest


def test_the_api_is_still_reachable_from_its_package() -> None:
    from flashpoint.api import create_app

    assert callable(create_app)
