"""spaCy component "fp_events": sets `doc._.fp_events` to the PLOVER events read from the doc."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from .coder import code_docs
from .reader import load_reader


class EventCoder:
    """Reads every sentence of a batch of docs in one go: the reader is faster on batches."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.fp_events = code_docs([doc])[0]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        stream = iter(docs)
        while batch := list(islice(stream, batch_size)):
            for doc, events in zip(batch, code_docs(batch), strict=True):
                doc._.fp_events = events
                yield doc


@Language.factory("fp_events", assigns=["doc._.fp_events"])
def make_component(nlp: Language, name: str) -> EventCoder:
    load_reader()  # load the model once, when the pipeline is built
    return EventCoder()
