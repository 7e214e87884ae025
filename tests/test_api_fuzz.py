"""Property-based requests generated from /openapi.json (Schemathesis): no input gives a 500."""

from __future__ import annotations

import pytest
from api_testdata import fill

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

TOKEN = "fuzz-token"
# A loopback server answers only to loopback names, and Schemathesis calls itself "testserver".
HOST = {"Host": "127.0.0.1"}


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    from flashpoint.api import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}"
    fill(url)
    app = create_app(url, token=TOKEN)
    return schemathesis.openapi.from_asgi("/openapi.json", app, headers=HOST)


def _fuzz(schema, method: str, examples: int, headers: dict | None = None) -> list[str]:
    """Run each operation's generated cases; returns the operations that were exercised."""
    exercised = []
    for result in schema.include(method=method).get_all_operations():
        operation = result.ok()

        # Driven by hand rather than by Schemathesis' pytest plugin, which this pytest breaks;
        # bounded so a run stays well under a minute on a shared two-core machine.
        @settings(
            max_examples=examples,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,  # no .hypothesis folder left in the checkout
        )
        @given(case=operation.as_strategy())
        def check(case) -> None:
            case.call_and_validate(checks=[not_a_server_error], headers={**HOST, **(headers or {})})

        check()
        exercised.append(operation.label)
    return exercised


def test_read_endpoints_never_answer_with_a_server_error(api_schema):
    exercised = _fuzz(api_schema, "GET", examples=25)
    assert "GET /api/events" in exercised and "GET /api/export/{format}" in exercised


@pytest.mark.slow
def test_ingestion_never_answers_with_a_server_error(api_schema):
    # With the token, generated bodies reach validation and, when valid, the pipeline itself.
    exercised = _fuzz(api_schema, "POST", examples=8, headers={"Authorization": f"Bearer {TOKEN}"})
    assert "POST /api/documents/batch" in exercised
