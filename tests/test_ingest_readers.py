"""Each input format becomes Documents with the right id, title, metadata and text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from flashpoint.exceptions import InputError
from flashpoint.ingest import read_paths
from flashpoint.ingest.cleanup import is_boilerplate
from flashpoint.ingest.feed import strip_html
from flashpoint.ingest.text import split_title
from flashpoint.model import Document


def _read(path: Path) -> list[Document | InputError]:
    return list(read_paths([path]))


@pytest.mark.parametrize(
    ("text", "title", "body_start"),
    [
        (
            "Rebels seize border town\n\nThe rebels entered the town.",
            "Rebels seize border town",
            "The",
        ),
        ("Rebels seized the town.\n\nThey entered at dawn.", None, "Rebels"),
        ("Rebels seize border town\nThe rebels entered the town.", None, "Rebels"),
        ("A" * 200 + "\n\nBody text here.", None, "AAA"),
        ("Only one line without a body", None, "Only"),
        ("KHARTOUM, April 16 —\n\nFighting went on.", None, "KHARTOUM"),
    ],
    ids=["headline", "final-period", "no-blank-line", "too-long", "single-line", "dateline"],
)
def test_txt_first_line_is_title_only_when_short_unpunctuated_and_followed_by_blank_line(
    text: str, title: str | None, body_start: str
) -> None:
    found_title, body = split_title(text)
    assert found_title == title
    assert body.startswith(body_start)


def test_txt_file_gives_document_named_after_file(tmp_path: Path) -> None:
    path = tmp_path / "mali_sanctions.txt"
    path.write_text("Sanctions imposed\r\n\r\nBAMAKO, Jan. 10 — Leaders closed borders.\r\n")
    [document] = _read(path)
    assert isinstance(document, Document)
    assert document.id == "mali_sanctions.txt"
    assert document.title == "Sanctions imposed"
    assert document.text == "BAMAKO, Jan. 10 — Leaders closed borders."
    assert document.path == str(path)
    assert document.published is None


def test_txt_in_windows_1252_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Troops left the caf\u00e9 \u2014 witnesses said.".encode("cp1252"))
    [document] = _read(path)
    assert isinstance(document, Document)
    assert "caf\u00e9 \u2014" in document.text


HTML_PAGE = """<!doctype html><html><head>
<title>Gunmen attack checkpoint | The Sahel Courier</title>
<meta property="og:title" content="Gunmen attack army checkpoint near Mopti">
<meta property="og:site_name" content="The Sahel Courier">
<meta property="og:url" content="https://courier.example/2022/03/checkpoint">
<meta property="article:published_time" content="2022-03-05T08:15:00+00:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Gunmen attack army checkpoint near Mopti</h1>
<p>Gunmen on motorbikes attacked an army checkpoint near the central Malian town of Mopti on
Friday, killing at least eight soldiers, the army said in a statement.</p>
<p>The army said troops repelled the attackers and that reinforcements had been sent to the
area, where jihadist groups have been active for years.</p>
<p>No group immediately claimed responsibility for the assault on the checkpoint.</p>
</article>
<div class="share">Share this article: Facebook Twitter WhatsApp Email</div>
<section id="comments"><h3>Leave a comment</h3>
<p>You must be logged in to post a comment.</p></section>
<footer>Copyright 2022 The Sahel Courier. All rights reserved.</footer>
</body></html>"""


def test_html_keeps_article_text_and_metadata_and_drops_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "checkpoint.html"
    path.write_text(HTML_PAGE)
    [document] = _read(path)
    assert isinstance(document, Document)
    assert document.id == "checkpoint.html"
    assert document.title == "Gunmen attack army checkpoint near Mopti"
    assert document.outlet == "The Sahel Courier"
    assert document.url == "https://courier.example/2022/03/checkpoint"
    assert document.published == date(2022, 3, 5)
    assert document.date_source == "metadata"
    assert document.text.startswith("Gunmen on motorbikes attacked")
    assert "killing at least eight soldiers" in document.text
    for boilerplate in ("Sport", "Share this article", "Leave a comment", "Copyright"):
        assert boilerplate not in document.text
    # Paragraphs stay apart so the sentence splitter sees them.
    assert "\n\n" in document.text


def test_jsonl_records_become_documents_with_ids_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(
        '{"id": "w-1", "text": "Protesters marched.", "title": "March", "outlet": "Wire",'
        ' "url": "https://wire.example/1", "published": "2020-03-12"}\n'
        "\n"
        '{"text": "Police arrested two men.", "published": "2020-03-13T22:40:00+03:00"}\n'
        '{"id": 7, "text": "Talks resumed."}\n'
    )
    first, second, third = _read(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, first.title, first.outlet, first.url) == (
        "w-1",
        "March",
        "Wire",
        "https://wire.example/1",
    )
    assert (first.published, first.date_source) == (date(2020, 3, 12), "metadata")
    # no id: named by its text, so that lines added above it leave it the same document
    assert second.id == f"wire.jsonl#{second.content_hash[:16]}"
    assert second.published == date(2020, 3, 13)
    assert isinstance(third, Document) and third.id == "7" and third.published is None
    assert first.path == str(path)


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Frontline Wire</title><link>https://wire.example</link>
<item><title>Drone strike hits depot</title><link>https://wire.example/a</link>
<guid>wire-a</guid><pubDate>Tue, 14 Mar 2023 09:30:00 GMT</pubDate>
<description>&lt;p&gt;A drone struck a fuel depot on &lt;b&gt;Monday&lt;/b&gt;.&lt;/p&gt;
&lt;p&gt;Two guards were hurt.&lt;/p&gt;</description>
</item>
<item><title>Ceasefire talks open</title><link>https://wire.example/b</link>
<description>Delegations met in Jeddah &amp;amp; agreed an agenda.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Monitor</title>
<entry><id>tag:monitor.example,2024:1</id><title>Port shelled</title>
<link rel="alternate" href="https://monitor.example/1"/>
<updated>2024-01-12T06:00:00Z</updated>
<content type="html">&lt;p&gt;Shells hit the port overnight.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_items_become_documents_with_html_stripped(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS)
    first, second = _read(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, first.title, first.url, first.outlet) == (
        "wire-a",
        "Drone strike hits depot",
        "https://wire.example/a",
        "Frontline Wire",
    )
    assert first.published == date(2023, 3, 14)
    assert first.text == "A drone struck a fuel depot on Monday.\n\nTwo guards were hurt."
    # Without a guid the link is the id.
    assert second.id == "https://wire.example/b"
    assert second.text == "Delegations met in Jeddah & agreed an agenda."


def test_atom_entries_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "monitor.xml"
    path.write_text(ATOM)
    [entry] = _read(path)
    assert isinstance(entry, Document)
    assert entry.id == "tag:monitor.example,2024:1"
    assert entry.url == "https://monitor.example/1"
    assert entry.published == date(2024, 1, 12)
    assert entry.text == "Shells hit the port overnight."
    assert entry.outlet == "Monitor"


def test_strip_html_drops_scripts_and_keeps_paragraphs() -> None:
    assert strip_html("<p>One.</p><script>var x=1;</script><p>Two &amp; three.</p>") == (
        "One.\n\nTwo &amp; three.".replace("&amp;", "&")
    )


def test_folders_are_walked_recursively_in_sorted_order_skipping_other_files(
    tmp_path: Path,
) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zulu text.")
    (tmp_path / "a.txt").write_text("Alpha text.")
    (tmp_path / "c.txt").write_text("Charlie text.")
    (tmp_path / "notes.md").write_text("not an article")
    (tmp_path / ".hidden.txt").write_text("hidden")
    ids = [item.id for item in read_paths([tmp_path]) if isinstance(item, Document)]
    assert ids == ["a.txt", "z.txt", "c.txt"]


@pytest.mark.parametrize(
    ("line", "dropped"),
    [
        ("Skip to content", True),
        ("Back To Top", True),
        ("Source link", True),
        ("Share this article", True),
        ("(photo credit: REUTERS)", True),
        ("By Jane Doe and John Roe", True),
        ("The Associated Press", True),
        ("Advertisement", True),
        ("Share prices fell sharply after the attack.", False),
        ("by the river", False),
        ("Police said the attackers fled by car.", False),
        ("— Jane Doe (@janedoe) December 13, 2019", False),
    ],
)
def test_web_furniture_lines_are_recognised(line: str, dropped: bool) -> None:
    assert is_boilerplate(line) is dropped


def test_txt_drops_furniture_and_repeated_headline_before_finding_title(tmp_path: Path) -> None:
    path = tmp_path / "pasted.txt"
    path.write_text(
        "Skip to content\n\nMilitia fighters storm embassy compound\n\n"
        "Militia fighters storm embassy compound\nBy Jane Doe\n\n"
        "Hundreds of fighters forced their way into the compound on Tuesday.\n\n"
        "Share this article\n\nThe embassy said no staff were hurt.\n\nBack To Top\n"
    )
    [document] = _read(path)
    assert document.title == "Militia fighters storm embassy compound"
    assert document.text == (
        "Hundreds of fighters forced their way into the compound on Tuesday.\n\n"
        "The embassy said no staff were hurt."
    )
