"""spaCy component "fp_places": recognise toponyms and resolve each to a gazetteer place.

Fills doc.spans["fp_places"] with one span per resolved toponym, each carrying
`span._.fp_place` (a model.Place with character offsets). Mentions the gazetteer cannot place
are left out. The resolver's confidence per span is kept in doc.user_data for `locate`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..nlp import extensions  # noqa: F401  (registers Span._.fp_place)
from .gazetteer import Gazetteer, get_gazetteer
from .resolve import resolve
from .toponyms import recognise

SPAN_KEY = "fp_places"
CONFIDENCE_KEY = "fp_place_confidence"


def annotate_places(doc: Doc, gazetteer: Gazetteer | None = None) -> Doc:
    gazetteer = gazetteer or get_gazetteer()
    mentions = recognise(doc, gazetteer)
    spans: list[Span] = []
    confidence: dict[tuple[int, int], float] = {}
    for item in resolve(doc, mentions, gazetteer):
        span = doc[item.mention.start : item.mention.end]
        span._.fp_place = item.candidate.to_place(span.text, span.start_char, span.end_char)
        spans.append(span)
        confidence[(span.start, span.end)] = item.confidence
    doc.spans[SPAN_KEY] = spans
    doc.user_data[CONFIDENCE_KEY] = confidence
    return doc


@Language.factory("fp_places", assigns=["doc.spans"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        return annotate_places(doc)

    return component
