"""What every reader shares: reading a file's text safely and parsing metadata dates."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from ..exceptions import InputError

# Bytes that never occur in text files; a few of them mean the file is binary.
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def read_text(path: Path) -> str:
    """The file's text as Unicode, or InputError naming why it cannot be read as text."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(str(path), "no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(str(path), "is a directory") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise InputError(str(path), "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(str(path), "not valid UTF-16 text") from exc
    head = data[:8192]
    if b"\x00" in head or len(_CONTROL.findall(head)) > max(8, len(head) // 100):
        raise InputError(str(path), "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Windows-1252 is the usual culprit for news saved from old sites; accept it only when
        # it decodes cleanly, so that random bytes still fail loudly.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(
                str(path), f"not UTF-8 text (undecodable byte at offset {exc.start})"
            ) from exc


def normalize_text(text: str) -> str:
    """Unix newlines, no trailing spaces, at most one blank line between paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def parse_date(value: object) -> date | None:
    """A date from ISO 8601 (date or datetime) or RFC 822 text; None when it is not one.

    Datetimes keep their own calendar day: a wire story stamped 23:30 local time is that day's news.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None
