"""spaCy component "fp_actors": one span per actor mention in doc.spans["fp_actors"].

Each span carries `span._.fp_actor` (model.Actor). The component also corrects the statistical
NER where the knowledge base knows better (a militia tagged PERSON becomes ORG), from KB types only.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..nlp import extensions  # noqa: F401  (registers Span._.fp_actor)
from .kb import get_kb
from .matcher import get_index
from .mentions import Mention, annotate, forget

SPAN_KEY = "fp_actors"
OUTPUT_KINDS = frozenset({"entity", "country", "capital", "title", "phrase", "coref"})
NER_LABELS = {"org": "ORG", "igo": "ORG", "state": "ORG", "person": "PERSON"}


def actor_spans(doc: Doc, mentions: list[Mention]) -> list[Span]:
    spans = []
    for mention in mentions:
        if mention.kind not in OUTPUT_KINDS or mention.actor is None or mention.backer:
            continue
        span = doc[mention.start : mention.end]
        span._.fp_actor = mention.actor
        spans.append(span)
    return spans


def correct_entities(doc: Doc, mentions: list[Mention]) -> None:
    """Relabel or add NER spans for KB organisations and people the model got wrong."""
    ents = list(doc.ents)
    changed = False
    for mention in mentions:
        if mention.kind != "entity" or mention.entry is None:
            continue
        label = NER_LABELS.get(mention.entry.type)
        if label is None:
            continue
        overlapping = [ent for ent in ents if ent.start < mention.end and mention.start < ent.end]
        if overlapping and all(ent.label_ == label for ent in overlapping):
            continue
        ents = [ent for ent in ents if ent not in overlapping]
        ents.append(Span(doc, mention.start, mention.end, label=label))
        changed = True
    if changed:
        doc.ents = sorted(ents, key=lambda ent: ent.start)


def annotate_actors(nlp: Language, doc: Doc) -> Doc:
    """Run a pipeline's components up to and including fp_actors (tests, scoring, benchmarks)."""
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == SPAN_KEY:
            break
    return doc


@Language.factory("fp_actors", assigns=["doc.spans", "doc.ents"])
def make_component(nlp: Language, name: str):
    get_kb()
    get_index()  # build the automaton at pipeline load, not on the first document

    def component(doc: Doc) -> Doc:
        forget(doc)
        mentions = annotate(doc)
        correct_entities(doc, mentions)
        doc.spans[SPAN_KEY] = actor_spans(doc, mentions)
        return doc

    return component
