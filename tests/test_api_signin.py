"""The web UI beyond loopback: the token typed once into the sign-in form, then a cookie; never
a token in a URL; the cookie Secure wherever the browser came over https."""

from __future__ import annotations

import pytest
from api_testdata import fill
from fastapi.testclient import TestClient

from flashpoint.api import create_app

TOKEN = "s3cret-token"
PROTECTED = ["/api/events", "/api/stats", "/api/export/jsonl", "/"]


@pytest.fixture
def url(tmp_path):
    url = f"sqlite:///{tmp_path / 'signin.db'}"
    fill(url)
    return url


def _client(url, **options) -> TestClient:
    base_url = options.pop("base_url", "http://testserver")
    peer = options.pop("peer", ("testclient", 50000))
    app = create_app(url, host="192.0.2.7", token=TOKEN, **options)
    return TestClient(app, base_url=base_url, client=peer, follow_redirects=False)


def _cookie_header(response) -> str:
    return response.headers.get("set-cookie", "")


def _sign_in(client: TestClient, token: str = TOKEN, **headers):
    return client.post(
        "/signin",
        content=f"token={token}",
        headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
    )


@pytest.mark.parametrize("path", PROTECTED)
def test_a_token_in_the_query_opens_nothing(url, path):
    with _client(url) as client:
        separator = "&" if "?" in path else "?"
        assert client.get(f"{path}{separator}token={TOKEN}").status_code == 401


def test_signing_in_sets_a_cookie_that_opens_the_ui_and_its_api_calls(url):
    with _client(url) as client:
        response = _sign_in(client)
        assert response.status_code == 303
        assert response.headers["location"] == "/"
        cookie = _cookie_header(response).lower()
        assert "fp_token=" in cookie and "httponly" in cookie and "samesite=strict" in cookie
        # plain http straight to the server: a Secure cookie would never come back
        assert "secure" not in cookie.replace("samesite", "")
        assert client.get("/").status_code == 200
        for path in PROTECTED:
            assert client.get(path).status_code == 200


def test_a_wrong_token_is_refused_and_sets_no_cookie(url):
    with _client(url) as client:
        response = _sign_in(client, token="guess")
        assert response.status_code == 403
        assert "fp_token" not in _cookie_header(response)
        assert client.get("/api/events").status_code == 401


def test_a_browser_without_the_cookie_is_sent_to_the_sign_in_form(url):
    with _client(url) as client:
        response = client.get("/", headers={"Accept": "text/html"})
        assert response.status_code == 303
        assert response.headers["location"] == "/signin"
        form = client.get("/signin", headers={"Accept": "text/html"})
        assert form.status_code == 200
        assert 'type="password"' in form.text and 'method="post"' in form.text
        # an API call is answered, not redirected
        assert client.get("/api/events", headers={"Accept": "text/html"}).status_code == 401


def test_the_cookie_does_not_authorise_writes(url):
    with _client(url) as client:
        _sign_in(client)
        response = client.post("/api/documents", json={"text": "KYIV - Shelling hit Kyiv."})
        assert response.status_code == 401


@pytest.mark.parametrize(
    ("options", "headers", "secure"),
    [
        ({"base_url": "https://events.example.org"}, {}, True),
        ({"peer": ("127.0.0.1", 41000)}, {"X-Forwarded-Proto": "https"}, True),
        ({"peer": ("::1", 41000)}, {"X-Forwarded-Proto": "https, http"}, True),
        ({"secure_cookie": True}, {}, True),
        # a header from a client that is no proxy of ours proves nothing
        ({"peer": ("198.51.100.4", 41000)}, {"X-Forwarded-Proto": "https"}, False),
        ({"peer": ("127.0.0.1", 41000)}, {"X-Forwarded-Proto": "http"}, False),
        ({}, {}, False),
    ],
)
def test_the_cookie_is_secure_where_tls_is_in_front(url, options, headers, secure):
    with _client(url, **options) as client:
        cookie = _cookie_header(_sign_in(client, **headers)).lower()
        assert "fp_token=" in cookie
        assert ("; secure" in cookie) is secure


def test_the_secure_cookie_setting_applies_without_the_argument(url, monkeypatch):
    monkeypatch.setenv("FLASHPOINT_SECURE_COOKIE", "true")
    with _client(url) as client:
        assert "; secure" in _cookie_header(_sign_in(client)).lower()


def test_on_loopback_the_form_says_no_sign_in_is_needed(url):
    with TestClient(create_app(url, token=TOKEN), base_url="http://127.0.0.1") as client:
        assert "no sign-in is needed" in client.get("/signin").text
