"""No input stops a run, nothing is silently lost, and a killed or concurrent run leaves it whole.

Real `flashpoint` processes over a corpus of hostile inputs the test builds (small: the large
files are sparse, or about a megabyte), beside good articles; `kill -9` in the middle of a run;
many processes opening one new database at once, on SQLite and on the PostgreSQL test server.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flashpoint.ingest import read_paths
from flashpoint.ingest.common import MAX_DOCUMENT_CHARS
from flashpoint.model import Document
from flashpoint.store import Store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "examples" / "articles"
MERGE_SET = ROOT / "eval" / "merge" / "articles"
STARTS = 20


def _flashpoint(*args: str, cwd: Path, **env: str) -> subprocess.Popen:
    environment = {key: value for key, value in os.environ.items() if key != "FLASHPOINT_DB"}
    environment.update(env)
    return subprocess.Popen(
        [sys.executable, "-m", "flashpoint.cli", *args],
        cwd=cwd,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen, limit: float = 120) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=limit)
    return process.returncode, out, err


def _jsonl(*records: object) -> str:
    return "".join(json.dumps(record) + "\n" for record in records)


# name -> content (str, bytes, or a callable making the entry), and a word of the reason reported.
def _hostile(folder: Path, outside: Path) -> dict[str, str]:
    """Writes the bad inputs into `folder`; returns each one's name and a word of its report."""

    def write(name: str, content: str | bytes) -> None:
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))

    write("deep.jsonl", "[" * 100_000 + "]" * 100_000 + "\n")
    write("far-future.jsonl", _jsonl({"text": "Talks resumed.", "published": "9999-12-31"}))
    write("year-one.jsonl", _jsonl({"text": "Talks resumed.", "published": "0001-01-01"}))
    write("long-record.jsonl", _jsonl({"text": "Shelling went on. " * 60_000}))
    write("long.txt", "Shelling went on. " * (MAX_DOCUMENT_CHARS // 18 + 100))
    with (folder / "huge.txt").open("wb") as stream:  # sparse: 50 MB that take no disk
        stream.truncate(50 * 1024 * 1024)
    with (folder / "huge.jsonl").open("wb") as stream:
        stream.truncate(300 * 1024 * 1024)
    write(
        "same-id.jsonl",
        _jsonl({"id": "x", "text": "Rebels seized a town."}, {"id": "x", "text": "Talks."}),
    )
    write("malformed.jsonl", '{"text": "unterminated\n')
    write("long-id.jsonl", _jsonl({"id": "i" * 600, "text": "Talks resumed."}))
    write("huge-number.jsonl", '{"id": ' + "1" * 5000 + ', "text": "Talks."}\n')
    write("nan.jsonl", '{"text": NaN}\n')
    write("number-date.jsonl", '{"text": "Talks.", "published": 20200101}\n')
    write("utf16-odd.txt", b"\xff\xfea\x00b")
    write("no-items.xml", '<rss version="2.0"><channel><title>T</title></channel></rss>')
    write(
        "far-future.rss",
        '<rss version="2.0"><channel><title>T</title><item><description>Rebels seized the '
        "town.</description><pubDate>Fri, 31 Dec 9999 23:59:59 -1200</pubDate></item>"
        "</channel></rss>",
    )
    write("scripts-only.html", "<html><head><script>alert(1)</script></head><body></body></html>")
    write("binary.txt", b"%PDF-1.4\x00\x01\x02\x03\x00binary")
    write("empty.txt", b"")
    write("undecodable.txt", b"Troops \x81\x8d\x8f\x90 entered")
    write("broken.xml", "<rss><channel><item>")
    write(
        "laughs.xml",
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8))
        + "]><rss><channel><item><description>&i;</description></item></channel></rss>",
    )
    write(
        "xxe.xml",
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<rss><channel><item><description>&x;</description></item></channel></rss>",
    )
    os.mkfifo(folder / "pipe.txt")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "hostname.txt").symlink_to(outside)
    return {
        "deep.jsonl": "nested too deeply",
        "far-future.jsonl": "out of range",
        "year-one.jsonl": "out of range",
        "long-record.jsonl": "over the limit",
        "long.txt": "over the limit",
        "huge.txt": "over the limit",
        "huge.jsonl": "over the limit",
        "same-id.jsonl": "already used on line 1",
        "malformed.jsonl": "invalid JSON",
        "long-id.jsonl": "over 512",
        "huge-number.jsonl": "invalid JSON",
        "nan.jsonl": "missing or empty 'text'",
        "number-date.jsonl": "'published' is not",
        "utf16-odd.txt": "not valid UTF-16",
        "no-items.xml": "no items",
        "far-future.rss": "out of range",
        "scripts-only.html": "no article text",
        "binary.txt": "binary",
        "empty.txt": "empty",
        "undecodable.txt": "not UTF-8",
        "broken.xml": "invalid XML",
        "laughs.xml": "invalid XML",
        "xxe.xml": "invalid XML",
        "pipe.txt": "named pipe",
        "dangling.txt": "broken symbolic link",
        "loop.txt": "symbolic link loop",
        "zero.txt": "outside",
        "hostname.txt": "outside",
    }


