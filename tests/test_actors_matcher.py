"""Matching KB names in text: variants, case rules, fuzzy transliterations, no false hits."""

from __future__ import annotations

import pytest

from flashpoint.actors.matcher import find


def entity_ids(text: str) -> list[str]:
    return [ref[1] for match in find(text) for ref in match.refs if ref[0] == "entity"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fighters of Kata’ib Hezbollah gathered.", "org/kataib-hezbollah"),
        ("Kataeb Hezbollah issued a statement.", "org/kataib-hezbollah"),
        ("Hizballah fired rockets.", "org/hezbollah"),
        ("Hizbullah fired rockets.", "org/hezbollah"),
        ("The Hashd al-Shaabi deployed.", "org/popular-mobilization-forces"),
        ("PMU units deployed.", "org/popular-mobilization-forces"),
        ("Ansarullah claimed the attack.", "org/houthis"),
        ("Da'esh lost ground.", "org/islamic-state"),
        ("Al-Qa'ida released a video.", "org/al-qaeda"),
        ("IRGC-Quds Force officers met.", "org/quds-force"),
        ("Qais al-Khizali spoke.", "person/qais-al-khazali"),
        ("Qassim Suleimani arrived.", "person/qassem-soleimani"),
        ("Abu Mahdi al-Mohandes was killed.", "person/abu-mahdi-al-muhandis"),
        ("The U.S. responded.", "country/USA"),
        ("Médecins Sans Frontières evacuated staff.", "org/msf"),
        ("Kofi Annan visited Baghdad.", "px/kofi-annan"),
    ],
)
def test_name_variants_match_their_entry(text: str, expected: str) -> None:
    assert expected in entity_ids(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Qais al-Khazzali spoke to supporters.", "person/qais-al-khazali"),
        ("Asa'ib Ahl al-Haqq fighters paraded.", "org/asaib-ahl-al-haq"),
        ("Hezbullah denied it.", "org/hezbollah"),
    ],
)
def test_unlisted_transliterations_of_long_names_match_fuzzily(text: str, expected: str) -> None:
    assert expected in entity_ids(text)


ORDINARY_TEXT = (
    "We bought a turkey for dinner. The band played in the park on Monday. She said the amnesty "
    "applied to everyone. Security was tight at the stadium. The forces of nature are strong. "
    "The company reported higher profits. The general store sold bread. The party lasted until "
    "midnight. Let us know what you think. The committee will meet next week. The state of the "
    "roads is bad. The movement of goods slowed at the port. The union of two rivers forms a lake. "
    "The national army of volunteers cleaned the beach. Every day is a gift. The red sea of "
    "umbrellas moved on. The islamic art exhibit opened. Al said hello to the base of the hill. "
    "Free trade helps. The attack on the problem began. The region was quiet. He is a patriot."
)


def test_ordinary_words_never_become_named_actors() -> None:
    assert entity_ids(ORDINARY_TEXT) == []


@pytest.mark.parametrize("word", ["us", "Let", "Is", "Amal", "Wagner"])
def test_acronyms_and_short_names_need_their_written_case(word: str) -> None:
    lowered = f"tell {word.lower()} more about the plan"
    assert entity_ids(lowered) == []


def test_a_long_document_has_every_mention_matched() -> None:
    # its speed is measured by `flashpoint bench` (share of pipeline time), not asserted here
    text = " ".join([ORDINARY_TEXT, "Kataib Hezbollah attacked the Iraqi army near Baghdad."] * 60)
    matches = find(text)
    assert len([m for m in matches if ("entity", "org/kataib-hezbollah") in m.refs]) == 60
