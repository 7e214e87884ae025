"""Ingestion over HTTP and who may call what: tokens, loopback, body limits, rejected input."""

from __future__ import annotations

import pytest
from api_testdata import LOOPBACK, fill
from fastapi.testclient import TestClient

from flashpoint.api import create_app
from flashpoint.exceptions import FlashpointError

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

# Written for this test: a short wire report with a date, a place, actors and casualties.
ARTICLE = (
    "MOSUL, Iraq, March 3, 2024 - Iraqi soldiers clashed with Islamic State fighters near "
    "Mosul on Sunday, killing four militants, the army said in a statement."
)


@pytest.fixture
def url(tmp_path):
    url = f"sqlite:///{tmp_path / 'ingest.db'}"
    fill(url)
    return url


@pytest.fixture
def client(url):
    with TestClient(
        create_app(url, token=TOKEN, max_body=20_000), base_url=LOOPBACK
    ) as test_client:
        yield test_client


def _documents(client) -> int:
    return client.get("/api/stats").json()["documents"]


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Bearer wrong"}, 403), ({"X-API-Token": "wrong"}, 403)],
)
def test_writes_need_the_right_token_even_on_loopback(client, headers, status):
    before = _documents(client)
    response = client.post("/api/documents", json={"text": ARTICLE}, headers=headers)
    assert response.status_code == status
    assert "token" in response.json()["detail"]
    assert _documents(client) == before


def test_writes_do_not_accept_a_token_from_the_query_or_a_cookie(client):
    before = _documents(client)
    client.cookies.set("fp_token", TOKEN)
    response = client.post(f"/api/documents?token={TOKEN}", json={"text": ARTICLE})
    client.cookies.clear()
    assert response.status_code == 401
    assert _documents(client) == before


def test_without_a_configured_token_ingestion_is_disabled_and_says_how_to_enable_it(url):
    with TestClient(create_app(url, token=""), base_url=LOOPBACK) as client:
        response = client.post("/api/documents", json={"text": ARTICLE}, headers=AUTH)
        assert response.status_code == 403
        assert "FLASHPOINT_API_TOKEN" in response.json()["detail"]
        assert client.get("/api/events").status_code == 200


def test_reads_are_open_on_loopback(client):
    assert client.get("/api/events").status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("path", ["/api/events", "/api/stats", "/api/export/jsonl", "/"])
def test_beyond_loopback_every_request_needs_the_token(url, path):
    with TestClient(create_app(url, host="0.0.0.0", token=TOKEN)) as client:
        assert client.get(path).status_code == 401
        assert client.get(path, headers=AUTH).status_code == 200
        assert client.get(path, headers={"X-API-Token": TOKEN}).status_code == 200


@pytest.mark.parametrize("host", ["0.0.0.0", "", " ", "::", "[::]", "192.0.2.7"])
def test_serving_beyond_loopback_without_a_token_is_refused(url, host):
    with pytest.raises(FlashpointError, match="needs an API token"):
        create_app(url, host=host, token="")


@pytest.mark.parametrize(
    "host", ["attacker.example.com", "attacker.example.com:8000", "127.0.0.1.nip.io", "10.0.0.1"]
)
def test_on_loopback_a_request_for_another_host_name_is_refused(client, host):
    # DNS rebinding: a page served as attacker.example.com, its name now pointing at 127.0.0.1
    response = client.get("/api/export/jsonl", headers={"Host": host})
    assert response.status_code == 421
    assert "events" not in response.text


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000"])
def test_on_loopback_loopback_host_names_are_served(client, host):
    assert client.get("/api/stats", headers={"Host": host}).status_code == 200


def test_responses_forbid_framing_and_type_sniffing(client):
    headers = client.get("/").headers
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


REJECTED = [
    ({"text": ""}, 422, "text"),
    ({"text": "   \n  "}, 422, "text is empty"),
    ({"title": "no text"}, 422, "text"),
    ({"text": "Fine.", "published": "last Tuesday"}, 422, "published"),
    ({"text": "Fine.", "id": ""}, 422, "id"),
]


@pytest.mark.parametrize(("body", "status", "message"), REJECTED)
def test_bad_articles_are_rejected_with_a_message_and_nothing_is_stored(
    client, body, status, message
):
    before = _documents(client)
    response = client.post("/api/documents", json=body, headers=AUTH)
    assert response.status_code == status
    assert message in response.json()["detail"]
    assert _documents(client) == before


