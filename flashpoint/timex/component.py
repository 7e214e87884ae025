"""spaCy component "fp_timex": time expressions as doc.spans["fp_timex"], each with a TimeSpan.

The rule recogniser (recognize.py) reads the text; spaCy's own DATE entities that no rule
found get a second reading as if a preposition came before them, so that a "May" the
tagger calls a date is taken even where the rules alone would not risk it. Spans are
labelled with their TimeML type (DATE, TIME, DURATION) and carry the TimeML value as kb_id
("2019-12-31", "PAST_REF"). Relative expressions are resolved
against doc._.fp_published; when that is None only absolute ones are kept.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..nlp import extensions  # noqa: F401  (registers Span._.fp_time)
from .normalize import Timex
from .recognize import find_timexes

# The prefix that gives a spaCy date entity the context the month rule asks for.
ENTITY_PREFIX = "in "


def _entity_timexes(doc: Doc, found: list[Timex]) -> list[Timex]:
    """Readings of spaCy DATE entities that overlap nothing the rules found."""
    extra: list[Timex] = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        if any(ent.start_char < t.end and t.start < ent.end_char for t in found):
            continue
        for timex in find_timexes(ENTITY_PREFIX + ent.text, doc._.fp_published):
            shift = ent.start_char - len(ENTITY_PREFIX)
            if timex.start < len(ENTITY_PREFIX):
                continue
            timex.start += shift
            timex.end += shift
            if timex.span is not None:
                timex.span.char_start, timex.span.char_end = timex.start, timex.end
            extra.append(timex)
    return extra


def timex_spans(doc: Doc) -> list[Span]:
    found = find_timexes(doc.text, doc._.fp_published)
    found += _entity_timexes(doc, found)
    spans: list[Span] = []
    for timex in sorted(found, key=lambda item: item.start):
        if timex.span is None:
            continue
        span = doc.char_span(
            timex.start,
            timex.end,
            label=timex.kind,
            kb_id=timex.value or "",
            alignment_mode="expand",
        )
        if span is None:
            continue
        span._.fp_time = timex.span
        spans.append(span)
    return spans


@Language.factory("fp_timex", assigns=["doc.spans"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc.spans["fp_timex"] = timex_spans(doc)
        return doc

    return component
