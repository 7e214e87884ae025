"""The API's SQL on PostgreSQL: paging, filters and the dialect-specific timeline periods."""

from __future__ import annotations

from uuid import uuid4

import pytest
from api_testdata import LOOPBACK, fill
from fastapi.testclient import TestClient

from flashpoint.api import create_app


@pytest.fixture
def pg_api_url(pg_url):
    """A database of its own on the test server, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(pg_url)
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    name = f"fp_api_{uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def test_the_api_answers_the_same_on_postgresql(pg_api_url):
    events = fill(pg_api_url)
    with TestClient(create_app(pg_api_url), base_url=LOOPBACK) as client:
        seen, cursor = [], None
        while True:
            body = client.get("/api/events", params={"limit": 3, "cursor": cursor}).json()
            seen += [event["id"] for event in body["events"]]
            cursor = body["next_cursor"]
            if not cursor:
                break
        assert sorted(seen) == sorted(event.id for event in events)
        kataib = client.get("/api/events", params={"actor": "kataib", "country": "irq"}).json()
        assert len(kataib["events"]) == 2
        weeks = client.get("/api/aggregates/timeline", params={"interval": "week"}).json()
        assert weeks["buckets"][0]["period"] == "2024-01-08"
        months = client.get("/api/aggregates/timeline", params={"interval": "month"}).json()
        assert [bucket["period"] for bucket in months["buckets"]] == ["2024-01", "2024-02"]
        assert sum(bucket["total"] for bucket in months["buckets"]) == len(
            [event for event in events if event.date]
        )
        places = client.get("/api/aggregates/places").json()["places"]
        assert places[0]["name"] == "Baghdad"
        merged = client.get("/api/events", params={"merged": "true", "limit": 100}).json()
        assert len(merged["events"]) == len(events) - 1
        assert client.get("/api/export/graphml").status_code == 200