def test_malformed_json_is_a_422_not_a_crash(client):
    response = client.post(
        "/api/documents",
        content=b'{"text": "unterminated',
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert response.status_code == 422


def test_a_body_over_the_size_limit_is_refused_with_413(client):
    before = _documents(client)
    response = client.post("/api/documents", json={"text": "word " * 10_000}, headers=AUTH)
    assert response.status_code == 413
    assert "20000 bytes" in response.json()["detail"]
    assert _documents(client) == before


def test_a_chunked_body_over_the_limit_is_refused_too(client):
    def chunks():
        for _ in range(50):
            yield b"x" * 1000

    response = client.post(
        "/api/documents",
        content=chunks(),
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert response.status_code == 413


def test_batches_over_the_limit_or_with_repeated_ids_are_refused_whole(client):
    before = _documents(client)
    too_many = {"documents": [{"text": f"Item {n}."} for n in range(51)]}
    response = client.post("/api/documents/batch", json=too_many, headers=AUTH)
    assert response.status_code == 422
    repeated = {"documents": [{"id": "a", "text": "One."}, {"id": "a", "text": "Two."}]}
    response = client.post("/api/documents/batch", json=repeated, headers=AUTH)
    assert response.status_code == 400 and "appears twice" in response.json()["detail"]
    assert _documents(client) == before


def test_an_id_already_used_by_another_text_is_a_conflict(client):
    before = _documents(client)
    body = {"id": "balad-rockets.txt", "text": "Entirely different text."}
    response = client.post("/api/documents", json=body, headers=AUTH)
    assert response.status_code == 409 and "already stored" in response.json()["detail"]
    assert _documents(client) == before


@pytest.mark.slow
def test_a_posted_article_is_read_stored_and_its_events_returned(client):
    body = {"id": "mosul-clash", "text": ARTICLE, "title": "Clash near Mosul"}
    response = client.post("/api/documents", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["doc_id"] == "mosul-clash" and result["stored"] is True
    assert result["published"] == "2024-03-03"  # read from the dateline
    stored = client.get("/api/documents/mosul-clash").json()
    assert stored["title"] == "Clash near Mosul" and stored["text"] == ARTICLE
    assert {event["id"] for event in stored["events"]} == {e["id"] for e in result["events"]}
    again = client.post("/api/documents", json=body, headers=AUTH)
    assert again.status_code == 200 and again.json()["stored"] is False


@pytest.mark.slow
def test_a_batch_is_stored_and_answered_in_order(client):
    batch = {
        "documents": [
            {"text": ARTICLE.replace("four", "five"), "published": "2024-03-04"},
            {"text": "Officials in Baghdad met a delegation from Tehran on Monday."},
        ]
    }
    response = client.post("/api/documents/batch", json=batch, headers=AUTH)
    assert response.status_code == 201, response.text
    results = response.json()["documents"]
    assert [result["stored"] for result in results] == [True, True]
    assert results[0]["doc_id"].startswith("api-")
    assert results[0]["published"] == "2024-03-04"


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_an_out_of_range_date_is_a_422_naming_it_not_a_500(client, published):
    before = _documents(client)
    response = client.post(
        "/api/documents", json={"text": ARTICLE, "published": published}, headers=AUTH
    )
    assert response.status_code == 422
    assert published in response.json()["detail"] and "out of range" in response.json()["detail"]
    assert _documents(client) == before


@pytest.mark.slow
def test_a_batch_stores_its_good_articles_and_reports_the_bad_one_with_422(client, monkeypatch):
    from flashpoint import pipeline

    prepare = pipeline.prepare

    def fragile(document):
        if "CRASH" in document.text:
            raise OverflowError("date value out of range")
        return prepare(document)

    monkeypatch.setattr(pipeline, "prepare", fragile)
    before = _documents(client)
    batch = {
        "documents": [
            {"id": "late", "text": ARTICLE, "published": "9999-12-31"},
            {"id": "good", "text": ARTICLE},
            {"id": "crash", "text": "This one makes the pipeline CRASH."},
        ]
    }
    response = client.post("/api/documents/batch", json=batch, headers=AUTH)
    assert response.status_code == 422, response.text
    answer = response.json()
    assert [result["doc_id"] for result in answer["documents"]] == ["good"]
    assert {error["doc_id"]: error["status"] for error in answer["errors"]} == {
        "late": 422,
        "crash": 422,
    }
    assert _documents(client) == before + 1
    # the connection lives on: the next request on it is answered
    assert client.get("/api/stats").status_code == 200
