"""Knowledge base: loading, validation with clear errors, dated roles, overlays."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from flashpoint.actors import kb as kb_module
from flashpoint.actors.kb import get_kb
from flashpoint.exceptions import KnowledgeBaseError


def test_kb_has_countries_orgs_and_people() -> None:
    kb = get_kb()
    types = {entry.type for entry in kb.entries.values()}
    assert {"country", "org", "igo", "state", "person"} <= types
    curated_orgs = [
        entry
        for entry in kb.entries.values()
        if entry.type in ("org", "igo", "state") and entry.source == "curated"
    ]
    assert len(curated_orgs) >= 150
    assert sum(entry.type in ("org", "igo", "state") for entry in kb.entries.values()) >= 400
    assert len(kb.country_names) >= 190


def test_every_entry_has_a_unique_stable_id() -> None:
    kb = get_kb()
    assert all(entry_id == entry.id for entry_id, entry in kb.entries.items())
    assert kb.get("org/kataib-hezbollah").name == "Kataib Hezbollah"


def test_relations_carry_dates() -> None:
    entry = get_kb().get("org/kataib-hezbollah")
    designation = entry.relations["designated_by"][0]
    assert designation.target == "USA" and designation.since == date(2009, 7, 2)
    assert entry.relations["part_of"][0].target == "org/popular-mobilization-forces"


@pytest.mark.parametrize(
    ("role", "country", "on", "expected"),
    [
        ("foreign_minister", "USA", date(2019, 6, 1), "person/mike-pompeo"),
        ("foreign_minister", "USA", date(2015, 6, 1), "person/john-kerry"),
        ("defence_minister", "USA", date(2020, 1, 2), "person/mark-esper"),
        ("defence_minister", "USA", date(2021, 6, 1), "person/lloyd-austin"),
        ("head_of_government", "IRQ", date(2020, 1, 5), "person/adel-abdul-mahdi"),
        ("head_of_government", "IRQ", date(2021, 1, 5), "person/mustafa-al-kadhimi"),
        ("supreme_leader", "IRN", date(2020, 1, 5), "person/ali-khamenei"),
    ],
)
def test_office_holders_by_date(role: str, country: str, on: date, expected: str) -> None:
    holders = get_kb().holders(role, country, on)
    assert holders and holders[0].id == expected


def test_a_leaders_country_and_sector_come_from_the_organisation() -> None:
    kb = get_kb()
    assert kb.state_at(kb.get("person/qais-al-khazali"), date(2019, 12, 1)) == ("IRQ", "REB")
    assert kb.state_at(kb.get("person/mike-pompeo"), date(2017, 6, 1)) == ("USA", "SPY")


def test_kb_is_built_once_then_read_from_its_cache(monkeypatch) -> None:
    from flashpoint.actors import cache
    from flashpoint.actors import kb as kb_module

    cache.load.cache_clear()
    cache.load()  # builds and stores the pickle for this environment if it is missing or stale
    cache.load.cache_clear()

    def no_rebuild(*args, **kwargs):
        raise AssertionError("the knowledge base was rebuilt although its cache is fresh")

    monkeypatch.setattr(kb_module, "build", no_rebuild)
    try:
        kb, index = cache.load()
    finally:
        cache.load.cache_clear()
    assert kb.get("org/hezbollah") is not None and index.find("Hezbollah")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "extra.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- {id: org/x, country: IRQ}\n", "entry org/x: missing 'name'"),
        ("- {id: org/x, name: X, country: XYZ}\n", "entry org/x: unknown country 'XYZ'"),
        ("- {id: org/x, name: X, sector: ABC}\n", "entry org/x: unknown sector 'ABC'"),
        ("- {id: org/x, name: X, type: planet}\n", "entry org/x: unknown type 'planet'"),
        ("- {id: org/x, name: X, part_of: [{id: org/y, since: someday}]}\n", "bad date"),
        ("- {id: org/x, name: X, aliases: oops}\n", "aliases must be a list"),
        ("{id: org/x}\n", "expected a list of entries"),
        ("- {id: org/x, name: X}\n- {id: org/x, name: Y}\n", "entry org/x: id used twice"),
        ("- [unclosed\n", "cannot read YAML"),
    ],
)
def test_invalid_files_raise_errors_naming_file_and_entry(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path, text)
    kb = get_kb()
    with pytest.raises(KnowledgeBaseError) as raised:
        entries = kb_module.parse_entries(kb_module.read_yaml(path), str(path))
        kb_module.check(entries, str(path), set(kb.country_names), set(kb.sector_labels))
    assert str(path) in str(raised.value)
    assert message in str(raised.value)


def test_overlay_entries_join_and_override_the_kb(tmp_path: Path) -> None:
    write(
        tmp_path,
        "- {id: org/kataib-hezbollah, name: Kataib Hezbollah, country: IRQ, sector: MIL}\n"
        "- {id: org/river-guard, name: River Guard Militia, country: COL, sector: REB}\n",
    )
    kb = kb_module.build([tmp_path])
    assert kb.get("org/river-guard").source == "overlay:extra.yaml"
    assert kb.get("org/kataib-hezbollah").sector == "MIL"


def test_overlay_relations_must_point_at_known_entries(tmp_path: Path) -> None:
    write(tmp_path, "- {id: org/river-guard, name: River Guard, part_of: [{id: org/nowhere}]}\n")
    with pytest.raises(KnowledgeBaseError) as raised:
        kb_module.build([tmp_path])
    assert "extra.yaml" in str(raised.value)
    assert "org/river-guard" in str(raised.value) and "org/nowhere" in str(raised.value)
