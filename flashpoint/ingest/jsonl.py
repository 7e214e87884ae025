"""JSON-lines: one article per line, `{"text": ..., "id": ..., "title": ..., "published": ...}`.

A line without an id is named by its text (`<file>#<hash>`), not by its line number: adding a line
above it must not make it another document, nor let it replace the one now on its old line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..exceptions import InputError
from ..model import Document
from .common import (
    MAX_COLLECTION_BYTES,
    check_length,
    check_published,
    check_sizes,
    normalize_text,
    parse_date,
    read_text,
)

_STRING_FIELDS = ("title", "url", "outlet")
# Characters of the text's hash in a generated id.
_HASH_CHARS = 16


def read_jsonl(path: Path) -> Iterator[Document | InputError]:
    """Each good line as a Document; each bad line as an InputError naming `file:line`.

    An id given twice in the file is refused on its second line: replacing the first record
    would lose it without a word."""
    given: dict[str, int] = {}
    for number, line in enumerate(read_text(path, MAX_COLLECTION_BYTES).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            document, explicit = parse_record(line, path, number)
        except InputError as error:
            yield error
            continue
        if explicit:
            first = given.setdefault(document.id, number)
            if first != number:
                yield InputError(
                    f"{path}:{number}", f"id {document.id!r} is already used on line {first}"
                )
                continue
        yield document


def parse_record(line: str, path: Path, number: int) -> tuple[Document, bool]:
    """The line's Document, and whether its id was given (rather than made from its text)."""
    source = f"{path}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"invalid JSON: {exc.msg} at column {exc.colno}") from exc
    except RecursionError as exc:
        raise InputError(source, "invalid JSON: nested too deeply") from exc
    except ValueError as exc:  # e.g. a number of more digits than Python converts
        raise InputError(source, f"invalid JSON: {exc}") from exc
    if not isinstance(record, dict):
        raise InputError(source, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, "missing or empty 'text' field")
    check_length(source, text)
    doc_id = record.get("id")
    if isinstance(doc_id, str):
        doc_id = doc_id.strip()
    explicit = doc_id is not None and doc_id != ""
    if explicit and (isinstance(doc_id, bool) or not isinstance(doc_id, str | int)):
        raise InputError(source, "'id' must be a string or a number")
    fields: dict[str, str | None] = {}
    for name in _STRING_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(source, f"'{name}' must be a string")
        fields[name] = value.strip() or None if isinstance(value, str) else None
    published = None
    raw_date = record.get("published")
    if raw_date not in (None, ""):
        published = parse_date(raw_date) if isinstance(raw_date, str) else None
        if published is None:
            raise InputError(source, f"'published' is not an ISO date or datetime: {raw_date!r}")
        check_published(source, published)
    document = Document(
        id=str(doc_id) if explicit else "",
        text=normalize_text(text),
        title=fields["title"],
        url=fields["url"],
        outlet=fields["outlet"],
        published=published,
        date_source="metadata" if published else None,
        path=str(path),
    )
    if not document.text:
        raise InputError(source, "missing or empty 'text' field")
    if not explicit:
        document.id = f"{path.name}#{document.content_hash[:_HASH_CHARS]}"
    check_sizes(source, document.id, document.outlet)
    return document, explicit
