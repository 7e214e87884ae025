"""Read endpoints of the REST API against a real SQLite database of stored events."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from api_testdata import ARTICLES, LOOPBACK, event_ids, fill
from fastapi.testclient import TestClient

from flashpoint.api import create_app
from flashpoint.api.exports import EXTRA_COLUMNS
from flashpoint.api.precision import DATE_PRECISIONS, PLACE_PRECISIONS
from flashpoint.api.scores import score
from flashpoint.export.flat import COLUMNS


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'events.db'}"
    events = fill(url)
    return url, events


@pytest.fixture(scope="module")
def client(stored):
    with TestClient(create_app(stored[0], token="secret"), base_url=LOOPBACK) as test_client:
        yield test_client


def test_events_are_listed_newest_first_with_their_scores(client, stored):
    _, events = stored
    body = client.get("/api/events", params={"limit": 100}).json()
    assert {event["id"] for event in body["events"]} == {event.id for event in events}
    days = [event["date"]["start"] if event["date"] else None for event in body["events"]]
    dated = [day for day in days if day]
    assert dated == sorted(dated, reverse=True)
    first = body["events"][0]
    assert first["score"] == score(first["event_type"], first["mode"])
    assert body["next_cursor"] is None


def test_event_records_follow_the_export_contract(client, shared_dir):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared_dir / "contract" / "event.schema.json").read_text())
    for record in client.get("/api/events", params={"limit": 100}).json()["events"]:
        contract = {key: value for key, value in record.items() if key not in ("score", "trigger")}
        jsonschema.validate(contract, schema)


FILTER_CASES = [
    ({"type": "ASSAULT"}, lambda e: e.event_type == "ASSAULT"),
    ({"type": "CONSULT,AGREE"}, lambda e: e.event_type in ("CONSULT", "AGREE")),
    ({"mode": "drone"}, lambda e: e.mode == "drone"),
    ({"actor": "kataib"}, lambda e: e.actor is not None and e.actor.name == "Kataib Hezbollah"),
    ({"actor": "org/kataib-hezbollah"}, lambda e: e.actor is not None and e.actor.id),
    ({"recipient": "protesters"}, lambda e: e.recipient and e.recipient.name == "Protesters"),
    ({"country": "usa"}, lambda e: "USA" in {a.country for a in (e.actor, e.recipient) if a}),
    ({"place": "erbil"}, lambda e: e.location is not None and e.location.name == "Erbil"),
    ({"start": "2024-02-01"}, lambda e: e.date and e.date.end >= date(2024, 2, 1)),
    ({"end": "2024-01-09"}, lambda e: e.date and e.date.start <= date(2024, 1, 9)),
    ({"min_confidence": 0.75}, lambda e: (e.confidence or 0) >= 0.75),
    ({"q": "TEAR GAS"}, lambda e: "tear gas" in e.evidence.text),
    ({"type": "ASSAULT", "country": "IRQ", "start": "2024-01-15"},
     lambda e: e.event_type == "ASSAULT" and e.date and e.date.end >= date(2024, 1, 15)),
]  # fmt: skip


@pytest.mark.parametrize(("params", "wanted"), FILTER_CASES, ids=lambda p: str(p))
def test_filters_select_exactly_the_matching_events(client, stored, params, wanted):
    _, events = stored
    expected = {event.id for event in events if wanted(event)}
    assert expected, "each case should match something"
    assert event_ids(client.get("/api/events", params={**params, "limit": 100})) == expected


def test_merged_view_keeps_one_mention_per_real_world_event(client, stored):
    _, events = stored
    every = event_ids(client.get("/api/events", params={"limit": 100}))
    merged = event_ids(client.get("/api/events", params={"limit": 100, "merged": "true"}))
    mentions = [event for event in events if event.canonical_id == "ce_erbil_drone"]
    assert len(mentions) == 2
    assert every - merged == {max(event.id for event in mentions)}


@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_cursor_pages_cover_every_event_once_in_order(client, stored, order):
    _, events = stored
    seen, cursor = [], None
    while True:
        body = client.get("/api/events", params={"limit": 2, "cursor": cursor, "order": order})
        body = body.json()
        seen.extend(body["events"])
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert sorted(event["id"] for event in seen) == sorted(event.id for event in events)
    again = client.get("/api/events", params={"limit": 100, "order": order}).json()["events"]
    assert [event["id"] for event in seen] == [event["id"] for event in again]


def test_cursor_stays_stable_when_newer_events_arrive(tmp_path):
    url = f"sqlite:///{tmp_path / 'growing.db'}"
    first_articles, last_article = ARTICLES[:-1], ARTICLES[-1:]
    fill(url, first_articles)
    with TestClient(create_app(url), base_url=LOOPBACK) as test_client:
        page_one = test_client.get("/api/events", params={"limit": 2}).json()
        fill(url, last_article)  # newer events land between the two requests
        page_two = test_client.get(
            "/api/events", params={"limit": 100, "cursor": page_one["next_cursor"]}
        ).json()
    first_ids = {event["id"] for event in page_one["events"]}
    assert not first_ids & {event["id"] for event in page_two["events"]}
    newest = last_article[0][0]
    assert newest not in {event["doc_id"] for event in page_two["events"]}


BAD_REQUESTS = [
    ("/api/events?type=FIGHT", 400, "unknown event type FIGHT"),
    ("/api/events?cursor=not-a-cursor", 400, "cursor"),
    ("/api/events?start=2024-03-01&end=2024-01-01", 400, "after end"),
    ("/api/events?limit=0", 422, "limit"),
    ("/api/events?limit=5000", 422, "limit"),
    ("/api/events?country=XX", 422, "unknown country"),
    ("/api/events?start=yesterday", 422, "start"),
    ("/api/events?min_confidence=2", 422, "min_confidence"),
    ("/api/events/ev_0000000000000000", 404, "no event"),
    ("/api/documents/missing.txt", 404, "no document"),
    ("/api/actors/Nobody%20At%20All", 404, "no actor"),
    ("/api/aggregates/timeline?interval=year", 422, "interval"),
    ("/api/export/xlsx", 422, "format"),
]


@pytest.mark.parametrize(("path", "status", "message"), BAD_REQUESTS)
def test_bad_requests_get_a_4xx_that_says_what_is_wrong(client, path, status, message):
    response = client.get(path)
    assert response.status_code == status
    assert message in response.json()["detail"]


def test_one_event_carries_offsets_that_point_into_its_article(client, stored):
    _, events = stored
    event = next(e for e in events if e.event_type == "ASSAULT" and e.dead == 1 and e.actor)
    body = client.get(f"/api/events/{event.id}").json()
    text = client.get(f"/api/documents/{event.doc_id}").json()["text"]
    spans = {kind: text[where["start"] : where["end"]] for kind, where in body["offsets"].items()}
    assert spans["evidence"] == event.evidence.text
    assert spans["trigger"] == "hit"
    assert spans["actor"] == "Kataib Hezbollah"
    assert spans["place"] == "Erbil"
    assert spans["time"] == "on Friday night"
    assert spans["casualty"] == "one"
    assert [doc["doc_id"] for doc in body["source_documents"]] == [
        "erbil-drone.txt",
        "erbil-drone-wire.txt",
    ]
    assert [mention["doc_id"] for mention in body["mentions"]] == ["erbil-drone-wire.txt"]


def test_a_document_comes_with_its_events_highlighted(client, stored):
    _, events = stored
    body = client.get("/api/documents/baghdad-protest.txt").json()
    assert body["published"] == "2024-02-16"
    assert len(body["events"]) == 2
    for event in body["events"]:
        evidence = event["offsets"]["evidence"]
        assert body["text"][evidence["start"] : evidence["end"]] == event["evidence"]["text"]
    listing = client.get("/api/documents", params={"limit": 2}).json()
    assert len(listing["documents"]) == 2 and listing["next_after"]
    rest = client.get("/api/documents", params={"after": listing["next_after"]}).json()
    assert len(listing["documents"]) + len(rest["documents"]) == len(ARTICLES)


def test_actors_show_roles_aliases_and_counterparts(client):
    names = [actor["name"] for actor in client.get("/api/actors").json()["actors"]]
    assert names[0] == "United States military"
    assert "Kataib Hezbollah" in names
    body = client.get("/api/actors/kataib hezbollah").json()
    assert body["id"] == "org/kataib-hezbollah"
    assert body["roles"] == {"actor": {"ASSAULT": 2}, "recipient": {"THREATEN": 1}}
    assert body["acts_on"] == [{"name": "United States military", "events": 2}]
    # The knowledge-base entry, when the actors KB is installed, adds its aliases and relations.
    if body["knowledge_base"] is not None:
        assert body["knowledge_base"]["id"] == "org/kataib-hezbollah"
        assert set(body["knowledge_base"]["aliases"]) <= set(body["aliases"])
    assert client.get("/api/actors/org/kataib-hezbollah").json()["name"] == "Kataib Hezbollah"
    assert client.get("/api/actors", params={"q": "prot"}).json()["actors"][0]["name"] == (
        "Protesters"
    )


def test_daily_timeline_counts_every_dated_event_with_its_mean_score(client, stored):
    _, events = stored
    body = client.get("/api/aggregates/timeline", params={"interval": "day"}).json()
    assert body["interval"] == "day"
    assert sum(bucket["total"] for bucket in body["buckets"]) == len([e for e in events if e.date])
    days = [bucket["start"] for bucket in body["buckets"]]
    assert days == sorted(days) and len(days) == len(set(days))
    on_16th = next(bucket for bucket in body["buckets"] if bucket["start"] == "2024-02-16")
    expected = (score("PROTEST", "demo") + score("ASSAULT", "crowd-control")) / 2
    assert on_16th["counts"] == {"PROTEST": 1, "ASSAULT": 1}
    assert on_16th["escalation"] == pytest.approx(expected)


@pytest.mark.parametrize(("interval", "first"), [("week", "2024-01-08"), ("month", "2024-01")])
def test_timeline_rolls_days_up_into_weeks_and_months(client, stored, interval, first):
    body = client.get("/api/aggregates/timeline", params={"interval": interval}).json()
    assert body["buckets"][0]["period"] == first
    dated = [event for event in stored[1] if event.date]
    assert sum(bucket["total"] for bucket in body["buckets"]) == len(dated)


def test_type_dyad_and_place_aggregates_add_up(client, stored):
    _, events = stored
    types = client.get("/api/aggregates/types").json()["types"]
    assert types[0] == {
        "event_type": "ASSAULT",
        "count": 4,
        "escalation": pytest.approx(
            (score("ASSAULT", "heavy-weapons") + 2 * score("ASSAULT", "drone") - 7.5) / 4
        ),
    }
    dyads = client.get("/api/aggregates/dyads", params={"type": "ASSAULT"}).json()["dyads"]
    assert dyads[0]["actor"] == "Kataib Hezbollah" and dyads[0]["count"] == 2
    places = client.get("/api/aggregates/places").json()["places"]
    located = [event for event in events if event.location]
    assert sum(place["count"] for place in places) == len(located)
    assert places[0]["name"] == "Baghdad"


def test_jsonl_export_is_the_contract_record_of_every_matching_event(client, stored):
    _, events = stored
    response = client.get("/api/export/jsonl", params={"type": "ASSAULT"})
    assert response.headers["content-type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in response.text.splitlines()]
    expected = {e.id: e.to_record() for e in events if e.event_type == "ASSAULT"}
    assert {record["id"]: record for record in records} == expected


def test_csv_and_geojson_exports_match_the_command_line_shapes(client, stored):
    _, events = stored
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/csv").text)))
    # The command line's columns first, then what an analyst needs to judge each row.
    assert tuple(rows[0]) == (*COLUMNS, *EXTRA_COLUMNS) and len(rows) == len(events)
    assert {row["date_precision"] for row in rows} <= {"", *DATE_PRECISIONS}
    assert {row["place_precision"] for row in rows} <= {"", *PLACE_PRECISIONS}
    collection = client.get("/api/export/geojson").json()
    located = {event.id for event in events if event.location}
    assert {feature["id"] for feature in collection["features"]} == located
    assert collection["features"][0]["geometry"]["type"] == "Point"
    assert collection["features"][0]["properties"]["place_precision"] in PLACE_PRECISIONS


def test_graphml_export_has_actors_as_nodes_and_weighted_edges(client):
    tree = ET.fromstring(client.get("/api/export/graphml").content)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = {node.get("id") for node in tree.iterfind(".//g:node", ns)}
    assert {"Kataib Hezbollah", "United States military", "Protesters"} <= nodes
    edge = next(
        edge
        for edge in tree.iterfind(".//g:edge", ns)
        if (edge.get("source"), edge.get("target"))
        == ("Kataib Hezbollah", "United States military")
    )
    weights = {data.get("key"): data.text for data in edge.iterfind("g:data", ns)}
    assert weights["weight"] == "2" and float(weights["escalation"]) < -9


def test_stats_scores_and_openapi_are_served(client, stored):
    stats = client.get("/api/stats").json()
    assert stats["events"] == len(stored[1]) and stats["documents"] == len(ARTICLES)
    table = client.get("/api/scores").json()["scores"]
    assert {"event_type": "ASSAULT", "mode": "aerial", "score": -9.5} in table
    spec = client.get("/openapi.json").json()
    assert "/api/events" in spec["paths"] and "/api/documents/batch" in spec["paths"]
    assert "swagger-ui-bundle.js" in client.get("/api/docs").text