# Inputs that are odd but whole articles: each is stored, cleaned, never reported.
REPAIRED = {
    "surrogate.jsonl": _jsonl({"id": "surrogate", "text": "Troops \ud800 left the town."}),
    "nul.jsonl": _jsonl(
        {"id": "nul", "text": "Police\u0000 arrested two men.", "title": "A\u0000"}
    ),
    "late-nul.txt": "Militias clashed near the border. " * 400 + "Then\x00 talks began.",
    "bom.jsonl": "\ufeff" + _jsonl({"id": "bom", "text": "Talks resumed in Doha."}),
    "control.txt": "Rebels\x07 \x1b[31mseized\x1b[0m the town.",
    "crlf.txt": "Headline\r\n\r\nRebels seized the town.\r\nTalks followed.\r\n",
    "twice-keyed.jsonl": '{"id": "keys", "text": "A.", "text": "Rebels seized the town."}\n',
    "injection.jsonl": _jsonl(
        {"id": "../../etc/passwd", "text": "'; DROP TABLE documents; -- <script>x</script>"}
    ),
}


def test_a_run_over_hostile_inputs_reports_each_by_name_and_loses_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    outside = tmp_path / "private.txt"
    outside.write_text("A private file beyond the input folder, never to be stored.")
    expected = _hostile(folder, outside)
    for name, content in REPAIRED.items():
        (folder / name).write_text(content, encoding="utf-8", errors="surrogatepass")
    good = sorted(GOOD.glob("*.txt"))
    for article in good:
        (folder / article.name).write_bytes(article.read_bytes())
    db = tmp_path / "hostile.db"
    started = time.monotonic()
    code, out, err = _finish(
        _flashpoint(
            "run", str(folder), str(tmp_path / "missing.txt"), "--db", str(db), cwd=tmp_path
        )
    )
    elapsed = time.monotonic() - started
    assert code == 1, out + err
    assert "Traceback" not in err and "Traceback" not in out
    reports = [line for line in err.splitlines() if line.startswith("error: ")]
    for name, reason in {**expected, "missing.txt": "no such file"}.items():
        mine = [line for line in reports if f"/{name}" in line]
        assert mine and reason in mine[0], (name, reports)
    with Store(str(db)) as store:
        documents = store.documents()
    stored = {Path(document.path).name for document in documents if document.path}
    assert {article.name for article in good} | set(REPAIRED) <= stored  # 0 good ones lost
    assert not stored & {name for name in expected if name != "same-id.jsonl"}
    assert all(outside.read_text() not in document.text for document in documents)
    assert all("\x00" not in document.text for document in documents)
    assert len({document.id for document in documents}) == len(documents)
    # a second run adds nothing: no duplicates
    code, again, err = _finish(_flashpoint("run", str(folder), "--db", str(db), cwd=tmp_path))
    assert "Traceback" not in err
    assert f"0 new, {len(documents)} already stored" in again
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert elapsed < 90, f"the hostile run took {elapsed:.0f}s"


