"""Bad inputs are reported with the file and the reason, and never stop the rest of a batch."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from flashpoint.exceptions import InputError
from flashpoint.ingest import read_paths
from flashpoint.ingest.common import MAX_ARTICLE_BYTES, MAX_DOCUMENT_CHARS
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
        ("quiet.rss", "<rss version='2.0'><channel><title>T</title></channel></rss>", "no items"),
        (
            "quiet.atom",
            "<feed xmlns='http://www.w3.org/2005/Atom'><title>T</title></feed>",
            "no entries",
        ),
        ("odd.txt", b"\xff\xfea\x00b", "not valid UTF-16"),
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


def _documents(items: list) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def _errors(items: list) -> dict[str, str]:
    return {item.source: item.reason for item in items if isinstance(item, InputError)}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"text": "Talks.", "published": "9999-12-31"}', "out of range"),
        ('{"text": "Talks.", "published": "0001-01-01"}', "out of range"),
        (json.dumps({"text": "x" * (MAX_DOCUMENT_CHARS + 1)}), "over the limit"),
        ('{"text": "Talks.", "id": true}', "'id' must be"),
        ('{"text": "Talks.", "id": 1e999}', "'id' must be"),
        ('{"text": "Talks.", "id": ' + "1" * 5000 + "}", "invalid JSON: Exceeds the limit"),
        ('{"text": NaN}', "missing or empty 'text'"),
        (json.dumps({"text": "Talks.", "id": "x" * 513}), "id is 513 characters"),
        (json.dumps({"text": "Talks.", "outlet": "x" * 257}), "outlet is 257 characters"),
    ],
)
def test_hostile_jsonl_line_is_an_error_naming_file_and_line(
    tmp_path: Path, line: str, reason: str
) -> None:
    path = _write(tmp_path / "feed.jsonl", line + '\n{"id": "ok", "text": "Troops left."}\n')
    items = list(read_paths([path]))
    assert [document.id for document in _documents(items)] == ["ok"]
    assert reason in _errors(items)[f"{path}:1"]


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ('"Troops \\ud800 left."', "Troops \ufffd left."),
        ('"Troops\\u0000 left."', "Troops left."),
        ('"Troops \\udfff\\ud800 left."', "Troops \ufffd\ufffd left."),
    ],
)
def test_unstorable_characters_in_a_record_are_replaced_or_dropped(
    tmp_path: Path, raw: str, stored: str
) -> None:
    path = _write(tmp_path / "feed.jsonl", f'{{"id": "a", "title": {raw}, "text": {raw}}}\n')
    [document] = list(read_paths([path]))
    assert isinstance(document, Document)
    assert (document.text, document.title) == (stored, stored)
    assert len(document.content_hash) == 64


def test_a_nul_deep_in_a_text_file_is_dropped(tmp_path: Path) -> None:
    path = _write(tmp_path / "late.txt", "Troops left the town. " * 500 + "Then\x00 talks began.")
    [document] = list(read_paths([path]))
    assert isinstance(document, Document) and "\x00" not in document.text
    assert document.text.endswith("Then talks began.")


def test_oversize_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:  # sparse: no disk is spent on it
        stream.truncate(MAX_ARTICLE_BYTES + 1)
    [error] = list(read_paths([path]))
    assert isinstance(error, InputError) and error.source == str(path)
    assert "over the limit" in error.reason


def test_overlong_text_within_the_byte_limit_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "long.txt", "Shelling went on. " * (MAX_DOCUMENT_CHARS // 18 + 10))
    [error] = list(read_paths([path]))
    assert isinstance(error, InputError) and "characters, over the limit" in error.reason


def test_a_line_added_above_keeps_every_record_its_id(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    lines = ['{"text": "Rockets hit the base."}', '{"text": "Talks resumed."}']
    _write(path, "\n".join(lines) + "\n")
    before = [document.id for document in _documents(list(read_paths([path])))]
    _write(path, '{"text": "A new first story."}\n' + "\n".join(lines) + "\n")
    after = [document.id for document in _documents(list(read_paths([path])))]
    assert after[1:] == before and after[0] not in before


def test_an_id_given_twice_in_a_file_is_refused_on_its_second_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "wire.jsonl",
        '{"id": "a", "text": "Rockets hit the base."}\n{"id": "a", "text": "Talks resumed."}\n',
    )
    items = list(read_paths([path]))
    assert [document.text for document in _documents(items)] == ["Rockets hit the base."]
    assert "id 'a' is already used on line 1" in _errors(items)[f"{path}:2"]


def test_relative_and_absolute_paths_give_the_same_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "a.txt", "Police dispersed protesters.")
    monkeypatch.chdir(tmp_path)
    [relative] = list(read_paths(["a.txt"]))
    [absolute] = list(read_paths([tmp_path / "a.txt"]))
    assert isinstance(relative, Document) and relative.path == absolute.path


def _special_entries(folder: Path, outside: Path) -> dict[str, str]:
    """Entries a folder walk must report, by name, with the words of the reason."""
    os.mkfifo(folder / "pipe.txt")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "secret.txt").symlink_to(outside)
    (folder / "elsewhere").symlink_to(outside.parent, target_is_directory=True)
    return {
        "pipe.txt": "named pipe",
        "dangling.txt": "broken symbolic link",
        "loop.txt": "symbolic link loop",
        "zero.txt": "outside",
        "secret.txt": "outside",
        "elsewhere": "outside",
    }


def test_special_entries_in_a_folder_are_reported_by_name_and_not_followed(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    outside = _write(tmp_path / "hostname.txt", "A file beyond the input folder.")
    _write(folder / "good.txt", "Police dispersed protesters.")
    (folder / "inner.txt").symlink_to(folder / "good.txt")  # inside: read like any file
    expected = _special_entries(folder, outside)
    items = list(read_paths([folder]))
    errors = _errors(items)
    for name, reason in expected.items():
        assert reason in errors[str(folder / name)], name
    assert {document.path for document in _documents(items)} == {
        str(folder / "good.txt"),
        str(folder / "inner.txt"),
    }


def test_a_fifo_named_on_the_command_line_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jsonl")
    [error] = list(read_paths([tmp_path / "pipe.jsonl"]))
    assert isinstance(error, InputError) and "named pipe" in error.reason


def test_a_subfolder_that_cannot_be_listed_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # as root reads every folder, the refusal is staged where the walk lists a folder
    locked = tmp_path / "locked"
    locked.mkdir()
    _write(locked / "a.txt", "Police dispersed protesters.")
    _write(tmp_path / "b.txt", "Talks resumed.")
    listing = os.scandir

    def refusing(path=".", *args):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path, *args)

    monkeypatch.setattr(os, "scandir", refusing)
    items = list(read_paths([tmp_path]))
    assert [document.path for document in _documents(items)] == [str(tmp_path / "b.txt")]
    assert _errors(items) == {str(locked): "cannot read folder: Permission denied"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_subfolder_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    _write(locked / "a.txt", "Police dispersed protesters.")
    locked.chmod(0)
    try:
        errors = _errors(list(read_paths([tmp_path])))
    finally:
        locked.chmod(0o755)
    assert "cannot read folder" in errors[str(locked)]
