"""The repository speaks of the product: changes are dated and versioned, and no text says how the
work on it was organised (numbered work sittings or turns, coding agents).

Technical uses stay: a SQLAlchemy or HTTP `Session`, pytest's `scope="session"`, "an emergency
session" of a council, "words that turn a name into". The phrases caught are an ordinal or
"this/that/previous/last" right before "session", an ordinal turn ("the third turn", "fifth-turn"),
and either word followed by a number. News text (example and gold articles), data files of
sentences (.jsonl) and vendored assets are not scanned.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCANNED_SUFFIXES = {
    "",
    ".cfg",
    ".css",
    ".html",
    ".ini",
    ".js",
    ".mako",
    ".md",
    ".py",
    ".sh",
    ".toml",
    ".txt",
    ".yaml",
    ".yml",
}
SKIPPED_FOLDERS = {"vendor", "articles"}
ORDINALS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
WORK_WORDING = re.compile(
    rf"\b(?:{ORDINALS}|this|that|previous|last)[- ]sessions?\b"
    rf"|\b(?:{ORDINALS})-turns?\b|\b(?:the|this|that) (?:{ORDINALS}) turns?\b"
    r"|\b(?:previous|last) turn\b"
    r"|\b(?:session|turn) \d+\b"
    r"|\b(?:coding|ai|llm) agents?\b",
    re.IGNORECASE,
)


def tracked_text_files() -> list[Path]:
    try:
        listed = subprocess.run(
            ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    files = []
    for name in listed:
        path = ROOT / name
        if path.suffix not in SCANNED_SUFFIXES or SKIPPED_FOLDERS & set(path.parts):
            continue
        if path == Path(__file__).resolve() or not path.is_file():
            continue
        files.append(path)
    return files


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Added (fifth session)", True),
        ("figures after the third session's changes", True),
        ("fourth-session geocoding figures", True),
        ("pins raised to this session's figures", True),
        ("measured in session 4", True),
        ("as asked in turn 3", True),
        ("since the fourth turn", True),
        ("words that turn a name into an organisation's", False),
        ("we first turn the text into tokens", False),
        ("written by a coding agent", True),
        ("The UN Security Council met in an emergency session.", False),
        ('@pytest.fixture(scope="session")', False),
        ("def session(request: Request) -> Iterator[Session]:", False),
        ("with Session(engine) as db:  # its own session", False),
        ("coder.py turns each reading into an event", False),
        ("the next session of parliament", False),
    ],
)
def test_work_wording_is_told_apart_from_technical_uses(text: str, flagged: bool) -> None:
    assert bool(WORK_WORDING.search(text)) is flagged


def test_no_tracked_text_describes_how_the_work_was_organised() -> None:
    files = tracked_text_files()
    assert any(path.name == "README.md" for path in files)
    found = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            match = WORK_WORDING.search(line)
            if match:
                found.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)!r}")
    assert not found, "say when (a date) or which release instead:\n" + "\n".join(found)
