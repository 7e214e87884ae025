"""The bundled example articles (what `make demo` runs on) all read cleanly, with their metadata."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flashpoint.exceptions import InputError
from flashpoint.ingest import read_paths
from flashpoint.model import Document

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


def _documents() -> list[Document | InputError]:
    return list(read_paths([EXAMPLES]))


def test_every_example_reads_without_error_and_has_a_title() -> None:
    items = _documents()
    assert not [item for item in items if isinstance(item, InputError)]
    assert len(items) == 9
    assert all(item.title for item in items)


def test_examples_are_news_length() -> None:
    for document in _documents():
        assert 150 <= len(document.text.split()) <= 350, document.id


def test_html_example_keeps_metadata_and_drops_page_furniture() -> None:
    [page] = [item for item in _documents() if item.id.endswith(".html")]
    assert page.outlet == "Caribbean Ledger"
    assert page.published == date(2021, 7, 9)
    assert page.url == "https://ledger.example/world/2021/07/09/haiti-suspects-detained"
    assert page.text.startswith("PORT-AU-PRINCE, July 9, 2021")
    for furniture in ("Subscribe", "Share this article", "Related stories", "Copyright", "Log in"):
        assert furniture not in page.text


def test_text_examples_carry_a_dateline_for_the_date_finder() -> None:
    for document in _documents():
        if document.id.endswith(".txt"):
            first_line = document.text.splitlines()[0]
            assert " — " in first_line and any(
                str(year) in first_line for year in range(2019, 2026)
            )
