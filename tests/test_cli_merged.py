"""`flashpoint run` merges what it stored; `flashpoint events --merged` lists real-world events."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import flashpoint.nlp
from flashpoint.cli import app
from flashpoint.store import Store

ARTICLES = Path(__file__).resolve().parent.parent / "eval" / "merge" / "articles"

pytestmark = pytest.mark.slow


@pytest.fixture
def merged_db(nlp, db_url: str, monkeypatch) -> str:
    monkeypatch.setattr(flashpoint.nlp, "build_pipeline", lambda *args, **kwargs: nlp)
    result = CliRunner().invoke(app, ["run", str(ARTICLES), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "real-world events" in result.stdout
    return db_url


def test_run_gives_every_stored_event_a_canonical_id_and_its_sources(merged_db: str) -> None:
    with Store(merged_db) as store:
        events = store.events()
    assert events
    assert all(event.canonical_id for event in events)
    assert all(event.doc_id in event.sources for event in events)
    # Several articles in this set report the same events, so some events have several sources.
    assert any(len(event.sources) > 1 for event in events)
    assert len({event.canonical_id for event in events}) < len(events)


def test_merged_listing_has_one_row_per_real_world_event(merged_db: str) -> None:
    runner = CliRunner()
    plain = runner.invoke(app, ["events", "--db", merged_db, "-n", "1000", "-f", "jsonl"])
    merged = runner.invoke(
        app, ["events", "--merged", "--db", merged_db, "-n", "1000", "-f", "jsonl"]
    )
    assert merged.exit_code == 0, merged.output
    mentions = plain.stdout.strip().splitlines()
    canonical = merged.stdout.strip().splitlines()
    assert 0 < len(canonical) < len(mentions)
    table = runner.invoke(app, ["events", "--merged", "--db", merged_db], env={"COLUMNS": "200"})
    assert "sources" in table.stdout
    assert "real-world events" in table.stdout


def test_no_merge_leaves_events_unmerged(nlp, db_url: str, monkeypatch) -> None:
    monkeypatch.setattr(flashpoint.nlp, "build_pipeline", lambda *args, **kwargs: nlp)
    result = CliRunner().invoke(app, ["run", str(ARTICLES), "--db", db_url, "--no-merge"])
    assert result.exit_code == 0, result.output
    with Store(db_url) as store:
        assert not any(event.canonical_id for event in store.events())


def test_a_run_merges_what_an_earlier_run_stored_but_never_merged(
    nlp, db_url: str, monkeypatch
) -> None:
    # --no-merge leaves the store as a run killed between storing and merging does
    monkeypatch.setattr(flashpoint.nlp, "build_pipeline", lambda *args, **kwargs: nlp)
    runner = CliRunner()
    assert runner.invoke(app, ["run", str(ARTICLES), "--db", db_url, "--no-merge"]).exit_code == 0
    again = runner.invoke(app, ["run", str(ARTICLES), "--db", db_url])
    assert again.exit_code == 0, again.output
    assert "real-world events" in again.stdout
    with Store(db_url) as store:
        assert all(event.canonical_id for event in store.events())
        assert store.unmerged_events() == []


def test_merge_command_merges_the_unmerged_and_full_redoes_all(
    nlp, db_url: str, monkeypatch
) -> None:
    monkeypatch.setattr(flashpoint.nlp, "build_pipeline", lambda *args, **kwargs: nlp)
    runner = CliRunner()
    assert runner.invoke(app, ["run", str(ARTICLES), "--db", db_url, "--no-merge"]).exit_code == 0
    first = runner.invoke(app, ["merge", "--db", db_url])
    assert first.exit_code == 0, first.output
    with Store(db_url) as store:
        merged = {event.id: event.canonical_id for event in store.events()}
    assert all(merged.values())
    assert "nothing new to merge" in runner.invoke(app, ["merge", "--db", db_url]).stdout
    full = runner.invoke(app, ["merge", "--full", "--db", db_url])
    assert full.exit_code == 0, full.output
    with Store(db_url) as store:
        assert {event.id: event.canonical_id for event in store.events()} == merged
