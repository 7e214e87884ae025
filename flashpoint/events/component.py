"""spaCy component "fp_events" (placeholder until the real coder lands)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("fp_events", assigns=["doc._.fp_events"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.fp_events = []
        return doc

    return component
