"""Event exports as streams of text: JSON lines (the contract), CSV, GeoJSON and GraphML."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import quoteattr

from ..model import Event
from .aggregates import Tally

CSV_COLUMNS = (
    "id",
    "canonical_id",
    "doc_id",
    "event_type",
    "mode",
    "context",
    "cameo",
    "actor_name",
    "actor_id",
    "actor_text",
    "actor_country",
    "actor_sector",
    "recipient_name",
    "recipient_id",
    "recipient_text",
    "recipient_country",
    "recipient_sector",
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
    "evidence",
    "evidence_start",
    "evidence_end",
    "confidence",
    "sources",
)


def jsonl(events: Iterable[Event]) -> Iterator[str]:
    """Exactly `Event.to_record()` per line, as `shared/contract/event.schema.json` defines."""
    for event in events:
        yield json.dumps(event.to_record(), ensure_ascii=False) + "\n"


def _actor_columns(prefix: str, record: dict | None) -> dict:
    record = record or {}
    return {
        f"{prefix}_{key}": record.get(key) for key in ("name", "id", "text", "country", "sector")
    }


def csv_rows(events: Iterable[Event]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        record = event.to_record()
        when, where = record["date"] or {}, record["location"] or {}
        row = {
            key: record.get(key)
            for key in ("id", "canonical_id", "doc_id", "event_type", "mode", "cameo")
        }
        row |= _actor_columns("actor", record["actor"])
        row |= _actor_columns("recipient", record["recipient"])
        row |= {
            "context": ";".join(record["context"]),
            "date_start": when.get("start"),
            "date_end": when.get("end"),
            "date_text": when.get("text"),
            "location_name": where.get("name"),
            "location_country": where.get("country"),
            "location_admin1": where.get("admin1"),
            "lat": where.get("lat"),
            "lon": where.get("lon"),
            "geonameid": where.get("geonameid"),
            "dead": record["dead"],
            "injured": record["injured"],
            "aux": ";".join(record["aux"]),
            "evidence": record["evidence"]["text"],
            "evidence_start": record["evidence"]["start"],
            "evidence_end": record["evidence"]["end"],
            "confidence": record["confidence"],
            "sources": ";".join(record["sources"]),
        }
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()


def geojson(events: Iterable[Event]) -> Iterator[str]:
    """A FeatureCollection of the located events; the properties are the JSON-lines record."""
    yield '{"type": "FeatureCollection", "features": [\n'
    first = True
    for event in events:
        place = event.location
        if place is None or place.lat is None or place.lon is None:
            continue
        feature = {
            "type": "Feature",
            "id": event.id,
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": event.to_record(),
        }
        yield ("" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def graphml(events: Iterable[Event]) -> Iterator[str]:
    """Actors as nodes, actor -> recipient edges weighted by events, with the mean PLOVER score."""
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for event in events:
        if event.actor is None or event.recipient is None:
            continue
        for actor in (event.actor, event.recipient):
            nodes.setdefault(actor.name, {"country": actor.country, "sector": actor.sector})
        edges[(event.actor.name, event.recipient.name)].add(event.event_type, event.mode, 1)
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
    for key, scope, kind in (
        ("country", "node", "string"),
        ("sector", "node", "string"),
        ("weight", "edge", "int"),
        ("escalation", "edge", "double"),
        ("types", "edge", "string"),
    ):
        yield f'  <key id="{key}" for="{scope}" attr.name="{key}" attr.type="{kind}"/>\n'
    yield '  <graph id="actors" edgedefault="directed">\n'
    for name, fields in nodes.items():
        yield f"    <node id={quoteattr(name)}>" + _data(fields) + "</node>\n"
    for index, ((actor, recipient), tally) in enumerate(edges.items()):
        fields = {
            "weight": tally.count,
            "escalation": tally.escalation,
            "types": ";".join(f"{kind}:{number}" for kind, number in sorted(tally.by_type.items())),
        }
        yield (
            f'    <edge id="e{index}" source={quoteattr(actor)} target={quoteattr(recipient)}>'
            + _data(fields)
            + "</edge>\n"
        )
    yield "  </graph>\n</graphml>\n"


def _data(fields: dict) -> str:
    return "".join(
        f"<data key={quoteattr(key)}>{_text(value)}</data>"
        for key, value in fields.items()
        if value is not None
    )


def _text(value: object) -> str:
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