def _merged_count(url: str) -> tuple[int, int, int]:
    """(documents, events, real-world events) of a store."""
    with Store(url) as store:
        events = store.events()
        assert store.unmerged_events() == []
        return (
            store.stats()["documents"],
            len(events),
            len({event.canonical_id for event in events}),
        )


def _stored_documents(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_kill_9_mid_run_then_a_rerun_gives_what_a_clean_run_gives(tmp_path: Path) -> None:
    # One document a batch throughout: documents are then stored one chunk at a time, so the
    # kill lands after some are stored and before the run's merge; and what is read from an
    # article does not depend on which others shared its batch (padding moves the reader's
    # scores a little), so the killed run and the clean one can be compared exactly.
    single = {"FLASHPOINT_BATCH_SIZE": "1"}
    clean = tmp_path / "clean.db"
    code, out, err = _finish(
        _flashpoint("run", str(MERGE_SET), "--db", str(clean), cwd=tmp_path, **single)
    )
    assert code == 0, out + err
    expected = _merged_count(f"sqlite:///{clean}")
    total = len(list(MERGE_SET.glob("*.txt")))
    trials = 2
    for trial in range(trials):
        db = tmp_path / f"killed-{trial}.db"
        running = _flashpoint("run", str(MERGE_SET), "--db", str(db), cwd=tmp_path, **single)
        deadline = time.monotonic() + 60
        while _stored_documents(db) < 1 + trial and time.monotonic() < deadline:
            if running.poll() is not None:
                break
            time.sleep(0.05)
        running.send_signal(signal.SIGKILL)
        running.communicate()
        assert _stored_documents(db) < total, "the run ended before it could be killed"
        code, out, err = _finish(
            _flashpoint("run", str(MERGE_SET), "--db", str(db), cwd=tmp_path, **single)
        )
        assert code == 0 and "Traceback" not in err, out + err
        assert _merged_count(f"sqlite:///{db}") == expected
        with sqlite3.connect(db) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _open(url: str, ready, errors) -> None:
    ready.wait()
    try:
        Store(url).close()
    except BaseException as exc:  # reported to the parent, whatever it is
        errors.put(f"{type(exc).__name__}: {exc}")
        raise SystemExit(1) from exc


def _start_together(url: str) -> list[str]:
    """Open `url` from STARTS processes at the same moment; the errors they met.

    Forked from this process, flashpoint already imported, so all of them truly start at once."""
    context = multiprocessing.get_context("fork")
    ready = context.Barrier(STARTS)
    errors = context.Queue()
    processes = [context.Process(target=_open, args=(url, ready, errors)) for _ in range(STARTS)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    found = []
    while not errors.empty():
        found.append(errors.get())
    found += [f"exit code {p.exitcode}" for p in processes if p.exitcode != 0 and not found]
    return found


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a database nobody has opened yet: a SQLite file, or a schema of its own on
    the PostgreSQL test server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'new.db'}"
    return request.getfixturevalue("fresh_pg_url")


def test_many_processes_starting_on_a_new_database_all_succeed(
    tmp_path: Path, new_database: str
) -> None:
    url = new_database
    assert _start_together(url) == []
    with Store(url) as store:
        assert store.stats()["documents"] == 0
    if url.startswith("sqlite"):
        with sqlite3.connect(tmp_path / "new.db") as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_two_runs_over_the_same_articles_at_once_store_and_count_each_once(
    tmp_path: Path, new_database: str
) -> None:
    url = new_database
    Store(url).close()  # the schema first: this test is about the documents
    runs = [_flashpoint("run", str(GOOD), "--db", url, cwd=tmp_path) for _ in range(2)]
    outputs = [_finish(run) for run in runs]
    new = 0
    for code, out, err in outputs:
        assert code == 0 and "Traceback" not in err, out + err
        [counts] = [line for line in out.splitlines() if line.startswith("documents:")]
        new += int(counts.split(", ")[1].split()[0])
    with Store(url) as store:
        stored = store.stats()["documents"]
        assert store.unmerged_events() == []
    articles = [item for item in read_paths([GOOD]) if isinstance(item, Document)]
    assert stored == new == len(articles)
