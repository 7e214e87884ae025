"""Choose where an event happened, among the places its sentence (or its article) mentions.

In the sentence: a place reached from the trigger through a locative preposition ("killed ... near
Kirkuk", "deployed to Kuwait") wins; an origin ("troops from Fort Bragg") or a place that only
modifies a noun ("Iraq's parliament") loses; among equals the more specific and the earlier one
wins ("strikes on outposts in Syria and Iraq" -> Syria). Without a place in the sentence the
article's focus stands in (its most-mentioned specific place), with a lower confidence.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from spacy.tokens import Doc, Span, Token

from ..model import Place
from ..nlp.extensions import doc_layout
from ..timex.anchor import in_other_cause, recalled_phrase, sequenced_phrase
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
# Nouns that "of" joins to a place name without making it an origin ("the city of Kirkuk").
PLACE_NOUNS = {
    "city",
    "town",
    "village",
    "province",
    "governorate",
    "region",
    "district",
    "area",
    "outskirts",
    "suburbs",
    "suburb",
    "capital",
    "port",
    "center",
    "centre",
    "south",
    "north",
    "east",
    "west",
}
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
DATELINE_PENALTY = 2.0
# A dateline alone says where the story was filed, which is often but not always the event's place.
DATELINE_CONFIDENCE = 0.8


def _places(doc: Doc) -> list[Span]:
    return list(doc.spans[SPAN_KEY]) if SPAN_KEY in doc.spans else []


class _Index:
    """A document's places in text order and its focus, worked out once per document rather
    than once per event: both would otherwise grow with the square of the article's length."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc  # held, so that no other document can take its id while cached
        self.group = doc.spans.get(SPAN_KEY)
        self.spans = sorted(_places(doc), key=lambda span: (span.start, span.end))
        self.starts = [span.start for span in self.spans]
        self.focus: tuple[Place, float] | None | bool = False  # False: not worked out yet

    def fits(self, doc: Doc) -> bool:
        group = doc.spans.get(SPAN_KEY)
        return self.doc is doc and self.group is group and len(self.spans) == len(group or ())

    def within(self, start: int, end: int) -> list[Span]:
        found = []
        for span in self.spans[bisect_left(self.starts, start) :]:
            if span.start >= end:
                break
            if span.end <= end:
                found.append(span)
        return found


_INDEX: list[_Index] = []


def _index(doc: Doc) -> _Index:
    if not _INDEX or not _INDEX[0].fits(doc):
        _INDEX[:] = [_Index(doc)]
    return _INDEX[0]


def _preposition(span: Span) -> Token | None:
    """The preposition that governs the place, climbing through coordination ("in Syria and Iraq")
    and compound heads ("the Kirkuk base")."""
    token = span.root
    for _ in range(6):
        head = token.head
        if head is token:
            return None
        if token.dep_ == "pobj" and head.pos_ == "ADP":
            if head.lower_ == "of" and head.head.lower_ in PLACE_NOUNS:
                token = head.head  # "near the city of Kirkuk": the city is the setting
                continue
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
    if _is_dateline(span):
        # Where the reporter filed from; a place the event's own words name is better evidence.
        score -= DATELINE_PENALTY
    # Closer to the trigger is likelier to be the event's place.
    gap = abs(span.root.i - trigger.i)
    return score - min(gap, 30) * 0.03


def _is_dateline(span: Span) -> bool:
    """ "BAGHDAD (Reuters) -" or "WASHINGTON —": where the reporter filed from. A name in capitals
    among the first words counts too: a dateline whose dash was lost with the page's layout
    ("WASHINGTON Barack Obama pardoned ..."), or an abbreviation ("Three US servicemen were
    killed ...") that names a party far more often than the setting."""
    if span.start <= 2 and span.text.isupper():
        return True
    return doc_layout(span.doc).in_dateline_place(span.start_char, span.end_char)


def _setting_weight(span: Span) -> float:
    """How much a mention says "this happened here": "in Baghdad" much, "US forces" (a
    modifier naming an actor) or a dateline little."""
    if _is_dateline(span):
        return 0.5
    preposition = _preposition(span)
    if preposition is not None and preposition.lower_ in LOCATIVE:
        return 1.5
    if _actor_like(span):
        return 0.25
    return 1.0


# Prepositions whose object is a party opposed or dealt with, not a setting ("sanctions against
# Moscow", "talks with Kyiv").
PARTY_PREPS = {"against", "with"}


def _party(span: Span) -> bool:
    """A place that can only be read as a party: the object of "against" or "with", or a town
    acting as the subject of a verb (towns are hit, "Kharkiv was shelled"; governments act)."""
    preposition = _preposition(span)
    if preposition is not None and preposition.lower_ in PARTY_PREPS:
        return True
    if span._.fp_place.feature in ("country", "region") or _is_dateline(span):
        return False
    return span.root.dep_ == "nsubj" and span.root.head.pos_ in ("VERB", "AUX")


def _names_doer(span: Span, trigger: Token) -> bool:
    return span.end == trigger.i and span._.fp_place.feature in ("country", "region")


