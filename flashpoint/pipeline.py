"""Document -> annotated Doc -> events. The one place that runs the NLP pipeline."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from . import config
from .ingest.docdate import infer_date
from .model import Document, Event
from .nlp import build_pipeline


def prepare(document: Document) -> Document:
    """Fill in the document date from the text when the metadata had none."""
    if document.published is None:
        found = infer_date(document.text)
        if found is not None:
            document.published, document.date_source = found
    elif document.date_source is None:
        document.date_source = "metadata"
    return document


def annotate(
    documents: Iterable[Document], nlp: Language | None = None, batch_size: int | None = None
) -> Iterator[tuple[Document, Doc]]:
    """Run the full pipeline over documents in batches, yielding each with its Doc."""
    nlp = nlp or build_pipeline()
    size = batch_size or int(config.get("batch_size") or 16)

    def docs_with_context() -> Iterator[tuple[Doc, Document]]:
        for document in documents:
            document = prepare(document)
            doc = nlp.make_doc(document.text)
            doc._.fp_doc_id = document.id
            doc._.fp_published = document.published
            yield doc, document

    # nlp.pipe accepts ready-made Docs, so the custom attributes set above survive batching.
    for doc, document in nlp.pipe(docs_with_context(), as_tuples=True, batch_size=size):
        yield document, doc


def extract_events(
    documents: Iterable[Document], nlp: Language | None = None
) -> Iterator[tuple[Document, list[Event]]]:
    for document, doc in annotate(documents, nlp):
        yield document, list(doc._.fp_events or [])


def extract(text: str, published: date | str | None = None, doc_id: str = "text") -> list[Event]:
    """Events in one text, without any database. `published` anchors relative dates."""
    if isinstance(published, str):
        published = date.fromisoformat(published)
    document = Document(id=doc_id, text=text, published=published)
    return next(extract_events([document]))[1]
