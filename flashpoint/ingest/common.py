"""What every reader shares: reading a file's text safely and parsing metadata dates."""

from __future__ import annotations

import os
import re
import stat
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from ..exceptions import InputError

# Bytes that never occur in text files; a few of them mean the file is binary.
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")

# The longest article read, as over the API: the pipeline's time and memory, and the merge's
# pairing of an article's own events, grow faster than its length (a 1,000,000-character text
# took 13 minutes and 5 GB to extract, and its merge did not end).
MAX_DOCUMENT_CHARS = 200_000
# A file holding one article: at most four UTF-8 bytes a character; a web page's markup may
# outweigh its text many times. Files of many articles (JSON lines, feeds) may be larger, each
# article then being held to MAX_DOCUMENT_CHARS.
MAX_ARTICLE_BYTES = 4 * MAX_DOCUMENT_CHARS
MAX_PAGE_BYTES = 16 * 1024 * 1024
MAX_COLLECTION_BYTES = 256 * 1024 * 1024
# Datetime arithmetic ("a year ago", the merge's windows) must stay inside years 1-9999.
FIRST_YEAR, LAST_YEAR = 1000, 9000


def check_length(source: str, text: str) -> None:
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InputError(
            source, f"text is {len(text):,} characters, over the limit of {MAX_DOCUMENT_CHARS:,}"
        )


# Column widths of the store (store/schema.py) that every database must be able to hold.
MAX_ID_CHARS = 512
MAX_OUTLET_CHARS = 256


def check_sizes(source: str, doc_id: str, outlet: str | None) -> None:
    if len(doc_id) > MAX_ID_CHARS:
        raise InputError(source, f"id is {len(doc_id):,} characters, over {MAX_ID_CHARS}")
    if outlet is not None and len(outlet) > MAX_OUTLET_CHARS:
        raise InputError(source, f"outlet is {len(outlet):,} characters, over {MAX_OUTLET_CHARS}")


def check_published(source: str, published: date | None) -> None:
    if published is not None and not FIRST_YEAR <= published.year <= LAST_YEAR:
        raise InputError(
            source,
            f"'published' {published.isoformat()} is out of range (years {FIRST_YEAR}-{LAST_YEAR})",
        )


def file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def read_bytes(path: Path, limit: int = MAX_ARTICLE_BYTES) -> bytes:
    """The file's bytes; only from a regular file, and only when its size is within `limit`.

    The file is opened without blocking and checked through its open handle, so a pipe or a
    device is refused without waiting on it, and a file swapped after a check is still caught.
    """
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError as exc:
        raise InputError(str(path), "no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(str(path), "is a directory") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(str(path), f"is {file_kind(info.st_mode)}, not a file")
        if info.st_size > limit:
            raise InputError(
                str(path), f"file is {info.st_size:,} bytes, over the limit of {limit:,}"
            )
        with os.fdopen(handle, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    finally:
        os.close(handle)
    if len(data) > limit:  # grew while being read
        raise InputError(str(path), f"file is over the limit of {limit:,} bytes")
    return data


def read_text(path: Path, limit: int = MAX_ARTICLE_BYTES) -> str:
    """The file's text as Unicode, or InputError naming why it cannot be read as text."""
    data = read_bytes(path, limit)
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
