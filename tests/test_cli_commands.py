"""The core commands through the real CLI app: run, events, export, show, and their exit codes.

Most tests use a small stand-in pipeline (a sentencizer and a component that reads "killed"
sentences as ASSAULT events) so they test the plumbing, not the extractor being built elsewhere.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from typer.testing import CliRunner

import flashpoint.nlp
from flashpoint.cli import app
from flashpoint.model import Actor, Event, Evidence
from flashpoint.store import Store

runner = CliRunner()


@Language.component("fp_test_events")
def _fake_events(doc):
    if "CRASH" in doc.text:
        raise RuntimeError("component bug")
    events = []
    for sentence in doc.sents:
        trigger = re.search(r"\bkilled\b", sentence.text)
        if trigger:
            start = sentence.start_char + trigger.start()
            events.append(
                Event(
                    doc_id=doc._.fp_doc_id,
                    event_type="ASSAULT",
                    evidence=Evidence(
                        sentence.text, sentence.start_char, sentence.end_char, start, start + 6
                    ),
                    actor=Actor(name="Rapid Support Forces", country="SDN", sector="REB"),
                    trigger="killed",
                    dead=12,
                )
            )
    doc._.fp_events = events
    return doc


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("fp_test_events")
    monkeypatch.setattr(flashpoint.nlp, "build_pipeline", lambda *args, **kwargs: nlp)
    return nlp


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "el_fasher.txt").write_text(
        "Shelling hits market\n\nEL FASHER, May 12, 2024 — Shells killed at least 12 civilians "
        "at a market on Sunday, medics said. Residents fled north."
    )
    (folder / "talks.txt").write_text("Delegations met in Jeddah for a second day of talks.")
    (folder / "wire.jsonl").write_text(
        '{"id": "w1", "text": "Gunmen killed a guard at the depot.", "published": "2024-05-10"}\n'
        '{"id": "w2", "text": "Protesters marched in the capital."}\n'
    )
    return folder


def _invoke(*args: str):
    # A wide terminal, so that table cells are not wrapped mid-name.
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


def test_run_stores_documents_and_prints_summary(
    fake_pipeline, articles: Path, db_url: str
) -> None:
    result = _invoke("run", str(articles), "--db", db_url)
    assert result.exit_code == 0, result.output
    assert "documents: 4 read, 4 new, 0 already stored, 0 failed" in result.stdout
    assert "events: 2 found (ASSAULT 2)" in result.stdout
    assert "Rapid Support Forces" in result.stdout
    with Store(db_url) as store:
        assert [document.id for document in store.documents()] == [
            "el_fasher.txt",
            "talks.txt",
            "w1",
            "w2",
        ]
        assert store.document("el_fasher.txt").title == "Shelling hits market"
        # Every sentence of the article is kept, not only the evidence.
        assert len(store.sentences("el_fasher.txt")) == 2
        assert store.stats()["events"] == 2


def test_running_again_on_the_same_folder_adds_nothing(
    fake_pipeline, articles: Path, db_url: str
) -> None:
    _invoke("run", str(articles), "--db", db_url)
    again = _invoke("run", str(articles), "--db", db_url)
    assert again.exit_code == 0
    assert "documents: 4 read, 0 new, 4 already stored, 0 failed" in again.stdout
    with Store(db_url) as store:
        assert store.stats()["documents"] == 4
        assert store.stats()["events"] == 2


def test_bad_inputs_are_listed_and_exit_code_is_one_while_the_rest_is_stored(
    fake_pipeline, articles: Path, db_url: str
) -> None:
    (articles / "scan.txt").write_bytes(b"\x00\x01\x02\x03\x04binary")
    (articles / "empty.txt").write_text("")
    (articles / "crash.txt").write_text("This article makes the component CRASH.")
    with (articles / "wire.jsonl").open("a") as stream:
        stream.write("{not json\n")
    result = _invoke("run", str(articles), str(articles / "missing.txt"), "--db", db_url)
    assert result.exit_code == 1
    assert "documents: 5 read, 4 new, 0 already stored, 5 failed" in result.stdout
    for message in (
        f"error: {articles / 'scan.txt'}: binary file",
        f"error: {articles / 'empty.txt'}: empty file",
        f"error: {articles / 'wire.jsonl'}:3: invalid JSON",
        f"error: {articles / 'crash.txt'}: pipeline failed: RuntimeError: component bug",
        f"error: {articles / 'missing.txt'}: no such file or directory",
    ):
        assert message in result.stderr
    with Store(db_url) as store:
        assert store.stats()["documents"] == 4


def test_run_with_unusable_database_fails_cleanly(fake_pipeline, articles: Path) -> None:
    result = _invoke("run", str(articles), "--db", "sqlite:////no/such/folder/x.db")
    assert result.exit_code == 2
    assert "error: sqlite:////no/such/folder/x.db: folder /no/such/folder does not exist" in (
        result.stderr
    )
    assert "Traceback" not in result.output


@pytest.fixture
def filled_db(fake_pipeline, articles: Path, db_url: str) -> str:
    assert _invoke("run", str(articles), "--db", db_url).exit_code == 0
    return db_url


@pytest.mark.parametrize(
    ("args", "count"),
    [
        ([], 2),
        (["--type", "ASSAULT"], 2),
        (["--type", "protest"], 0),
        (["--actor", "rapid support"], 2),
        (["--country", "SDN"], 2),
        (["--since", "2024-05-11"], 1),
        (["--until", "2024-05"], 2),
        (["--limit", "1"], 1),
        (["--doc", "w1"], 1),
        (["--doc", "talks.txt"], 0),
    ],
)
def test_events_filters_and_formats(filled_db: str, args: list[str], count: int) -> None:
    result = _invoke("events", *args, "--format", "jsonl", "--db", filled_db)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == count
    assert all(record["event_type"] == "ASSAULT" for record in records)


def test_events_table_lists_events_with_a_count(filled_db: str) -> None:
    result = _invoke("events", "--db", filled_db)
    assert result.exit_code == 0
    assert "ASSAULT" in result.stdout
    assert "2 of 2 matching events" in result.stdout
    empty = _invoke("events", "--type", "PROTEST", "--db", filled_db)
    assert "no events match" in empty.stdout


def test_events_csv_has_a_header_and_rows(filled_db: str) -> None:
    result = _invoke("events", "--format", "csv", "--db", filled_db)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["doc_id"] for row in rows] == ["w1", "el_fasher.txt"]
    assert rows[0]["actor_name"] == "Rapid Support Forces"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "12/05/2024"], "error: --since: '12/05/2024' is not a date"),
        (["--type", "EXPLODE"], "error: --type: unknown event type 'EXPLODE'"),
        (["--country", "Sudan"], "error: --country: 'Sudan' is not an ISO 3166-1 alpha-3"),
    ],
)
def test_bad_options_are_clean_errors(filled_db: str, args: list[str], message: str) -> None:
    result = _invoke("events", *args, "--db", filled_db)
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.parametrize("format", ["jsonl", "csv", "geojson"])
def test_export_writes_the_file(filled_db: str, tmp_path: Path, format: str) -> None:
    out = tmp_path / f"events.{format}"
    result = _invoke("export", "--format", format, "--out", str(out), "--db", filled_db)
    assert result.exit_code == 0, result.output
    content = out.read_text()
    if format == "jsonl":
        assert len(content.splitlines()) == 2
        assert "wrote 2 events" in result.stderr
    elif format == "csv":
        assert len(content.splitlines()) == 3
    else:
        # The stand-in pipeline locates nothing.
        assert json.loads(content)["features"] == []


def test_export_to_an_unwritable_place_is_a_clean_error(filled_db: str) -> None:
    result = _invoke("export", "--out", "/no/such/folder/out.jsonl", "--db", filled_db)
    assert result.exit_code == 2
    assert "error: /no/such/folder/out.jsonl: cannot write" in result.stderr


def test_show_prints_event_evidence_with_trigger_and_article(filled_db: str) -> None:
    with Store(filled_db) as store:
        [event] = store.events(doc_id="el_fasher.txt")
    result = _invoke("show", event.id, "--db", filled_db)
    assert result.exit_code == 0, result.output
    assert "Shells [killed] at least 12 civilians" in result.stdout
    assert "Shelling hits market" in result.stdout
    assert "el_fasher.txt" in result.stdout
    assert "ASSAULT" in result.stdout
    # An unambiguous prefix is enough.
    assert _invoke("show", event.id[:9], "--db", filled_db).exit_code == 0


def test_show_unknown_event_is_a_clean_error(filled_db: str) -> None:
    result = _invoke("show", "ev_0000000000000000", "--db", filled_db)
    assert result.exit_code == 2
    assert "error: ev_0000000000000000: no such event" in result.stderr


def test_run_summary_takes_turns_between_articles_most_complete_first() -> None:
    from flashpoint.commands import highlights

    def make(doc_id: str, start: int, dead: int | None = None) -> Event:
        return Event(doc_id, "ASSAULT", Evidence("s", start, start + 1), dead=dead)

    events = [make("a", 0), make("a", 5, dead=3), make("a", 9), make("b", 0), make("c", 0)]
    picked = highlights(events, 4)
    assert [(event.doc_id, event.evidence.start) for event in picked] == [
        ("a", 5),
        ("b", 0),
        ("c", 0),
        ("a", 0),
    ]


def test_run_and_events_work_on_postgresql(fake_pipeline, articles: Path, fresh_pg_url: str):
    first = _invoke("run", str(articles), "--db", fresh_pg_url)
    assert first.exit_code == 0, first.output
    again = _invoke("run", str(articles), "--db", fresh_pg_url)
    assert "4 already stored" in again.stdout
    listed = _invoke("events", "--format", "jsonl", "--actor", "rapid", "--db", fresh_pg_url)
    assert len(listed.stdout.splitlines()) == 2


def test_a_line_added_above_id_less_records_loses_none_of_them(
    fake_pipeline, tmp_path: Path, db_url: str
) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": f"Gunmen attacked village {n}."}) for n in range(12)]
    feed.write_text("\n".join(lines) + "\n")
    assert _invoke("run", str(feed), "--db", db_url).exit_code == 0
    feed.write_text(json.dumps({"text": "A new first story."}) + "\n" + "\n".join(lines) + "\n")
    again = _invoke("run", str(feed), "--db", db_url)
    assert again.exit_code == 0, again.output
    assert "documents: 13 read, 1 new, 12 already stored, 0 failed" in again.stdout
    with Store(db_url) as store:
        assert store.stats()["documents"] == 13


def test_an_edited_file_is_counted_as_replacing_its_earlier_version(
    fake_pipeline, articles: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _invoke("run", str(articles), "--db", db_url).exit_code == 0
    (articles / "talks.txt").write_text("Delegations met in Jeddah for a third day of talks.")
    monkeypatch.chdir(articles.parent)  # the same files, named relative to here this time
    again = _invoke("run", articles.name, "--db", db_url)
    assert again.exit_code == 0, again.output
    assert "1 new (1 replacing an edited version), 3 already stored" in again.stdout
    with Store(db_url) as store:
        assert store.stats()["documents"] == 4
