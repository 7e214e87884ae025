"""Event exports as streams of text for HTTP: JSON lines (the contract), CSV, GeoJSON, GraphML.

CSV and GeoJSON rows come from `flashpoint.export`, so the API and the CLI write the same shapes.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import quoteattr

from ..export.flat import COLUMNS, flatten
from ..export.geojson import feature
from ..model import Event
from .aggregates import Tally
from .precision import date_precision, place_precision
from .scores import score

# What an analyst needs beside the shared columns to judge each row on its own.
EXTRA_COLUMNS = ("date_precision", "place_precision", "score", "trigger")


def _extra(event: Event) -> dict:
    return {
        "date_precision": date_precision(event),
        "place_precision": place_precision(event),
        "score": score(event.event_type, event.mode),
        "trigger": event.trigger,
    }


def file_name(params: list[tuple[str, str]], format: str) -> str:
    """events_type-ASSAULT_country-IRQ.csv: the filters travel with the downloaded file."""
    parts = ["events"]
    for key, value in params:
        cleaned = re.sub(r"[^A-Za-z0-9.-]+", "-", value).strip("-")[:40]
        if cleaned:
            parts.append(f"{key}-{cleaned}")
    return "_".join(parts)[:180] + f".{format}"


def jsonl(events: Iterable[Event]) -> Iterator[str]:
    """Exactly `Event.to_record()` per line, as `shared/contract/event.schema.json` defines."""
    for event in events:
        yield json.dumps(event.to_record(), ensure_ascii=False) + "\n"


def csv_rows(events: Iterable[Event]) -> Iterator[str]:
    """The same columns as `flashpoint export --format csv`, a row at a time."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*COLUMNS, *EXTRA_COLUMNS], lineterminator="\n")
    writer.writeheader()
    for event in events:
        row = flatten(event) | _extra(event)
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()


def geojson(events: Iterable[Event]) -> Iterator[str]:
    """The same FeatureCollection as `flashpoint export --format geojson`, streamed."""
    yield '{"type": "FeatureCollection", "features": [\n'
    first = True
    for event in events:
        found = feature(event)
        if found is None:
            continue
        found["properties"].update(_extra(event))
        yield ("" if first else ",\n") + json.dumps(found, ensure_ascii=False)
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
