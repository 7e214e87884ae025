"""`flashpoint run examples/articles/` end to end with the real pipeline (what `make demo` does)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import flashpoint.nlp
from flashpoint.cli import app
from flashpoint.store import Store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"

pytestmark = pytest.mark.slow


def test_demo_run_stores_every_example_once(nlp, db_url: str, monkeypatch) -> None:
    monkeypatch.setattr(flashpoint.nlp, "build_pipeline", lambda *args, **kwargs: nlp)
    runner = CliRunner()
    first = runner.invoke(app, ["run", str(EXAMPLES), "--db", db_url], env={"COLUMNS": "200"})
    assert first.exit_code == 0, first.output
    assert "documents: 9 read, 9 new, 0 already stored, 0 failed" in first.stdout
    with Store(db_url) as store:
        stats = store.stats()
        documents = {document.id: document for document in store.documents()}
    assert stats["documents"] == 9
    # Every sentence is kept, so `show` and the API can quote context around evidence.
    assert stats["sentences"] > 9 * 5
    # Dates come from metadata for HTML and JSON lines, and from the text for plain files.
    assert documents["iraq-k1-2019-12-28"].date_source == "metadata"
    assert documents["haiti_president_assassination.html"].published.isoformat() == "2021-07-09"

    second = runner.invoke(app, ["run", str(EXAMPLES), "--db", db_url])
    assert second.exit_code == 0
    assert "documents: 9 read, 0 new, 9 already stored, 0 failed" in second.stdout
    with Store(db_url) as store:
        assert store.stats() == stats
