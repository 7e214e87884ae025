"""The trigger lexicon: verb, noun, phrase and compound entries, indexed by lemma for O(1) lookup.

Two files feed it: `lexicon.yaml` (hand-written, wins) and `lexicon_phoenix.yaml` (derived from the
MIT-licensed Phoenix CAMEO verb dictionary by `flashpoint.events.phoenix`). Phoenix entries carry
CAMEO codes only; they are turned into PLOVER through `cameo_plover.yaml` and get a lower weight,
because its synonym blocks are broad ("add" sits in a cooperation block).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from ..exceptions import KnowledgeBaseError
from ..model import PLOVER_TYPES
from .ontology import DATA_DIR, cameo_to_plover, is_valid_mode, load_data

HAND_WEIGHT = 0.75
PHOENIX_PHRASE_WEIGHT = 0.55
PHOENIX_VERB_WEIGHT = 0.35


@dataclass(frozen=True)
class Entry:
    """What a trigger means: PLOVER type, mode, CAMEO code, contexts, and how much we trust it."""

    type: str
    mode: str | None = None
    cameo: str | None = None
    context: tuple[str, ...] = ()
    weight: float = HAND_WEIGHT


# Marks a word or phrase that must not be read as an event (a "-" value in the lexicon).
BLOCKED = Entry(type="-", weight=0.0)


def parse_entry(text: object, where: str) -> Entry:
    """ "ASSAULT:aerial 195 military" -> Entry; "-" -> BLOCKED."""
    raw = str(text).strip()
    if raw == "-":
        return BLOCKED
    parts = raw.split()
    head, _, mode = parts[0].partition(":")
    if head not in PLOVER_TYPES:
        raise KnowledgeBaseError(str(DATA_DIR / "lexicon.yaml"), f"{where}: unknown type {head!r}")
    if not is_valid_mode(head, mode or None):
        raise KnowledgeBaseError(
            str(DATA_DIR / "lexicon.yaml"), f"{where}: mode {mode!r} is not a {head} mode"
        )
    cameo = next((part for part in parts[1:] if part.isdigit()), None)
    context = tuple(part for part in parts[1:] if not part.isdigit())
    return Entry(head, mode or None, cameo, context)


def _from_cameo(code: str, weight: float) -> Entry | None:
    reading = cameo_to_plover(code)
    if reading is None or reading.type is None:
        return None
    return Entry(reading.type, reading.mode, code, (), weight)


@dataclass
class Lexicon:
    verbs: dict[str, Entry] = field(default_factory=dict)
    nouns: dict[str, Entry] = field(default_factory=dict)
    # verb lemma -> second word -> entry ("fire" -> {"rocket": ...})
    phrases: dict[str, dict[str, Entry]] = field(default_factory=dict)
    # noun lemma -> modifier -> entry ("strike" -> {"air": ...})
    compounds: dict[str, dict[str, Entry]] = field(default_factory=dict)
    mode_cues: dict[str, dict[str, str]] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    responsibility_verbs: frozenset[str] = frozenset()
    reporting_verbs: frozenset[str] = frozenset()
    future_embedders: frozenset[str] = frozenset()
    negation_embedders: frozenset[str] = frozenset()
    future_modals: frozenset[str] = frozenset()
    hypothetical_modals: frozenset[str] = frozenset()
    conditional_marks: frozenset[str] = frozenset()
    negation_words: frozenset[str] = frozenset()
    commitment_verbs: frozenset[str] = frozenset()
    targeted_victims: frozenset[str] = frozenset()
    domestic_sectors: frozenset[str] = frozenset()
    obligation_modals: frozenset[str] = frozenset()
    mode_priority: dict[str, dict[str, int]] = field(default_factory=dict)
    sentence_modes: frozenset[str] = frozenset()
    crowd_nouns: frozenset[str] = frozenset()
    crowd_verbs: frozenset[str] = frozenset()
    riot_verbs: frozenset[str] = frozenset()
    patient_verbs: frozenset[str] = frozenset()
    defiance_verbs: frozenset[str] = frozenset()
    expelled_bodies: frozenset[str] = frozenset()
    # plural noun -> lemma, for nouns the statistical lemmatizer gets wrong ("bases" -> "basis")
    noun_forms: dict[str, str] = field(default_factory=dict)
    readiness_adjectives: frozenset[str] = frozenset()
    willingness_adjectives: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    transitive_only: frozenset[str] = frozenset()
    ultimatum_marks: frozenset[str] = frozenset()
    command_verbs: frozenset[str] = frozenset()
    preparation_verbs: frozenset[str] = frozenset()
    weapon_modes: frozenset[str] = frozenset()
    # trigger type -> word among its arguments -> the entry it becomes
    type_cues: dict[str, dict[str, Entry]] = field(default_factory=dict)
    conflict_types: frozenset[str] = frozenset()

    # inflected form -> lemma, for verbs the statistical lemmatizer gets wrong ("staged" -> "stag")
    forms: dict[str, str] = field(default_factory=dict)

    def lemma(self, token) -> str:
        """The token's lemma, corrected from its surface form when the lexicon knows better."""
        lemma = token.lemma_.lower()
        if lemma in self.verbs or lemma in self.phrases or lemma in self.nouns:
            return lemma
        return self.forms.get(token.lower_, lemma)

    def verb(self, lemma: str) -> Entry | None:
        return self.verbs.get(lemma)

    def phrase(self, lemma: str, second: str) -> Entry | None:
        table = self.phrases.get(lemma)
        return table.get(second) if table else None

    def noun(self, lemma: str) -> Entry | None:
        return self.nouns.get(lemma)

    def compound(self, lemma: str, modifier: str) -> Entry | None:
        table = self.compounds.get(lemma)
        return table.get(modifier) if table else None


