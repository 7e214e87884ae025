"""The curated actor data: breadth, complete codes, and offices that never have two holders."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.actors.kb import get_kb


def curated(kind: str) -> list:
    return [
        entry
        for entry in get_kb().entries.values()
        if entry.source == "curated"
        and (entry.type == "person") == (kind == "person")
        and entry.type != "country"
    ]


def test_the_curated_data_covers_hundreds_of_organisations_and_people() -> None:
    assert len(curated("org")) >= 400
    assert len(curated("person")) >= 250


def test_every_curated_organisation_has_a_country_and_a_sector() -> None:
    missing = [entry.id for entry in curated("org") if not (entry.country and entry.sector)]
    assert missing == []


def test_every_office_a_person_holds_in_a_country_has_a_start_date() -> None:
    undated = [
        (entry.id, role.role)
        for entry in curated("person")
        for role in entry.roles
        if role.role and role.country and role.since is None
    ]
    assert undated == []


def test_no_office_has_two_holders_at_once() -> None:
    terms: dict[tuple[str, str], list[tuple[date, date, str]]] = {}
    for entry in curated("person"):
        for role in entry.roles:
            if role.role and role.country:
                term = (role.since or date.min, role.until or date.max, entry.id)
                terms.setdefault((role.role, role.country), []).append(term)
    clashes = []
    for office, held in terms.items():
        held.sort()
        for before, after in zip(held, held[1:], strict=False):
            if after[0] < before[1] and before[2] != after[2]:
                clashes.append((office, before[2], after[2]))
    assert clashes == []


@pytest.mark.parametrize(
    ("role", "country", "on", "entry_id"),
    [
        ("defence_minister", "UKR", date(2022, 6, 1), "person/oleksii-reznikov"),
        ("defence_minister", "UKR", date(2024, 6, 1), "person/rustem-umerov"),
        ("defence_minister", "UKR", date(2025, 9, 1), "person/denys-shmyhal"),
        ("military_chief", "ISR", date(2024, 1, 1), "person/herzi-halevi"),
        ("head_of_state", "LBN", date(2025, 6, 1), "person/joseph-aoun"),
        ("head_of_state", "BFA", date(2023, 1, 1), "person/ibrahim-traore"),
        ("foreign_minister", "GBR", date(2024, 1, 1), "person/david-cameron"),
        ("head_of_government", "PAK", date(2023, 10, 1), None),
    ],
)
def test_office_holders_by_date(role: str, country: str, on: date, entry_id) -> None:
    holders = [entry.id for entry in get_kb().holders(role, country, on)]
    assert holders[:1] == ([entry_id] if entry_id else [])
