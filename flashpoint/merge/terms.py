"""Key words around an event's trigger, weighted by rarity, to compare how two mentions are told.

Reports of one event name the same things near the verb ("rockets ... K-1 base ... Kirkuk",
"missile ... Kramatorsk station"); reports of different events in one region share only the
common words, which the inverse document frequency over the batch being merged weighs down.
Function words, reporting verbs and calendar words (dates are compared separately) are dropped
(`data/merge/ignored_words.yaml`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from ..model import Event
from ..tables import load_yaml

_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
IGNORED_PATH = Path(__file__).resolve().parent.parent / "data" / "merge" / "ignored_words.yaml"


@cache
def ignored_words() -> frozenset[str]:
    data = load_yaml(IGNORED_PATH) or {}
    # Folded as the text's words are, so that "says" and "said" meet their entries.
    words = {str(word).lower() for group in data.values() for word in group or ()}
    return frozenset(words | {fold(word) for word in words})


def fold(word: str) -> str:
    """A light suffix fold so "killed", "killing" and "kills" meet, and "rockets" "rocket"."""
    word = word.lower().removesuffix("'s")
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "ls":
        word = word[:-1]
    return word


def key_terms(event: Event, window: int) -> frozenset[str]:
    """Content words within `window` words of the trigger (the whole sentence without one)."""
    text = event.evidence.text
    tokens = list(_TOKEN.finditer(text))
    if event.evidence.trigger_start is not None:
        offset = event.evidence.trigger_start - event.evidence.start
        centre = next(
            (index for index, match in enumerate(tokens) if match.end() > offset), len(tokens)
        )
        tokens = tokens[max(0, centre - window) : centre + window + 1]
    skip = ignored_words()
    terms = {fold(match.group()) for match in tokens}
    # Bare numbers are mostly dateline days and years; casualty counts are compared on their own.
    return frozenset(
        term for term in terms if len(term) > 1 and not term.isdigit() and term not in skip
    )


def weigh(term_sets: Sequence[frozenset[str]]) -> list[dict[str, float]]:
    """Each mention's terms with a smoothed inverse document frequency over the batch."""
    frequency = Counter(term for terms in term_sets for term in terms)
    total = len(term_sets)
    return [
        {term: math.log((1 + total) / (1 + frequency[term])) + 1.0 for term in terms}
        for terms in term_sets
    ]


def overlap(first: dict[str, float], second: dict[str, float], floor: float = 0.0) -> float:
    """Weighted overlap coefficient in [0, 1]: the shared weight over the lighter side's weight,
    that weight taken as at least `floor` so that one shared word between two terse mentions
    does not count as full agreement."""
    if not first or not second:
        return 0.0
    shared = sum(weight for term, weight in first.items() if term in second)
    return shared / max(min(sum(first.values()), sum(second.values())), floor, 1e-9)
