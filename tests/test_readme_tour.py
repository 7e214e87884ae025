"""The README's tour, run as printed against the demo database that `make demo` builds.

A fenced block opened with ```` ```sh tour ```` holds one command a line, each followed by a comment
that says what it shows; a ```` ```python tour ```` block is one script. Every command must exit 0,
and every "double-quoted" word in its comments must appear in what it prints, or in the file its
`--out` names. Commands run in a folder holding the demo database as `flashpoint.db` and a link to
`examples/`, so relative paths and the default database are the reader's.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
FLASHPOINT = Path(sys.executable).parent / "flashpoint"
BLOCK = re.compile(r"^```(sh|python) tour\n(.*?)^```", re.MULTILINE | re.DOTALL)
QUOTED = re.compile(r'"([^"]+)"')

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Step:
    language: str
    code: str
    expected: tuple[str, ...]


def tour_steps(markdown: str) -> list[Step]:
    """The tour's steps: one per command line of a `sh tour` block, one per `python tour` block."""
    steps = []
    for language, body in BLOCK.findall(markdown):
        if language == "python":
            comments = " ".join(line.partition("#")[2] for line in body.splitlines())
            steps.append(Step("python", body, tuple(QUOTED.findall(comments))))
            continue
        for line in body.splitlines():
            command, _, comment = line.partition("  #")
            if command.strip():
                steps.append(Step("sh", command.strip(), tuple(QUOTED.findall(comment))))
    return steps


STEPS = tour_steps(README.read_text(encoding="utf-8"))


def clean_env(**extra: str) -> dict[str, str]:
    """The reader's environment: no FLASHPOINT_* overrides; tables wide enough not to wrap."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("FLASHPOINT_")}
    return env | {"COLUMNS": "200"} | extra


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    if not FLASHPOINT.exists():
        pytest.skip(f"no flashpoint command beside {sys.executable}")
    folder = tmp_path_factory.mktemp("demo")
    (folder / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    built = subprocess.run(
        [str(FLASHPOINT), "run", "examples/articles/", "--db", "flashpoint.db"],
        cwd=folder,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    assert "0 failed" in built.stdout
    return folder


def test_the_tour_is_found_and_every_step_says_what_it_shows() -> None:
    assert len([step for step in STEPS if step.language == "sh"]) >= 8
    assert any(step.language == "python" for step in STEPS)
    for step in STEPS:
        assert step.expected, f"README tour step states nothing to check: {step.code}"
        if step.language == "sh":
            assert step.code.startswith("flashpoint "), step.code


def test_tour_steps_read_commands_and_quoted_expectations() -> None:
    markdown = (
        "```sh tour\n"
        'flashpoint events --actor "Some Group"   # shows "ASSAULT" in "Goma"\n'
        "\n"
        "```\n"
        "```sh\nflashpoint serve\n```\n"
        "```python tour\nprint('x')  # prints \"x\"\n```\n"
    )
    assert tour_steps(markdown) == [
        Step("sh", 'flashpoint events --actor "Some Group"', ("ASSAULT", "Goma")),
        Step("python", "print('x')  # prints \"x\"\n", ("x",)),
    ]


@pytest.mark.parametrize(
    "step", STEPS, ids=[step.code[:60] if step.language == "sh" else "python" for step in STEPS]
)
def test_readme_tour_step_works_on_the_demo_database(step: Step, demo_dir: Path) -> None:
    if step.language == "python":
        argv = [sys.executable, "-c", step.code]
    else:
        argv = [str(FLASHPOINT), *shlex.split(step.code)[1:]]
    result = subprocess.run(
        argv, cwd=demo_dir, env=clean_env(), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{step.code}\n{result.stdout}\n{result.stderr}"
    shown = result.stdout
    if "--out" in argv:
        written = demo_dir / argv[argv.index("--out") + 1]
        shown += written.read_text(encoding="utf-8")
    missing = [word for word in step.expected if word not in shown]
    assert not missing, (
        f"README says `{step.code}` shows {missing}, but it printed:\n{shown[-3000:]}\n"
        "(an event id in the tour changes when the reader is retrained: take the new one from "
        "`flashpoint events`)"
    )
