"""Flat CSV: the exported record with nested objects spread into columns and lists joined by `;`."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from ..model import Event

_ACTOR_FIELDS = ("name", "id", "text", "country", "sector")

COLUMNS: tuple[str, ...] = (
    "id",
    "canonical_id",
    "doc_id",
    "event_type",
    "mode",
    "context",
    "cameo",
    *(f"actor_{name}" for name in _ACTOR_FIELDS),
    *(f"recipient_{name}" for name in _ACTOR_FIELDS),
    "date_start",
    "date_end",
    "date_text",
    "location_name",
    "location_country",
    "location_admin1",
    "lat",
    "lon",
    "geonameid",
    "dead",
    "injured",
    "aux",
    "evidence_text",
    "evidence_start",
    "evidence_end",
    "confidence",
    "sources",
)

LIST_SEPARATOR = ";"


def flatten(event: Event) -> dict[str, object]:
    """One CSV row (column -> value, None for empty) from the exported record."""
    record = event.to_record()
    row: dict[str, object] = {
        key: record[key]
        for key in ("id", "canonical_id", "doc_id", "event_type", "mode", "cameo", "dead")
    }
    row["injured"] = record["injured"]
    row["confidence"] = record["confidence"]
    for key in ("context", "aux", "sources"):
        row[key] = LIST_SEPARATOR.join(record[key])
    for role in ("actor", "recipient"):
        actor = record[role] or {}
        for name in _ACTOR_FIELDS:
            row[f"{role}_{name}"] = actor.get(name)
    when = record["date"] or {}
    row["date_start"], row["date_end"], row["date_text"] = (
        when.get("start"),
        when.get("end"),
        when.get("text"),
    )
    where = record["location"] or {}
    row["location_name"] = where.get("name")
    row["location_country"] = where.get("country")
    row["location_admin1"] = where.get("admin1")
    row["lat"], row["lon"], row["geonameid"] = (
        where.get("lat"),
        where.get("lon"),
        where.get("geonameid"),
    )
    evidence = record["evidence"]
    row["evidence_text"] = evidence["text"]
    row["evidence_start"], row["evidence_end"] = evidence["start"], evidence["end"]
    return {column: row[column] for column in COLUMNS}


def write_csv(events: Iterable[Event], stream: TextIO) -> int:
    """A header row, then one row per event; returns how many events were written."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(
            {key: "" if value is None else value for key, value in flatten(event).items()}
        )
        count += 1
    return count