VOWELS = frozenset("aeiou")


def inflections(lemma: str) -> set[str]:
    """Regular English verb forms of a lemma: stage -> stages, staged, staging; rap -> rapped."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    else:
        suffix = "es" if lemma.endswith(("s", "x", "z", "ch", "sh")) else "s"
        forms |= {lemma + suffix, lemma + "ed", lemma + "ing"}
        if (
            len(lemma) >= 3
            and lemma[-1] not in VOWELS | {"w", "x", "y"}
            and (lemma[-2] in VOWELS and lemma[-3] not in VOWELS)
        ):
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _pairs(section: dict, name: str) -> dict[str, dict[str, Entry]]:
    table: dict[str, dict[str, Entry]] = {}
    for key, value in (section or {}).items():
        words = str(key).lower().split()
        if len(words) != 2:
            raise KnowledgeBaseError(
                str(DATA_DIR / "lexicon.yaml"), f"{name}: {key!r} must be two words"
            )
        first, second = (words[1], words[0]) if name == "compounds" else (words[0], words[1])
        table.setdefault(first, {})[second] = parse_entry(value, f"{name}.{key}")
    return table


@cache
def load_lexicon() -> Lexicon:
    hand = load_data("lexicon.yaml")
    lexicon = Lexicon()
    lexicon.verbs = {
        str(k).lower(): parse_entry(v, f"verbs.{k}") for k, v in (hand.get("verbs") or {}).items()
    }
    lexicon.nouns = {
        str(k).lower(): parse_entry(v, f"nouns.{k}") for k, v in (hand.get("nouns") or {}).items()
    }
    lexicon.phrases = _pairs(hand.get("phrases"), "phrases")
    lexicon.compounds = _pairs(hand.get("compounds"), "compounds")
    _merge_phoenix(lexicon)
    for lemma in [*lexicon.verbs, *lexicon.phrases, *hand.get("light_verbs", ())]:
        for form in inflections(lemma):
            lexicon.forms.setdefault(form, lemma)
    lexicon.mode_cues = {
        event_type: {str(k).lower(): str(v) for k, v in cues.items()}
        for event_type, cues in (hand.get("mode_cues") or {}).items()
    }
    lexicon.light_verbs = frozenset(hand.get("light_verbs") or ())
    lexicon.responsibility_verbs = frozenset(hand.get("responsibility_verbs") or ())
    lexicon.reporting_verbs = frozenset(hand.get("reporting_verbs") or ())
    embedding = hand.get("embedding") or {}
    lexicon.future_embedders = frozenset(embedding.get("future") or ())
    lexicon.negation_embedders = frozenset(embedding.get("negation") or ())
    modals = hand.get("modals") or {}
    lexicon.future_modals = frozenset(modals.get("future") or ())
    lexicon.hypothetical_modals = frozenset(modals.get("hypothetical") or ())
    lexicon.conditional_marks = frozenset(hand.get("conditional_marks") or ())
    lexicon.negation_words = frozenset(hand.get("negation_words") or ())
    lexicon.commitment_verbs = frozenset(hand.get("commitment_verbs") or ())
    lexicon.targeted_victims = frozenset(hand.get("targeted_victims") or ())
    lexicon.domestic_sectors = frozenset(hand.get("domestic_sectors") or ())
    lexicon.obligation_modals = frozenset(hand.get("obligation_modals") or ())
    lexicon.mode_priority = {
        event_type: {mode: rank for rank, mode in enumerate(modes)}
        for event_type, modes in (hand.get("mode_priority") or {}).items()
    }
    lexicon.sentence_modes = frozenset(hand.get("sentence_modes") or ())
    lexicon.crowd_nouns = frozenset(hand.get("crowd_nouns") or ())
    lexicon.crowd_verbs = frozenset(hand.get("crowd_verbs") or ())
    lexicon.riot_verbs = frozenset(hand.get("riot_verbs") or ())
    lexicon.patient_verbs = frozenset(hand.get("patient_verbs") or ())
    lexicon.defiance_verbs = frozenset(hand.get("defiance_verbs") or ())
    lexicon.expelled_bodies = frozenset(hand.get("expelled_bodies") or ())
    lexicon.noun_forms = {
        str(k).lower(): str(v).lower() for k, v in (hand.get("noun_forms") or {}).items()
    }
    lexicon.readiness_adjectives = frozenset(hand.get("readiness_adjectives") or ())
    lexicon.willingness_adjectives = frozenset(hand.get("willingness_adjectives") or ())
    lexicon.naming_verbs = frozenset(hand.get("naming_verbs") or ())
    lexicon.transitive_only = frozenset(hand.get("transitive_only") or ())
    lexicon.ultimatum_marks = frozenset(hand.get("ultimatum_marks") or ())
    lexicon.command_verbs = frozenset(hand.get("command_verbs") or ())
    lexicon.preparation_verbs = frozenset(hand.get("preparation_verbs") or ())
    lexicon.weapon_modes = frozenset(hand.get("weapon_modes") or ())
    lexicon.type_cues = {
        str(event_type): {
            str(word).lower(): parse_entry(value, f"type_cues.{event_type}.{word}")
            for word, value in (cues or {}).items()
        }
        for event_type, cues in (hand.get("type_cues") or {}).items()
    }
    lexicon.conflict_types = frozenset(hand.get("conflict_types") or ())
    return lexicon


def _merge_phoenix(lexicon: Lexicon) -> None:
    """Add derived entries under the hand-written ones (hand entries and blocks always win)."""
    try:
        phoenix = load_data("lexicon_phoenix.yaml")
    except KnowledgeBaseError:
        return
    for lemma, code in (phoenix.get("verbs") or {}).items():
        if lemma in lexicon.verbs or lemma in lexicon.reporting_verbs:
            continue
        entry = _from_cameo(str(code), PHOENIX_VERB_WEIGHT)
        if entry is not None:
            lexicon.verbs[lemma] = entry
    for key, code in (phoenix.get("phrases") or {}).items():
        verb, _, second = str(key).partition(" ")
        table = lexicon.phrases.setdefault(verb, {})
        if second in table:
            continue
        entry = _from_cameo(str(code), PHOENIX_PHRASE_WEIGHT)
        if entry is not None:
            table[second] = entry
