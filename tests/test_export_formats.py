"""Exports: JSON lines that validate against the contract, flat CSV columns, GeoJSON points."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from flashpoint.export import COLUMNS, write, write_csv, write_geojson, write_jsonl
from flashpoint.model import PLOVER_TYPES, Actor, Event, Evidence, Place, TimeSpan

SENTENCE = "Houthi forces fired two anti-ship missiles at a tanker in the Gulf of Aden on Friday."


def _events() -> list[Event]:
    houthis = Actor("Ansar Allah", id="Q1138547", text="Houthi forces", country="YEM", sector="REB")
    located = Event(
        doc_id="redsea.txt",
        event_type="ASSAULT",
        evidence=Evidence(SENTENCE, 120, 120 + len(SENTENCE), 134, 139),
        mode="missile",
        context=["maritime", "military"],
        cameo="190",
        actor=houthis,
        recipient=Actor("tanker", text="a tanker", sector="BUS"),
        date=TimeSpan(date(2024, 1, 26), date(2024, 1, 26), "day", "Friday"),
        location=Place("Gulf of Aden", lat=12.0, lon=48.0, text="Gulf of Aden"),
        dead=None,
        injured=0,
        aux=["historical"],
        confidence=0.7,
        trigger="fired",
    )
    bare = Event(
        doc_id="talks.jsonl:2",
        event_type="CONSULT",
        evidence=Evidence("Envoys met in Muscat.", 0, 21),
    )
    return [located, bare]


def _run(writer, events: list[Event]) -> str:
    stream = io.StringIO()
    count = writer(events, stream)
    assert count >= 0
    return stream.getvalue()


def test_jsonl_lines_validate_against_the_shared_contract(shared_dir: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared_dir / "contract" / "event.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    # Every event type, with and without optional parts.
    events = _events() + [
        Event(doc_id="all.txt", event_type=kind, evidence=Evidence("Text.", 0, 5))
        for kind in PLOVER_TYPES
    ]
    lines = _run(write_jsonl, events).splitlines()
    assert len(lines) == len(events)
    for line in lines:
        errors = sorted(validator.iter_errors(json.loads(line)), key=str)
        assert not errors, errors[0].message


def test_jsonl_record_is_event_to_record() -> None:
    [first, second] = [json.loads(line) for line in _run(write_jsonl, _events()).splitlines()]
    assert first == json.loads(json.dumps(_events()[0].to_record()))
    assert second["sources"] == ["talks.jsonl:2"]


def test_csv_has_the_flat_columns_and_one_row_per_event() -> None:
    rows = list(csv.DictReader(io.StringIO(_run(write_csv, _events()))))
    assert tuple(rows[0].keys()) == COLUMNS
    for column in (
        "actor_name", "actor_id", "actor_country", "actor_sector", "recipient_name",
        "date_start", "date_end", "date_text", "location_name", "location_country",
        "lat", "lon", "evidence_text", "evidence_start", "evidence_end", "aux",
    ):  # fmt: skip
        assert column in COLUMNS
    located, bare = rows
    assert located["actor_name"] == "Ansar Allah"
    assert located["actor_country"] == "YEM"
    assert located["recipient_sector"] == "BUS"
    assert located["date_start"] == "2024-01-26"
    assert (located["lat"], located["lon"]) == ("12.0", "48.0")
    assert located["context"] == "maritime;military"
    assert located["aux"] == "historical"
    assert located["evidence_text"] == SENTENCE
    assert located["evidence_start"] == "120"
    assert located["injured"] == "0"
    assert located["dead"] == ""
    assert bare["actor_name"] == "" and bare["sources"] == "talks.jsonl:2"


def test_geojson_holds_only_located_events_as_lon_lat_points() -> None:
    collection = json.loads(_run(write_geojson, _events()))
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [48.0, 12.0]}
    assert feature["id"] == _events()[0].id
    assert feature["properties"]["event_type"] == "ASSAULT"
    assert feature["properties"]["location_name"] == "Gulf of Aden"


@pytest.mark.parametrize("format", ["jsonl", "csv", "geojson"])
def test_every_format_writes_something_for_no_events(format: str) -> None:
    stream = io.StringIO()
    assert write([], format, stream) == 0
    if format == "geojson":
        assert json.loads(stream.getvalue()) == {"type": "FeatureCollection", "features": []}
    elif format == "csv":
        assert stream.getvalue().strip() == ",".join(COLUMNS)
    else:
        assert stream.getvalue() == ""
