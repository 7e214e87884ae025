"""Choose when an event happened: the time expression that governs its trigger.

In order: an expression attached to the trigger in the dependency tree ("attacked ... on
Tuesday"); the nearest expression in the same sentence; the nearest one earlier in the
paragraph; the document date as a day. Confidence falls along that order. An event recalled as
the cause of the reported act ("in retaliation for the killing") takes only a date of its own
phrase, never the act's.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from ..model import TimeSpan
from ..nlp.extensions import doc_layout

# Confidence of each way of finding the time.
GOVERNED = 0.9
SAME_SENTENCE = 0.7
SAME_PARAGRAPH = 0.5
DOCUMENT_DATE = 0.3
# How many steps up the tree from an expression to the trigger still count as attached.
MAX_PATH = 3
# Events that ended more than this long before the document date are background, not news.
REPORTING_WINDOW_DAYS = 31
# Expression types that can date an event (a duration only says how long).
DATING = ("DATE", "TIME")


def is_historical(
    span: TimeSpan, published: date | None, window_days: int = REPORTING_WINDOW_DAYS
) -> bool:
    """Whether `span` ends clearly before the document's reporting window ("in 2018" in a
    2019 article), so the event is background: the coder marks it aux "historical"."""
    if published is None:
        return False
    return span.end < published - timedelta(days=window_days)


ORDER_PREPS = frozenset({"after", "before", "following", "since", "until", "ahead"})


def _path_length(span: Span, trigger: Token) -> int | None:
    """Steps from the expression's root up to the trigger, or None if the trigger is not above."""
    token = span.root
    for steps in range(1, MAX_PATH + 1):
        if token.head is token:
            return None
        token = token.head
        if token == trigger:
            return steps
        # Another verb on the way up owns the expression ("said ... would happen next week").
        if token.pos_ in ("VERB", "AUX"):
            return None
    return None


def _in_other_time_phrase(span: Span, trigger: Token) -> bool:
    token = span.root
    for _ in range(MAX_PATH + 4):
        if token.head is token:
            return False
        token = token.head
        if token.lower_ in ORDER_PREPS and token.dep_ in ("prep", "mark"):
            return not (token.left_edge.i <= trigger.i <= token.right_edge.i)
        if token.lemma_.lower() in RESPONSE_NOUNS and any(
            c.dep_ == "prep" and c.lower_ in REASON_PREPS for c in token.children
        ):
            # "described the airstrikes as retaliation for the attack on Friday": the parser
            # hangs the attack's date on the response; the response itself is dated elsewhere
            return not (token.left_edge.i <= trigger.i <= token.right_edge.i)
    return False


def in_other_cause(start: int, trigger: Token) -> bool:
    """True when the token at `start` lies in a phrase that recalls another event as a cause
    ("retaliation for the rocket attack on the K-1 base") which does not hold the trigger."""
    token = trigger.doc[start]
    for _ in range(MAX_PATH + 5):
        if token.head is token:
            return False
        token = token.head
        if (
            token.dep_ == "prep"
            and token.lower_ in REASON_PREPS
            and token.head.lemma_.lower() in RESPONSE_NOUNS
        ):
            return not (token.left_edge.i <= trigger.i <= token.right_edge.i)
    return False


# Prepositions that tie a recalled event to the act a sentence reports: "launched missiles on
# Wednesday in retaliation for the killing", "a protest over the airstrikes".
REASON_PREPS = frozenset({"for", "over", "after", "following", "despite", "amid"})
# Nouns naming an act as the answer to an earlier one: what follows "for" is that earlier event.
RESPONSE_NOUNS = frozenset({"retaliation", "response", "revenge", "reprisal", "reaction"})
# Verbs whose object is an earlier event: one the act avenges (a cause, like "in retaliation
# for"), or one it reacts to in words or inquiry (mostly the article's story itself).
CAUSE_VERBS = frozenset({"avenge", "answer", "revenge"})
REACTION_VERBS = frozenset({"condemn", "denounce", "mourn", "investigate"})


@dataclass(frozen=True)
class Recalled:
    """The phrase by which a sentence recalls an event other than the act it reports."""

    phrase: Token
    # True for a cause ("for the killing", "to avenge the killing"): an older event.
    cause: bool


def recalled_phrase(trigger: Token) -> Recalled | None:
    """How the sentence recalls the trigger's event as the cause of, or the thing reacted to
    by, the act it reports; None when the event is that act. Its time and place are in that
    phrase or not in the sentence at all."""
    token = trigger
    for _ in range(MAX_PATH + 1):
        head = token.head
        if head is token:
            return None
        if token.dep_ == "pobj" and head.lower_ in REASON_PREPS and head.dep_ == "prep":
            return Recalled(head, cause=True)
        if token.dep_ == "dobj" and head.lemma_.lower() in CAUSE_VERBS | REACTION_VERBS:
            return Recalled(token, cause=head.lemma_.lower() in CAUSE_VERBS)
        if token.dep_ not in ("pobj", "prep", "compound", "amod", "nmod", "conj", "appos"):
            return None
        token = head
    return None


# Verbs that relate the subject's event to an earlier or later one named by the object: "the
# protests followed the capture of Goma on Monday".
SEQUENCE_VERBS = frozenset({"follow", "precede"})


