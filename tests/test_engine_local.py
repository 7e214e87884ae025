"""The local engine: N worker processes store exactly what one process stores."""

from __future__ import annotations

import shutil

import pytest
from engine_testdata import EXAMPLES, records

from flashpoint.engine import Engine, run
from flashpoint.exceptions import InputError
from flashpoint.store import Store


@pytest.mark.slow
def test_two_local_workers_store_the_same_events_as_one_process(one_process, tmp_path):
    url = f"sqlite:///{tmp_path / 'workers.db'}"
    with Store(url) as store:
        summary, timings = run([EXAMPLES], store, Engine.local, workers=2)
        again, _ = run([EXAMPLES], store, Engine.local, workers=2)
    assert (summary.read, summary.new, summary.failures) == (9, 9, [])
    assert len(summary.events) == len(one_process)
    assert records(url) == one_process
    assert timings.extract > 0 and timings.store > 0
    # a re-run finds everything stored and starts no worker
    assert (again.read, again.new, again.already_stored) == (9, 0, 9)


@pytest.mark.slow
def test_a_bad_file_is_reported_by_name_and_the_rest_is_stored(small_batches, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("sudan_khartoum_fighting.txt", "mali_ecowas_sanctions.txt"):
        shutil.copy(EXAMPLES / name, folder / name)
    (folder / "broken.xml").write_text("<rss><channel><item>", encoding="utf-8")
    with Store(f"sqlite:///{tmp_path / 'bad.db'}") as store:
        summary, _ = run([folder], store, Engine.local, workers=2)
    assert summary.new == 2
    assert len(summary.failures) == 1 and "broken.xml" in summary.failures[0]


@pytest.mark.parametrize(
    ("engine", "workers", "address", "option"),
    [
        (Engine.local, 0, None, "--workers"),
        (Engine.local, 2, "auto", "--address"),
    ],
)
def test_impossible_engine_options_are_input_errors(tmp_path, engine, workers, address, option):
    with Store(f"sqlite:///{tmp_path / 'x.db'}") as store, pytest.raises(InputError) as caught:
        run([EXAMPLES], store, engine, workers, address)
    assert option in str(caught.value)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--engine", "spark"], "'spark' is not an engine"),
        (["--workers", "2", "--address", "auto"], "only the ray engine joins a cluster"),
    ],
)
def test_run_refuses_unknown_engines_with_a_clear_error(tmp_path, options, message):
    from typer.testing import CliRunner

    from flashpoint.cli import app

    db = str(tmp_path / "x.db")
    result = CliRunner().invoke(app, ["run", str(EXAMPLES), "--db", db, *options])
    assert result.exit_code == 2
    assert message in result.output
