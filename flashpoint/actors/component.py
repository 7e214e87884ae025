"""spaCy component "fp_actors" (placeholder until the real one lands)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("fp_actors", assigns=["doc.spans"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc.spans["fp_actors"] = []
        return doc

    return component
