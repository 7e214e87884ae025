"""Bad inputs are reported with the file and the reason, and never stop the rest of a batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.exceptions import InputError
from flashpoint.ingest import read_paths
from flashpoint.model import Document


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("scan.txt", b"%PDF-1.4\x00\x01\x02\x03binary\x00data", "binary"),
        ("empty.txt", "", "empty file"),
        ("blank.html", "   \n\n  ", "empty file"),
        ("furniture.txt", "Skip to content\n\nShare this article\n", "no article text"),
        ("undecodable.txt", b"Troops \x81\x8d\x8f\x90 entered", "not UTF-8"),
        ("menu.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article"),
        ("broken.xml", "<rss><channel><item>", "invalid XML"),
        ("config.xml", "<settings><a>1</a></settings>", "not an RSS 2.0 or Atom feed"),
        ("notes.docx", b"PK\x03\x04", "unsupported file type"),
    ],
)
def test_unreadable_file_is_one_error_naming_file_and_reason(
    tmp_path: Path, name: str, content: str | bytes, reason: str
) -> None:
    path = _write(tmp_path / name, content)
    [error] = list(read_paths([path]))
    assert isinstance(error, InputError)
    assert error.source == str(path)
    assert reason in error.reason


def test_missing_path_is_reported() -> None:
    [error] = list(read_paths(["no/such/article.txt"]))
    assert isinstance(error, InputError)
    assert error.source == "no/such/article.txt"
    assert "no such file" in error.reason


def test_bad_jsonl_lines_name_file_and_line_and_other_lines_still_read(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "feed.jsonl",
        '{"id": "ok-1", "text": "Troops deployed."}\n'
        '{"id": "bad-json", "text": "unterminated}\n'
        '{"id": "no-text"}\n'
        '["not", "an", "object"]\n'
        '{"id": "bad-date", "text": "Talks.", "published": "next Tuesday"}\n'
        '{"id": "ok-2", "text": "Rockets hit the base."}\n',
    )
    items = list(read_paths([path]))
    assert [item.id for item in items if isinstance(item, Document)] == ["ok-1", "ok-2"]
    errors = {item.source: item.reason for item in items if isinstance(item, InputError)}
    assert set(errors) == {f"{path}:{line}" for line in (2, 3, 4, 5)}
    assert "invalid JSON" in errors[f"{path}:2"]
    assert "'text'" in errors[f"{path}:3"]
    assert "JSON object" in errors[f"{path}:4"]
    assert "'published'" in errors[f"{path}:5"]


def test_feed_item_without_text_is_an_error_and_other_items_still_read(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "wire.rss",
        "<rss version='2.0'><channel><title>W</title>"
        "<item><title>Empty</title><link>https://w.example/1</link></item>"
        "<item><title>Full</title><link>https://w.example/2</link>"
        "<description>Militants attacked a convoy.</description></item>"
        "</channel></rss>",
    )
    error, document = list(read_paths([path]))
    assert isinstance(error, InputError) and error.source == f"{path}: item 1"
    assert isinstance(document, Document) and document.id == "https://w.example/2"


def test_a_bad_file_in_a_folder_does_not_stop_the_others(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "Police dispersed protesters.")
    _write(tmp_path / "b.txt", b"\x00\x01\x02\x03\x04")
    _write(tmp_path / "c.txt", "")
    _write(tmp_path / "d.txt", "Government forces shelled the town.")
    items = list(read_paths([tmp_path, tmp_path / "missing.txt"]))
    assert [type(item).__name__ for item in items] == [
        "Document",
        "InputError",
        "InputError",
        "Document",
        "InputError",
    ]
