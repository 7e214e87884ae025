"""spaCy component "fp_places": recognise toponyms and resolve each to a gazetteer place.

Fills doc.spans["fp_places"] with one span per resolved toponym, each carrying
`span._.fp_place` (a model.Place with character offsets). Mentions the gazetteer cannot place
are left out. Demonyms go to doc.spans["fp_country_refs"] as the countries they name (`demonyms`),
never as places. The resolver's confidence per span is kept in doc.user_data for `locate`, and the
article's votes for its outlet's home (`homes`) beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..nlp import extensions  # noqa: F401  (registers Span._.fp_place)
from .demonyms import annotate_country_refs, countries_of
from .demonyms import find as find_demonyms
from .gazetteer import Gazetteer, get_gazetteer
from .homes import VOTES_KEY, Homes, votes_of
from .resolve import Home, resolve
from .toponyms import recognise

SPAN_KEY = "fp_places"
CONFIDENCE_KEY = "fp_place_confidence"


def annotate_places(doc: Doc, gazetteer: Gazetteer | None = None, home: Home | None = None) -> Doc:
    """`home`: where the outlet's other articles are (see `homes`), as weak context."""
    gazetteer = gazetteer or get_gazetteer()
    mentions = recognise(doc, gazetteer, home.states() if home is not None else frozenset())
    spans: list[Span] = []
    confidence: dict[tuple[int, int], float] = {}
    demonyms = find_demonyms(doc, mentions)
    resolved = resolve(doc, mentions, gazetteer, home, countries_of(demonyms))
    if home is None:
        # the article's own readings; those made with its outlet's help must not vote back
        doc.user_data[VOTES_KEY] = votes_of(resolved)
    for item in resolved:
        span = doc[item.mention.start : item.mention.end]
        span._.fp_place = item.candidate.to_place(span.text, span.start_char, span.end_char)
        spans.append(span)
        confidence[(span.start, span.end)] = item.confidence
    doc.spans[SPAN_KEY] = spans
    doc.user_data[CONFIDENCE_KEY] = confidence
    return annotate_country_refs(doc, gazetteer, demonyms)


def resolve_with_homes(
    docs: Sequence[Doc], outlets: Sequence[str | None], homes: Homes
) -> list[Home | None]:
    """Docs already through "fp_places": count their votes under their outlets, then place each
    again with its outlet's home, which is returned per doc. Docs read together see each other;
    later batches see earlier ones too, because `homes` keeps what it was given."""
    own = [doc.user_data.get(VOTES_KEY) or {} for doc in docs]
    for outlet, votes in zip(outlets, own, strict=True):
        homes.add(outlet, votes)
    found = [homes.home(outlet, votes) for outlet, votes in zip(outlets, own, strict=True)]
    for doc, home in zip(docs, found, strict=True):
        if home is not None:
            annotate_places(doc, home=home)
    return found


@Language.factory("fp_places", assigns=["doc.spans"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        return annotate_places(doc)

    return component
