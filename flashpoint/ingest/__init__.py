"""Read articles from files and folders: plain text, HTML, JSON-lines, RSS/Atom feeds.

`read_paths` never raises for a bad input: it yields an InputError naming the file (and line or
item) with the reason, and goes on with the rest, so one broken file does not stop a batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..exceptions import InputError
from ..model import Document
from .feed import read_feed
from .html import read_html
from .jsonl import read_jsonl
from .text import read_txt

Reader = Callable[[Path], Document | Iterable[Document | InputError]]

READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
}

__all__ = ["READERS", "read_file", "read_paths"]


def read_file(path: Path) -> Iterator[Document | InputError]:
    """Everything in one file; an unsupported or unreadable file is a single InputError."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        yield InputError(str(path), f"unsupported file type {path.suffix or '(none)'} ({known})")
        return
    try:
        result = reader(path)
        if isinstance(result, Document):
            yield result
        else:
            yield from result
    except InputError as error:
        yield error


def _walk(folder: Path) -> Iterator[Path]:
    """Supported files under a folder, in sorted order; hidden files and other types are skipped."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() in READERS:
            yield path


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document | InputError]:
    """Documents from files and folders (walked recursively in sorted order), with errors inline."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from (item for file in _walk(path) for item in read_file(file))
        elif path.exists():
            yield from read_file(path)
        else:
            yield InputError(str(path), "no such file or directory")
