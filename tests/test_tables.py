"""YAML tables are parsed once per content: the cache is an accelerator that can never be wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint import tables

TABLE = "words:\n  - shelled\n  - struck\nlimit: 3\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FLASHPOINT_CACHE", str(folder))
    return folder


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "words.yaml"
    path.write_text(TABLE, encoding="utf-8")
    return path


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("table-words-*.pickle"))


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text):
        raise AssertionError("parsed although the cache holds this content")

    monkeypatch.setattr(tables, "parse_yaml", refuse)


def test_second_load_comes_from_the_cache_without_parsing(cache, table, monkeypatch) -> None:
    first = tables.load_yaml(table)
    assert first == {"words": ["shelled", "struck"], "limit": 3}
    assert len(_entries(cache)) == 1
    _no_parsing(monkeypatch)
    assert tables.load_yaml(table) == first


def test_an_edited_file_is_parsed_again_and_replaces_its_entry(cache, table) -> None:
    tables.load_yaml(table)
    [old] = _entries(cache)
    table.write_text(TABLE.replace("limit: 3", "limit: 4"), encoding="utf-8")
    assert tables.load_yaml(table)["limit"] == 4
    [new] = _entries(cache)
    assert new != old


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a pickle at all", b"\x80\x05\x95garbled", None],
    ids=["empty", "text", "truncated", "entry-for-other-content"],
)
def test_a_corrupt_entry_falls_back_to_parsing(cache, table, damage) -> None:
    import pickle

    tables.load_yaml(table)
    [entry] = _entries(cache)
    # None: a well-formed entry whose key is not this content's (a hash clash on the name).
    entry.write_bytes(pickle.dumps(("other", {"limit": 99})) if damage is None else damage)
    assert tables.load_yaml(table)["limit"] == 3
    assert tables.load_yaml(table)["limit"] == 3  # the rewritten entry is good again


def test_an_unwritable_cache_folder_only_costs_the_parse(tmp_path, table, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("FLASHPOINT_CACHE", str(blocker / "cache"))
    assert tables.load_yaml(table)["words"] == ["shelled", "struck"]


def test_a_broken_file_still_raises_what_yaml_raises(cache, tmp_path) -> None:
    import yaml

    broken = tmp_path / "broken.yaml"
    broken.write_text("words: [unclosed\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError):
        tables.load_yaml(broken)
    with pytest.raises(FileNotFoundError):
        tables.load_yaml(tmp_path / "missing.yaml")


def test_two_files_of_one_name_keep_separate_entries(cache, tmp_path) -> None:
    one, two = tmp_path / "a" / "words.yaml", tmp_path / "b" / "words.yaml"
    for path, limit in ((one, 1), (two, 2)):
        path.parent.mkdir()
        path.write_text(f"limit: {limit}\n", encoding="utf-8")
    for _ in range(2):
        assert (tables.load_yaml(one), tables.load_yaml(two)) == ({"limit": 1}, {"limit": 2})
    assert len(_entries(cache)) == 2


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"FLASHPOINT_CACHE": "/x/fp", "XDG_CACHE_HOME": "/x/xdg"}, "/x/fp"),
        ({"XDG_CACHE_HOME": "/x/xdg"}, "/x/xdg/flashpoint"),
        ({"HOME": "/x/home"}, "/x/home/.cache/flashpoint"),
    ],
)
def test_cache_folder_precedence(env, expected, monkeypatch) -> None:
    for name in ("FLASHPOINT_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert tables.cache_dir() == Path(expected)


def test_shipped_tables_load_the_same_from_the_cache_as_parsed(cache) -> None:
    data = Path(tables.__file__).resolve().parent / "data"
    for path in sorted(data.rglob("*.yaml")):
        parsed = tables.parse_yaml(path.read_bytes())
        assert tables.load_yaml(path) == parsed  # miss: parsed and stored
        assert tables.load_yaml(path) == parsed  # hit
