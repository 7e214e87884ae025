"""Plain-text articles: an optional title line, a blank line, then the body."""

from __future__ import annotations

from pathlib import Path

from ..exceptions import InputError
from ..model import Document
from .cleanup import strip_boilerplate
from .common import check_length, normalize_text, read_text

# A first line longer than this is a paragraph, not a headline.
_MAX_TITLE_CHARS = 150


def split_title(text: str) -> tuple[str | None, str]:
    """(title, body): a short first line without final period, then a blank line, is a title."""
    first, sep, rest = text.partition("\n")
    if not sep or not rest.startswith("\n"):
        return None, text
    first = first.strip()
    if (
        not first
        or len(first) > _MAX_TITLE_CHARS
        or first.endswith((".", ":", ";", ",", "—", "–", "-"))
    ):
        return None, text
    body = rest.strip()
    if not body:
        return None, text
    return first, body


def read_txt(path: Path) -> Document:
    text = normalize_text(strip_boilerplate(normalize_text(read_text(path))))
    if not text:
        raise InputError(str(path), "no article text, only page furniture such as share links")
    check_length(str(path), text)
    title, body = split_title(text)
    return Document(id=path.name, text=body, title=title, path=str(path))