def _actor_like(span: Span) -> bool:
    """Whether the place names a party, not a setting: "US forces", "Iraq's parliament", "Iran
    warned", "sanctions against Moscow", "Tehran had chosen". Countries and regions act as
    parties in many roles; a city only as the active subject of a verb or the object of a party
    preposition (a capital standing for its government); "Ain al-Asad air base" is a setting."""
    if _party(span):
        return True
    if span._.fp_place.feature not in ("country", "region"):
        return False
    if span.root.dep_ in ("compound", "amod", "poss", "nmod", "nsubj"):
        return True
    return span.end < len(span.doc) and span.doc[span.end].tag_ == "POS"


def focus_location(doc: Doc) -> tuple[Place, float] | None:
    """The article's main place: the most-mentioned country (its towns count for it), then the
    most-mentioned specific place in that country, else the country itself."""
    index = _index(doc)
    if index.focus is False:
        index.focus = _focus(_places(doc))
    return index.focus  # type: ignore[return-value]


def _focus(places: list[Span]) -> tuple[Place, float] | None:
    # "Sanctions against Moscow" says nothing of where the story happens.
    spans = [span for span in places if not _party(span)]
    if not spans:
        return None
    by_country: Counter = Counter()
    counts: Counter = Counter()
    first: dict[tuple, Span] = {}
    for span in spans:
        place = span._.fp_place
        weight = _setting_weight(span)
        by_country[place.country] += weight
        key = (place.name, place.country, place.feature)
        counts[key] += weight
        first.setdefault(key, span)
    country = max(by_country, key=lambda code: (by_country[code], code is not None))

    def rank(key: tuple) -> tuple:
        specific = SPECIFICITY.get(key[2] or "", 1.0) >= 1.5
        return (key[1] == country, specific, counts[key], -first[key].start)

    best = max(counts, key=rank)
    specific = rank(best)[1]
    return first[best]._.fp_place, FOCUS_CONFIDENCE if specific else FOCUS_CONFIDENCE - 0.1


def event_location(doc: Doc, sentence: Span, trigger: Token) -> tuple[Place, float] | None:
    """(place, confidence) for the event triggered by `trigger` in `sentence`, or None."""
    in_sentence = [
        span for span in _index(doc).within(sentence.start, sentence.end) if not _party(span)
    ]
    # "the US airstrikes", "Russian shelling": a country right before the trigger says who
    # acted, whatever the parser made of it (a city there is the setting: "the Kabul bombing")
    in_sentence = [span for span in in_sentence if not _names_doer(span, trigger)]
    other = sequenced_phrase(trigger)
    if other is not None:
        # "The protests followed the capture of Goma": Goma is where the other event happened.
        low, high = other.left_edge.i, other.right_edge.i
        in_sentence = [span for span in in_sentence if not low <= span.start <= high]
    recalled = recalled_phrase(trigger)
    if recalled is None:
        # "described the airstrikes as retaliation for the attack on the K-1 base": the base is
        # where the recalled attack happened, not the airstrikes
        own = [span for span in in_sentence if not in_other_cause(span.start, trigger)]
        if in_sentence and not own:
            focus = focus_location(doc)
            others = {span._.fp_place.name for span in in_sentence}
            return None if focus is None or focus[0].name in others else focus
        in_sentence = own
    if recalled is not None:
        # An event the sentence recalls ("in retaliation for the killing of ...", "condemned the
        # bombing") did not happen where the reported act did: only its own phrase says where.
        low, high = recalled.phrase.left_edge.i, recalled.phrase.right_edge.i
        # A party inside it ("over the US airstrikes") names who acted, not where.
        in_sentence = [
            span
            for span in in_sentence
            if low <= span.start and span.end - 1 <= high and not _actor_like(span)
        ]
        if not in_sentence:
            # A cause ("for", "to avenge") is an older event than the article's story, so its
            # focus does not apply either; an event reacted to is mostly the story itself.
            return None if recalled.cause else focus_location(doc)
    # A sentence whose places all name parties ("The United States killed ...") says nothing
    # of where: the article's focus is the better guess.
    settings = [span for span in in_sentence if not _actor_like(span)]
    if not settings:
        focus = focus_location(doc)
        if focus is not None or not in_sentence:
            return focus
    scored = sorted(
        ((_score(span, trigger), -span.start, span) for span in in_sentence),
        key=lambda item: (item[0], item[1]),
        reverse=True,
    )
    best_score, _, best = scored[0]
    margin = best_score - scored[1][0] if len(scored) > 1 else 2.0
    resolved = doc.user_data.get(CONFIDENCE_KEY, {}).get((best.start, best.end), 0.8)
    confidence = (0.6 + 0.1 * min(margin, 3.0)) * resolved
    if _is_dateline(best):
        confidence *= DATELINE_CONFIDENCE
    elif best_score < SPECIFICITY.get(best._.fp_place.feature or "", 1.0) - 1.0:
        confidence *= 0.7  # every place here reads as an origin or an owner, not a setting
    return best._.fp_place, round(min(confidence, 0.95), 3)