def sequenced_phrase(trigger: Token) -> Token | None:
    """The object naming the other event when the trigger is the subject of a sequence verb:
    that phrase's time and place are the other event's."""
    head = trigger.head
    if trigger.dep_ != "nsubj" or head is trigger or head.lemma_.lower() not in SEQUENCE_VERBS:
        return None
    return next((child for child in head.children if child.dep_ == "dobj"), None)


def _line_starts(doc: Doc) -> list[int]:
    """Line start offsets, once per doc: Doc.text is rebuilt from the tokens on every access."""
    starts = doc.user_data.get("fp_line_starts")
    if starts is None:
        text = doc.text
        starts = [0] + [match.end() for match in re.finditer("\n", text)]
        doc.user_data["fp_line_starts"] = starts
    return starts


def _paragraph_start(doc: Doc, sentence: Span) -> int:
    """Character offset where the sentence's paragraph begins (after the last line break)."""
    starts = _line_starts(doc)
    return starts[bisect_right(starts, sentence.start_char) - 1]


def _distance(span: Span, trigger: Token) -> int:
    if span.end <= trigger.i:
        return trigger.i - span.end + 1
    return max(span.start - trigger.i, 0)


class _Dating:
    """A document's resolved dating expressions, gathered once per document rather than once
    per event (that grew with the square of the article's length), with their starts for
    finding those of one stretch by bisection when they come in text order."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc  # held, so that no other document can take its id while cached
        self.group = doc.spans.get("fp_timex")
        self.size = len(self.group or ())
        spans = [span for span in self.group or () if span._.fp_time is not None]
        self.spans = [span for span in spans if span.label_ in DATING]
        self.starts = [span.start for span in self.spans]
        self.char_starts = [span.start_char for span in self.spans]
        self.ordered = self.starts == sorted(self.starts)

    def fits(self, doc: Doc) -> bool:
        group = doc.spans.get("fp_timex")
        return self.doc is doc and self.group is group and self.size == len(group or ())

    def window(self, first: int, chars: bool = False) -> list[Span]:
        """The spans from the first that starts at or after token (or character) `first`, all
        of them when unordered; callers still test each span, and stop at the end of their
        stretch only when ordered."""
        if not self.ordered:
            return self.spans
        return self.spans[bisect_left(self.char_starts if chars else self.starts, first) :]


_DATING: list[_Dating] = []


def _dating(doc: Doc) -> _Dating:
    if not _DATING or not _DATING[0].fits(doc):
        _DATING[:] = [_Dating(doc)]
    return _DATING[0]


def _within(found: _Dating, sentence: Span) -> list[Span]:
    inside = []
    for span in found.window(sentence.start):
        if found.ordered and span.start >= sentence.end:
            break
        if span.start >= sentence.start and span.end <= sentence.end:
            inside.append(span)
    return inside


def event_time(doc: Doc, sentence: Span, trigger: Token) -> tuple[TimeSpan, float] | None:
    """(time span, confidence) for the event triggered by `trigger`, or None."""
    found = _dating(doc)
    inside = _within(found, sentence)
    # "WASHINGTON, Dec. 30, 2019 - American warplanes bombed ... on Sunday": the dateline dates
    # the report, not the act (the document date stands in where nothing else does)
    inside = [s for s in inside if not _in_dateline(s)]
    governed = [(length, s) for s in inside if (length := _path_length(s, trigger)) is not None]
    if governed:
        return min(governed, key=lambda item: item[0])[1]._.fp_time, GOVERNED
    # Nearby "now" or "recently" says nothing about an event it is not attached to.
    inside = [s for s in inside if not s.kb_id_.endswith("_REF")]
    # "ordered after the storming on Tuesday": a date inside a before/after phrase that does not
    # hold the trigger dates that other happening
    inside = [s for s in inside if not _in_other_time_phrase(s, trigger)]
    if sequenced_phrase(trigger) is not None:
        # "The protests followed the capture of Goma on Monday": a date not attached to the
        # subject itself dates the event it followed (or preceded).
        inside = []
    recalled = recalled_phrase(trigger)
    if recalled is not None:
        phrase = recalled.phrase
        # A recalled event is not the act the sentence dates: only a date inside its own phrase
        # is its own, and the paragraph's dates belong to the reported act too.
        inside = [s for s in inside if phrase.left_edge.i <= s.root.i <= phrase.right_edge.i]
        if not inside:
            return _document_date(doc)
    if inside:
        return min(inside, key=lambda s: _distance(s, trigger))._.fp_time, SAME_SENTENCE
    start = _paragraph_start(doc, sentence)
    before = []
    for s in found.window(start, chars=True):
        if found.ordered and s.start_char >= sentence.start_char:
            break
        if s.kb_id_.endswith("_REF"):
            continue
        if start <= s.start_char and s.end_char <= sentence.start_char and not _in_dateline(s):
            before.append(s)
    if before:
        return before[-1]._.fp_time, SAME_PARAGRAPH
    return _document_date(doc)


def _in_dateline(span: Span) -> bool:
    """A date written in a dateline ("KINSHASA, Jan. 29, 2025 -"): it dates the report."""
    return doc_layout(span.doc).in_dateline_date(span.start_char, span.end_char)


def _document_date(doc: Doc) -> tuple[TimeSpan, float] | None:
    published = doc._.fp_published
    if published is None:
        return None
    return TimeSpan(published, published, "day", None), DOCUMENT_DATE
