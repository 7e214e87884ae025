"""The API's filters: unknown parameters, month and year dates, countries by name or code,
separate actor/recipient/place countries, exact actor ids and qualifiers (real SQLite)."""

from __future__ import annotations

from datetime import date

import pytest
from api_testdata import LOOPBACK, event_ids, fill, fill_qualified
from fastapi.testclient import TestClient

from flashpoint.api import create_app
from flashpoint.model import Event


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('deps') / 'events.db'}"
    return url, fill(url) + fill_qualified(url)


@pytest.fixture(scope="module")
def client(stored):
    with TestClient(create_app(stored[0], token="secret"), base_url=LOOPBACK) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("path", "named"),
    [
        ("/api/events?contry=IRQ", "contry"),
        ("/api/events?type=ASSAULT&colour=red&size=2", "colour"),
        ("/api/aggregates/types?actr=x", "actr"),
        ("/api/export/csv?contry=IRQ", "contry"),
    ],
)
def test_unknown_parameters_are_refused_by_name(client, path, named):
    response = client.get(path)
    assert response.status_code == 422
    assert f"query.{named}: unknown parameter" in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "first", "last"),
    [
        ({"start": "2024-03"}, date(2024, 3, 1), None),
        ({"end": "2024-01"}, None, date(2024, 1, 31)),
        ({"start": "2024", "end": "2024"}, date(2024, 1, 1), date(2024, 12, 31)),
        ({"start": "2024-01-10"}, date(2024, 1, 10), None),
    ],
)
def test_month_and_year_dates_cover_all_their_days(client, stored, params, first, last):
    _, events = stored

    def inside(event: Event) -> bool:
        if event.date is None:
            return False
        return (first is None or event.date.end >= first) and (
            last is None or event.date.start <= last
        )

    expected = {event.id for event in events if inside(event)}
    assert expected
    assert event_ids(client.get("/api/events", params=params | {"limit": 500})) == expected


@pytest.mark.parametrize("value", ["IRQ", "irq", "IQ", "Iraq", "iraq"])
def test_a_country_is_a_name_an_iso2_or_an_iso3_code(client, value):
    by_code = event_ids(client.get("/api/events", params={"country": "IRQ", "limit": 500}))
    assert (
        by_code
        and event_ids(client.get("/api/events", params={"country": value, "limit": 500})) == by_code
    )


@pytest.mark.parametrize("parameter", ["country", "actor_country", "place_country"])
@pytest.mark.parametrize("value", ["XXX", "Atlantis"])
def test_an_unknown_country_is_a_422_that_says_so(client, parameter, value):
    response = client.get("/api/events", params={parameter: value})
    assert response.status_code == 422
    assert f"{parameter}: unknown country {value!r}" in response.json()["detail"]


MILITIA_ID = "org/kataib-hezbollah"
SIDES = [
    ("actor_country", "USA", lambda e: e.actor is not None and e.actor.country == "USA"),
    ("recipient_country", "USA", lambda e: e.recipient and e.recipient.country == "USA"),
    ("place_country", "IRQ", lambda e: e.location is not None and e.location.country == "IRQ"),
    ("actor_id", MILITIA_ID, lambda e: e.actor is not None and e.actor.id == MILITIA_ID),
    ("recipient", "United States military",
     lambda e: e.recipient is not None and e.recipient.name == "United States military"),
]  # fmt: skip


@pytest.mark.parametrize(("parameter", "value", "wanted"), SIDES, ids=lambda p: str(p))
def test_each_side_of_an_event_has_its_own_filter(client, stored, parameter, value, wanted):
    _, events = stored
    expected = {event.id for event in events if wanted(event)}
    assert expected
    assert event_ids(client.get("/api/events", params={parameter: value, "limit": 500})) == expected


def test_country_stays_the_union_of_the_three_sides(client):
    union = set()
    for side in ("actor_country", "recipient_country", "place_country"):
        union |= event_ids(client.get("/api/events", params={side: "USA", "limit": 500}))
    assert union == event_ids(client.get("/api/events", params={"country": "USA", "limit": 500}))


@pytest.mark.parametrize(
    ("values", "wanted"),
    [
        (["negated"], lambda e: "negation" in e.aux),
        (["future"], lambda e: "future" in e.aux),
        (["negation", "future"], lambda e: bool(e.aux)),
        (["none"], lambda e: not e.aux),
    ],
)
def test_qualifiers_are_shown_and_filterable(client, stored, values, wanted):
    _, events = stored
    expected = {event.id for event in events if wanted(event)}
    response = client.get("/api/events", params={"qualifier": values, "limit": 500})
    assert expected and event_ids(response) == expected
    assert all(bool(set(e["aux"])) == (values != ["none"]) for e in response.json()["events"])


def test_counts_and_charts_leave_qualified_events_out_unless_asked(client, stored):
    _, events = stored
    stated = sum(1 for event in events if event.event_type == "ASSAULT" and not event.aux)
    every = sum(1 for event in events if event.event_type == "ASSAULT")
    assert stated < every

    def assaults(params: dict) -> int:
        body = client.get("/api/aggregates/types", params=params).json()
        return next(row["count"] for row in body["types"] if row["event_type"] == "ASSAULT")

    assert assaults({}) == stated
    assert assaults({"include_qualified": "true"}) == every
    assert assaults({"qualifier": "negation"}) == 1


def test_precision_of_date_and_place_is_in_every_record(client, stored):
    _, events = stored
    denied = next(event for event in events if "negation" in event.aux)
    body = client.get(f"/api/events/{denied.id}").json()
    assert (body["date_precision"], body["place_precision"]) == ("month", "country")
    day = next(event for event in events if event.date and event.location and not event.aux)
    body = client.get(f"/api/events/{day.id}").json()
    assert body["date_precision"] == "day" and body["place_precision"] in ("city", "point")


def test_the_export_file_name_carries_the_filters(client):
    response = client.get("/api/export/csv", params={"type": "ASSAULT", "country": "Iraq"})
    assert response.status_code == 200
    disposition = response.headers["content-disposition"]
    assert 'filename="events_type-ASSAULT_country-Iraq.csv"' in disposition


def test_generic_actors_are_one_network_node_per_country_and_can_be_hidden(client):
    dyads = client.get("/api/aggregates/dyads").json()["dyads"]
    protest = next(d for d in dyads if d["recipient_name"] == "Protesters")
    assert protest["recipient"] == "Protesters (IRQ CVL)" and protest["generic"][1]
    assert protest["recipient_country"] == "IRQ"
    hidden = client.get("/api/aggregates/dyads", params={"hide_generic": "true"}).json()["dyads"]
    assert hidden and not any(any(d["generic"]) for d in hidden)
    heavy = client.get("/api/aggregates/dyads", params={"min_count": 2}).json()["dyads"]
    assert heavy and all(d["count"] >= 2 for d in heavy)
    assert len(heavy) < len(dyads)


def test_openapi_tags_every_read_route_and_its_errors_match_the_bodies_sent(client):
    spec = client.get("/openapi.json").json()
    error = spec["components"]["schemas"]["ErrorBody"]
    assert error["required"] == ["detail"] and error["properties"]["detail"]["type"] == "string"
    for path, operations in spec["paths"].items():
        if not path.startswith("/api/") or "get" not in operations:
            continue
        operation = operations["get"]
        assert operation.get("tags"), path
        schema = operation["responses"]["422"]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorBody"}, path
    body = client.get("/api/events", params={"contry": "IRQ"}).json()
    assert set(body) == {"detail"} and isinstance(body["detail"], str)
