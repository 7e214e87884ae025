"""JSON-lines: one article per line, `{"text": ..., "id": ..., "title": ..., "published": ...}`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..exceptions import InputError
from ..model import Document
from .common import normalize_text, parse_date, read_text

_STRING_FIELDS = ("title", "url", "outlet")


def read_jsonl(path: Path) -> Iterator[Document | InputError]:
    """Each good line as a Document; each bad line as an InputError naming `file:line`."""
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield parse_record(line, path, number)
        except InputError as error:
            yield error


def parse_record(line: str, path: Path, number: int) -> Document:
    source = f"{path}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"invalid JSON: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(record, dict):
        raise InputError(source, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, "missing or empty 'text' field")
    doc_id = record.get("id")
    if doc_id is None or doc_id == "":
        doc_id = f"{path.name}:{number}"
    elif not isinstance(doc_id, str | int):
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
    return Document(
        id=str(doc_id),
        text=normalize_text(text),
        title=fields["title"],
        url=fields["url"],
        outlet=fields["outlet"],
        published=published,
        date_source="metadata" if published else None,
        path=str(path),
    )
