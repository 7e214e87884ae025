"""The API over a database built by running the real pipeline on examples/articles/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from api_testdata import LOOPBACK
from fastapi.testclient import TestClient

from flashpoint.api import create_app
from flashpoint.store import Store

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


@pytest.fixture(scope="session")
def pipeline_db(tmp_path_factory, nlp) -> str:
    """`flashpoint run examples/articles/` into a fresh SQLite file, once per test session."""
    from flashpoint.ingest.batch import process

    if not EXAMPLES.is_dir() or not any(EXAMPLES.iterdir()):
        pytest.skip("examples/articles is empty")
    url = f"sqlite:///{tmp_path_factory.mktemp('pipeline') / 'examples.db'}"
    with Store(url) as store:
        summary = process([EXAMPLES], store, nlp=nlp)
        assert not summary.failures, summary.failures
        if store.stats()["events"] == 0:
            pytest.skip("the pipeline found no events in the examples")
    return url


@pytest.fixture(scope="module")
def client(pipeline_db):
    with TestClient(create_app(pipeline_db), base_url=LOOPBACK) as test_client:
        yield test_client


def _all_pages(client, **params) -> list[dict]:
    events, cursor = [], None
    while True:
        body = client.get("/api/events", params={**params, "limit": 37, "cursor": cursor}).json()
        events.extend(body["events"])
        cursor = body["next_cursor"]
        if not cursor:
            return events


def test_paging_through_the_api_returns_every_stored_event_once(client, pipeline_db):
    with Store(pipeline_db) as store:
        stored = {event.id for event in store.events()}
    paged = [event["id"] for event in _all_pages(client)]
    assert len(paged) == len(set(paged)) and set(paged) == stored


def test_every_evidence_and_trigger_offset_points_at_its_text(client):
    for record in _all_pages(client):
        detail = client.get(f"/api/events/{record['id']}").json()
        text = client.get(f"/api/documents/{record['doc_id']}").json()["text"]
        evidence = detail["offsets"]["evidence"]
        assert text[evidence["start"] : evidence["end"]] == record["evidence"]["text"]
        trigger = detail["offsets"].get("trigger")
        if trigger:
            assert evidence["start"] <= trigger["start"] < trigger["end"] <= evidence["end"]


def test_jsonl_export_follows_the_contract(client, shared_dir):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared_dir / "contract" / "event.schema.json").read_text())
    lines = client.get("/api/export/jsonl").text.splitlines()
    assert lines
    for line in lines:
        jsonschema.validate(json.loads(line), schema)


def test_timeline_and_type_counts_agree_with_the_event_list(client):
    every = _all_pages(client)
    # Charts count what is stated as having happened unless qualified events are asked for.
    for params, events in (
        ({}, [event for event in every if not event["aux"]]),
        ({"include_qualified": "true"}, every),
    ):
        dated = [event for event in events if event["date"]]
        timeline = client.get("/api/aggregates/timeline", params=params).json()
        assert sum(bucket["total"] for bucket in timeline["buckets"]) == len(dated)
        types = client.get("/api/aggregates/types", params=params).json()["types"]
        assert sum(item["count"] for item in types) == len(events)


def test_date_filter_keeps_exactly_the_events_overlapping_the_range(client):
    def overlaps(event) -> bool:
        when = event["date"]
        return bool(when) and when["end"] >= "2022-01-01" and when["start"] <= "2022-12-31"

    expected = {event["id"] for event in _all_pages(client) if overlaps(event)}
    found = {event["id"] for event in _all_pages(client, start="2022-01-01", end="2022-12-31")}
    assert found == expected


def test_every_event_page_renders_with_its_evidence_marked(client):
    for record in _all_pages(client)[:40]:
        page = client.get(f"/events/{record['id']}")
        assert page.status_code == 200
        assert 'class="hl hl-evidence' in page.text
