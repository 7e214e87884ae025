"""Lexicon, ontology tables and number words: the data-driven parts of the coder."""

from __future__ import annotations

import pytest

from flashpoint.events.casualties import words_to_int
from flashpoint.events.lexicon import BLOCKED, inflections, load_lexicon, parse_entry
from flashpoint.events.ontology import (
    acled_to_plover,
    cameo_to_plover,
    plover_to_acled,
    threat_mode,
    type_modes,
)
from flashpoint.exceptions import KnowledgeBaseError
from flashpoint.model import PLOVER_TYPES


def test_entry_strings_parse_into_type_mode_cameo_and_context():
    entry = parse_entry("ASSAULT:aerial 195 military", "test")
    assert (entry.type, entry.mode, entry.cameo, entry.context) == (
        "ASSAULT",
        "aerial",
        "195",
        ("military",),
    )
    assert parse_entry("-", "test") is BLOCKED


@pytest.mark.parametrize("text", ["ATTACK 190", "ASSAULT:walking 190", "PROTEST:aerial"])
def test_bad_entries_name_the_problem(text):
    with pytest.raises(KnowledgeBaseError, match="lexicon.yaml"):
        parse_entry(text, "verbs.example")


def test_every_lexicon_entry_uses_plover_types_and_their_modes():
    lexicon = load_lexicon()
    modes = type_modes()
    assert set(modes) == set(PLOVER_TYPES)
    entries = [*lexicon.verbs.values(), *lexicon.nouns.values()]
    entries += [e for table in lexicon.phrases.values() for e in table.values()]
    entries += [e for table in lexicon.compounds.values() for e in table.values()]
    for entry in entries:
        if entry is BLOCKED:
            continue
        assert entry.type in PLOVER_TYPES
        assert entry.mode is None or entry.mode in modes[entry.type]
    for event_type, cues in lexicon.mode_cues.items():
        assert set(cues.values()) <= set(modes[event_type])


def test_all_sixteen_types_have_hand_written_triggers():
    lexicon = load_lexicon()
    hand = {e.type for e in [*lexicon.verbs.values(), *lexicon.nouns.values()] if e.weight >= 0.7}
    assert hand >= set(PLOVER_TYPES)


@pytest.mark.parametrize(
    ("lemma", "form"),
    [("stage", "staged"), ("rape", "raped"), ("shell", "shelling"), ("ally", "allied"),
     ("bomb", "bombs"), ("ban", "banned")],
)  # fmt: skip
def test_inflections_recover_forms_the_lemmatizer_misses(lemma, form):
    assert form in inflections(lemma)


@pytest.mark.parametrize(
    ("words", "number"),
    [
        (["five"], 5),
        (["24"], 24),
        (["1,200"], 1200),
        (["at", "least", "17"], 17),
        (["around", "62"], 62),
        (["two", "dozen"], 24),
        (["forty-five"], 45),
        (["three", "hundred"], 300),
        (["dozens"], None),
        (["several"], None),
        (["hundreds"], None),
    ],
)
def test_number_words(words, number):
    assert words_to_int(words) == number


@pytest.mark.parametrize(
    ("code", "event_type", "mode"),
    [
        ("1951", "ASSAULT", "aerial"),
        ("1952", "ASSAULT", "drone"),
        ("0874", "RETREAT", "withdraw"),
        ("112", "ACCUSE", "allege"),
        ("173", "COERCE", "arrest"),
        ("042", "CONSULT", "visit"),
    ],
)
def test_cameo_codes_map_to_plover(code, event_type, mode):
    reading = cameo_to_plover(code)
    assert (reading.type, reading.mode) == (event_type, mode)


def test_neutral_cameo_statements_have_no_plover_event():
    assert cameo_to_plover("010") is None


def test_acled_classes_round_trip_through_plover():
    for name, reading in acled_to_plover().items():
        if reading.type is None:
            continue
        context = (reading.context,) if reading.context else ()
        back = plover_to_acled(reading.type, reading.mode, context)
        assert back is not None, name


def test_threat_modes_follow_what_is_threatened():
    assert threat_mode("ASSAULT", None) == "violence"
    assert threat_mode("COERCE", "arrest") == "arrest"
    assert threat_mode("SANCTION", "discontinue") == "relations"
    assert threat_mode("AGREE", None) is None


@pytest.mark.parametrize(
    ("reading", "trigger", "sentence", "sector", "expected"),
    [
        (
            ("MOBILIZE", "troops"),
            "deployed",
            "The army deployed troops.",
            "MIL",
            "CHANGE_TO_GROUP_ACT",
        ),
        (
            ("MOBILIZE", "troops"),
            "set up a new base",
            "Troops set up a new base.",
            "MIL",
            "HQ_ESTABLISHED",
        ),
        (("ASSAULT", "explosives"), "attack", "A grenade attack hit the market.", None, "GRENADE"),
        (
            ("ASSAULT", "explosives"),
            "blast",
            "A roadside blast hit the convoy.",
            None,
            "REM_EXPLOS",
        ),
        (
            ("ASSAULT", None),
            "seized",
            "Rebels seized the town.",
            "REB",
            "NON_STATE_ACTOR_OVERTAKES_TER",
        ),
        (("ASSAULT", None), "retook", "The army retook the town.", "MIL", "GOV_REGAINS_TERIT"),
    ],
)
def test_acled_class_narrows_by_trigger_sentence_and_actor(
    reading, trigger, sentence, sector, expected
):
    from flashpoint.events.ontology import acled_class

    event_type, mode = reading
    context = ("territory",) if trigger in ("seized", "retook") else ()
    assert acled_class(event_type, mode, context, trigger, sentence, sector) == expected


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("Jordan hosts thousands of US troops.", []),
        ("Bases hosting American soldiers were hit by rockets.", ["ASSAULT"]),
        ("Qatar hosted talks between the two sides on Monday.", ["CONSULT"]),
    ],
)
def test_hosting_forces_is_no_visit_but_hosting_talks_is(text, types):
    from flashpoint import extract

    found = [event.event_type for event in extract(text, "2020-01-06")]
    assert sorted(set(found)) == types
