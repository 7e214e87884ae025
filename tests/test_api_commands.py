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


def test_serving_on_a_public_address_without_a_token_stops_with_a_clear_error(
    app, db_url, monkeypatch
):
    monkeypatch.delenv("FLASHPOINT_API_TOKEN", raising=False)
    monkeypatch.setenv("FLASHPOINT_CONFIG", "/nonexistent/flashpoint.toml")
    result = CliRunner().invoke(app, ["serve", "--db", db_url, "--host", "0.0.0.0"])
    assert isinstance(result.exception, FlashpointError)
    assert "needs an API token" in str(result.exception)
