"""spaCy component "fp_events": sets `doc._.fp_events` to the PLOVER events coded from the doc."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .coder import code_doc
from .lexicon import load_lexicon


@Language.factory("fp_events", assigns=["doc._.fp_events"])
def make_component(nlp: Language, name: str):
    load_lexicon()  # read the data files once, when the pipeline is built

    def component(doc: Doc) -> Doc:
        doc._.fp_events = code_doc(doc)
        return doc

    return component
