"""`flashpoint bench --engine`: one measurement per worker count, the local engine first."""

from __future__ import annotations

import pytest
from engine_testdata import EXAMPLES
from typer.testing import CliRunner

from flashpoint.cli import app
from flashpoint.engine import Engine
from flashpoint.engine.bench import bench_engines, render
from flashpoint.exceptions import InputError


@pytest.mark.slow
def test_each_worker_count_is_measured_against_the_local_engine(monkeypatch):
    monkeypatch.delenv("FLASHPOINT_BATCH_SIZE", raising=False)
    figures = bench_engines([EXAMPLES], Engine.local, [2], repeat=1)
    assert [(item.engine, item.workers) for item in figures] == [("local", 1), ("local", 2)]
    # every measurement stores all the articles and finds the same events
    assert {item.documents for item in figures} == {9}
    assert len({item.events for item in figures}) == 1
    assert all(item.rate > 0 and item.store_rate > 0 for item in figures)
    assert "2 workers / 1 worker" in "\n".join(render(figures))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--engine", "spark"], "--engine local|ray"),
        (["--engine", "local", "--workers", "0"], "worker counts are 1 or more"),
        (["--engine", "local", "--workers", "one"], "--workers like 1,2"),
    ],
)
def test_bad_engine_bench_options_are_clear_errors(options, message):
    result = CliRunner().invoke(app, ["bench", str(EXAMPLES), *options])
    # `flashpoint` prints an InputError as one line and exits with 2 (`cli.main`)
    assert isinstance(result.exception, InputError)
    assert message in str(result.exception)
