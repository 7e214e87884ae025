"""The Ray engine on a real local Ray cluster, into SQLite and the PostgreSQL test server."""

from __future__ import annotations

import os
import shutil
import signal
import threading
from pathlib import Path

import pytest
from engine_testdata import EXAMPLES, records

from flashpoint.engine import Engine, run
from flashpoint.store import Store

ray = pytest.importorskip("ray")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster(small_batches):
    """One local cluster for the module: two CPUs on loopback, as `ray start --head` would."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def stored_documents(url: str) -> list[str]:
    with Store(url) as store:
        return [document.content_hash for document in store.documents()]


def test_ray_workers_store_the_same_events_as_one_process(cluster, one_process, tmp_path):
    url = f"sqlite:///{tmp_path / 'ray.db'}"
    with Store(url) as store:
        summary, _ = run([EXAMPLES], store, Engine.ray, workers=2)
        again, _ = run([EXAMPLES], store, Engine.ray, workers=2)
    assert (summary.read, summary.new, summary.failures) == (9, 9, [])
    assert records(url) == one_process
    assert (again.new, again.already_stored) == (0, 9)


def test_a_bad_file_is_reported_by_name_on_ray(cluster, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "mali_ecowas_sanctions.txt", folder)
    (folder / "broken.xml").write_text("<rss><channel><item>", encoding="utf-8")
    with Store(f"sqlite:///{tmp_path / 'bad.db'}") as store:
        summary, _ = run([folder], store, Engine.ray, workers=1)
    assert summary.new == 1
    assert len(summary.failures) == 1 and "broken.xml" in summary.failures[0]


def test_the_same_events_on_postgresql(cluster, one_process, fresh_pg_url):
    with Store(fresh_pg_url) as store:
        summary, _ = run([EXAMPLES], store, Engine.ray, workers=2)
    assert summary.new == 9
    assert records(fresh_pg_url) == one_process


def test_two_overlapping_runs_at_once_store_nothing_twice(
    cluster, one_process, fresh_pg_url, tmp_path
):
    names = sorted(path.name for path in EXAMPLES.iterdir())
    halves = [names[:6], names[3:]]  # three files in both
    folders = []
    for number, half in enumerate(halves):
        folder = tmp_path / f"part{number}"
        folder.mkdir()
        for name in half:
            shutil.copy(EXAMPLES / name, folder / name)
        folders.append(folder)
    # The schema first: creating it from two processes at once is the store's own matter.
    Store(fresh_pg_url).close()
    summaries = []

    def one_run(folder: Path) -> None:
        with Store(fresh_pg_url) as store:
            summaries.append(run([folder], store, Engine.ray, workers=1)[0])

    threads = [threading.Thread(target=one_run, args=(folder,)) for folder in folders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(summaries) == 2 and not any(summary.failures for summary in summaries)
    hashes = stored_documents(fresh_pg_url)
    assert len(hashes) == len(set(hashes)) == 9
    assert sum(summary.new for summary in summaries) == 9
    assert records(fresh_pg_url) == one_process


def test_a_worker_killed_mid_run_is_retried_and_nothing_is_lost(cluster, one_process, fresh_pg_url):
    killed = []

    def kill_first_busy_worker(pool, finished: int) -> None:
        # Right after the first units are handed out, both actors are reading articles.
        if finished == 0:
            busy = next(index for index, load in enumerate(pool.load) if load)
            os.kill(pool.pids[busy], signal.SIGKILL)
            killed.append(pool.pids[busy])

    with Store(fresh_pg_url) as store:
        summary, _ = run([EXAMPLES], store, Engine.ray, workers=2, pool_hook=kill_first_busy_worker)
    assert killed
    assert (summary.new, summary.failures) == (9, [])
    hashes = stored_documents(fresh_pg_url)
    assert len(hashes) == len(set(hashes)) == 9
    assert records(fresh_pg_url) == one_process
