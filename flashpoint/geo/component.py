"""spaCy component "fp_places" (placeholder until the real one lands)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("fp_places", assigns=["doc.spans"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc.spans["fp_places"] = []
        return doc

    return component
