"""Read articles from files and folders: plain text, HTML, JSON-lines, RSS/Atom feeds.

`read_paths` never raises for a bad input: it yields an InputError naming the file (and line or
item) with the reason, and goes on with the rest, so one broken file does not stop a batch.
Nothing in a folder is passed over in silence except hidden entries and files of other types:
pipes, devices, broken or looping links, links leading out of the folder and unreadable
subfolders are each reported by name.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..exceptions import InputError
from ..model import Document
from .common import file_kind
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


def _inside(target: Path, folder: Path) -> bool:
    return target == folder or folder in target.parents


def _link_problem(path: Path, root: Path) -> str | None:
    """Why a symbolic link in a folder is not read, or None when it leads to a file inside it."""
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return f"broken symbolic link (to {os.readlink(path)})"
    except (RuntimeError, OSError) as exc:
        if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == 40:  # ELOOP
            return "symbolic link loop"
        return f"cannot follow symbolic link: {exc.strerror or exc}"
    if not _inside(target, root):
        return f"symbolic link to {target}, outside {root}: not followed"
    return None


def _walk(folder: Path) -> Iterator[Path | InputError]:
    """Supported files under a folder, in sorted order, and an error for each entry that is
    not read and not merely hidden or of another type."""
    root = folder.resolve()
    problems: list[InputError] = []

    def unreadable(error: OSError) -> None:
        problems.append(
            InputError(error.filename or str(folder), f"cannot read folder: {error.strerror}")
        )

    found: list[Path | InputError] = []
    for current, folders, files in os.walk(folder, onerror=unreadable):
        here = Path(current)
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in folders:
            if (here / name).is_symlink():
                # os.walk does not descend into it; say so unless it points inside the folder
                problem = _link_problem(here / name, root)
                if problem is not None:
                    found.append(InputError(str(here / name), problem))
        for name in files:
            if name.startswith("."):
                continue
            path = here / name
            try:
                mode = os.lstat(path).st_mode
            except OSError as exc:
                found.append(InputError(str(path), f"cannot read: {exc.strerror or exc}"))
                continue
            if stat.S_ISLNK(mode):
                problem = _link_problem(path, root)
                if problem is not None:
                    found.append(InputError(str(path), problem))
                    continue
                mode = os.stat(path).st_mode
            if not stat.S_ISREG(mode):
                found.append(InputError(str(path), f"is {file_kind(mode)}, not a file"))
            elif path.suffix.lower() in READERS:
                found.append(path)
    found.extend(problems)
    # in path order (folder by folder, as before), problems where their entries stand
    yield from sorted(
        found, key=lambda item: Path(item.source) if isinstance(item, InputError) else item
    )


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document | InputError]:
    """Documents from files and folders (walked recursively in sorted order), with errors inline.

    Paths are made absolute (without following links), so that the same file named two ways is
    the same document."""
    for given in paths:
        path = Path(os.path.abspath(given))
        if path.is_dir():
            for item in _walk(path):
                if isinstance(item, InputError):
                    yield item
                else:
                    yield from read_file(item)
        elif path.exists() or path.is_symlink():
            yield from read_file(path)
        else:
            yield InputError(str(given), "no such file or directory")
