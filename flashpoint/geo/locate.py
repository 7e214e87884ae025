"""Choose where an event happened, among the places its sentence (or its article) mentions.

In the sentence: a place reached from the trigger through a locative preposition ("killed ... near
Kirkuk", "deployed to Kuwait") wins; an origin ("troops from Fort Bragg") or a place that only
modifies a noun ("Iraq's parliament") loses; among equals the more specific and the earlier one
wins ("strikes on outposts in Syria and Iraq" -> Syria). Without a place in the sentence the
article's focus stands in (its most-mentioned specific place), with a lower confidence.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from ..model import Place
from .component import CONFIDENCE_KEY, SPAN_KEY

LOCATIVE = {
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "on",
    "around",
    "across",
    "throughout",
    "into",
    "to",
    "toward",
    "towards",
    "within",
    "by",
    "over",
    "off",
    "north",
    "south",
    "east",
    "west",
}
ORIGIN = {"from", "of"}
SPECIFICITY = {
    "facility": 3.0,
    "base": 3.0,
    "airport": 3.0,
    "city": 2.5,
    "admin2": 2.0,
    "admin1": 1.5,
    "region": 1.0,
    "country": 1.0,
    "water": 0.5,
    "continent": 0.0,
}
FOCUS_CONFIDENCE = 0.35


def _places(doc: Doc) -> list[Span]:
    return list(doc.spans[SPAN_KEY]) if SPAN_KEY in doc.spans else []


def _preposition(span: Span) -> Token | None:
    """The preposition that governs the place, climbing through coordination ("in Syria and Iraq")
    and compound heads ("the Kirkuk base")."""
    token = span.root
    for _ in range(4):
        head = token.head
        if head is token:
            return None
        if token.dep_ == "pobj" and head.pos_ == "ADP":
            return head
        if token.dep_ in ("conj", "compound", "appos", "nmod") or head.pos_ in ("PROPN", "NOUN"):
            token = head
            continue
        return None
    return None


def _target(span: Span, trigger: Token) -> bool:
    """The place is what the trigger acts on ("hit Ain al-Asad air base", "Kirkuk was shelled")."""
    token = span.root
    for _ in range(4):
        if token.dep_ in ("dobj", "nsubjpass", "obj") and token.head == trigger:
            return True
        if token.dep_ not in ("compound", "conj", "appos", "nmod", "amod") or token.head is token:
            return False
        token = token.head
    return False


def _governs(trigger: Token, token: Token) -> bool:
    """Whether `token` hangs from the trigger's clause (its subtree or its head's)."""
    return token in trigger.subtree or (
        trigger.head is not trigger and token in trigger.head.subtree
    )


def _score(span: Span, trigger: Token) -> float:
    place: Place = span._.fp_place
    score = SPECIFICITY.get(place.feature or "", 1.0)
    preposition = _preposition(span)
    if preposition is not None:
        word = preposition.lower_
        if word in LOCATIVE:
            score += 3.0 if _governs(trigger, preposition) else 1.5
        elif word in ORIGIN:
            score -= 2.5
    elif _target(span, trigger):
        score += 3.0
    elif span.root.dep_ == "poss" or (
        span.end < len(span.doc) and span.doc[span.end].tag_ == "POS"
    ):
        score -= 1.0
    # Closer to the trigger is likelier to be the event's place.
    gap = abs(span.root.i - trigger.i)
    return score - min(gap, 30) * 0.03


def focus_location(doc: Doc) -> tuple[Place, float] | None:
    """The article's main place: its most-mentioned specific place, else its first place."""
    spans = _places(doc)
    if not spans:
        return None
    counts: Counter = Counter()
    first: dict[tuple, Span] = {}
    for span in spans:
        place = span._.fp_place
        key = (place.name, place.country, place.feature)
        counts[key] += 1
        first.setdefault(key, span)

    def rank(key: tuple) -> tuple:
        specific = SPECIFICITY.get(key[2] or "", 1.0) >= 1.5
        return (specific, counts[key], -first[key].start)

    best = max(counts, key=rank)
    place = first[best]._.fp_place
    confidence = FOCUS_CONFIDENCE if rank(best)[0] else FOCUS_CONFIDENCE - 0.1
    return place, confidence


def event_location(doc: Doc, sentence: Span, trigger: Token) -> tuple[Place, float] | None:
    """(place, confidence) for the event triggered by `trigger` in `sentence`, or None."""
    in_sentence = [
        span for span in _places(doc) if span.start >= sentence.start and span.end <= sentence.end
    ]
    if not in_sentence:
        return focus_location(doc)
    scored = sorted(
        ((_score(span, trigger), -span.start, span) for span in in_sentence),
        key=lambda item: (item[0], item[1]),
        reverse=True,
    )
    best_score, _, best = scored[0]
    margin = best_score - scored[1][0] if len(scored) > 1 else 2.0
    resolved = doc.user_data.get(CONFIDENCE_KEY, {}).get((best.start, best.end), 0.8)
    confidence = (0.6 + 0.1 * min(margin, 3.0)) * resolved
    if best_score < SPECIFICITY.get(best._.fp_place.feature or "", 1.0) - 1.0:
        confidence *= 0.7  # every place here reads as an origin or an owner, not a setting
    return best._.fp_place, round(min(confidence, 0.95), 3)
