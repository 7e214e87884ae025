"""Alias normalisation: spellings of one name meet on one key; case rules keep words out."""

from __future__ import annotations

import pytest

from flashpoint.actors.normalize import EXACT, PROPER, alias_key, plurals, skeleton, tokenize


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Kata’ib Hezbollah", "Kataib Hezbollah"),
        ("Kata'ib Hezbollah", "KATAIB HEZBOLLAH"),
        ("Asaib Ahl al-Haq", "Asa'ib Ahl Al Haq"),
        ("al-Qaeda", "Al Qaeda"),
        ("Qais al-Khazali", "Qais Khazali"),
        ("Abdul-Mahdi", "Abdul Mahdi"),
        ("Médecins Sans Frontières", "Medecins Sans Frontieres"),
        ("U.S.", "US"),
        ("Erdoğan", "Erdogan"),
        ("Hay'at Tahrir al-Sham", "Hayat Tahrir al Sham"),
        ("Shi’ite", "Shiite"),
        ("the Pentagon", "Pentagon"),
    ],
)
def test_spelling_variants_share_one_key(left: str, right: str) -> None:
    assert alias_key(left)[0] == alias_key(right)[0]


def test_possessive_s_is_dropped_with_offsets_kept() -> None:
    text = "Iran’s leaders"
    tokens = tokenize(text)
    assert [token.norm for token in tokens] == ["iran", "leaders"]
    assert text[tokens[0].start : tokens[0].end] == "Iran"


@pytest.mark.parametrize(
    ("alias", "modes"),
    [
        ("PMF", (f"{EXACT}:PMF",)),
        ("LeT", (f"{EXACT}:LeT",)),
        ("Pompeo", (PROPER,)),
        ("US Army", (f"{EXACT}:US", "any")),
        ("Kataib Hezbollah", ("any", "any")),
    ],
)
def test_case_rules_follow_how_the_alias_is_written(alias: str, modes: tuple) -> None:
    assert alias_key(alias)[1] == modes


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("hezbollah", "hizballah"),
        ("hezbollah", "hizbullah"),
        ("soleimani", "suleimani"),
        ("muhandis", "mohandes"),
        ("khazali", "khizali"),
    ],
)
def test_transliterations_share_a_consonant_skeleton(left: str, right: str) -> None:
    assert skeleton((left,)) == skeleton((right,))


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("militia", ["militias"]),
        ("Iraqi", ["Iraqis"]),
        ("Chinese", []),
        ("security force", ["security forces"]),
        ("militiaman", ["militiamen"]),
        ("police", []),
        ("authority", ["authorities"]),
    ],
)
def test_plural_forms(word: str, expected: list[str]) -> None:
    assert plurals(word) == expected
