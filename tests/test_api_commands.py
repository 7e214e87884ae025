"""`flashpoint serve` as registered by flashpoint.api.commands."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from flashpoint.api.commands import register
from flashpoint.exceptions import FlashpointError


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command("noop", hidden=True)
    def noop() -> None:  # a second command keeps `serve` a named subcommand
        pass

    return app


def test_serve_documents_its_options(app):
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--max-body"):
        assert option in result.output


@pytest.mark.parametrize("host", ["0.0.0.0", "", "::"])
def test_serving_on_a_public_address_without_a_token_stops_with_a_clear_error(
    app, db_url, monkeypatch, host
):
    # an empty host binds every interface, as 0.0.0.0 does
    monkeypatch.delenv("FLASHPOINT_API_TOKEN", raising=False)
    monkeypatch.setenv("FLASHPOINT_CONFIG", "/nonexistent/flashpoint.toml")
    result = CliRunner().invoke(app, ["serve", "--db", db_url, "--host", host])
    assert isinstance(result.exception, FlashpointError)
    assert "needs an API token" in str(result.exception)


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/api/events?token=s3cret&limit=5", "/api/events?token=[redacted]&limit=5"),
        ("/?limit=5&token=s3cret", "/?limit=5&token=[redacted]"),
        ("/api/events?tokens=1", "/api/events?tokens=1"),
    ],
)
def test_the_access_log_never_shows_a_token_from_the_query(path, shown):
    import logging

    from flashpoint.api.security import RedactToken

    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, "", 0, '%s - "%s %s HTTP/%s" %d', None, None
    )
    record.args = ("127.0.0.1:5000", "GET", path, "1.1", 200)
    assert RedactToken().filter(record)
    assert record.getMessage() == f'127.0.0.1:5000 - "GET {shown} HTTP/1.1" 200'
