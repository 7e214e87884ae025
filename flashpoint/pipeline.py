"""Document -> annotated Doc -> events. The one place that runs the NLP pipeline."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from . import config
from .geo.component import resolve_with_homes
from .geo.homes import Homes, outlet_key
from .ingest.docdate import infer_date
from .ingest.layout import read_layout
from .model import Document, Event
from .nlp import build_pipeline, parts

CHUNK_BATCHES = 8


def prepare(document: Document) -> Document:
    """Fill in the document date from the text when the metadata had none."""
    if document.published is None:
        found = infer_date(document.text, read_layout(document.text))
        if found is not None:
            document.published, document.date_source = found
    elif document.date_source is None:
        document.date_source = "metadata"
    return document


def annotate(
    documents: Iterable[Document],
    nlp: Language | None = None,
    batch_size: int | None = None,
    homes: Homes | None = None,
) -> Iterator[tuple[Document, Doc]]:
    """Run the full pipeline over documents in batches, yielding each with its Doc.

    Places are resolved twice: once per article, then again with the home of the article's
    outlet (`geo.homes`), learned from the outlet's other articles in this call and in earlier
    calls given the same `homes`; only then do the components that use places run."""
    nlp = nlp or build_pipeline()
    size = batch_size or int(config.get("batch_size") or 16)
    homes = homes if homes is not None else Homes()

    def docs_with_context() -> Iterator[tuple[Doc, Document]]:
        for document in documents:
            document = prepare(document)
            doc = nlp.make_doc(document.text)
            doc._.fp_doc_id = document.id
            doc._.fp_published = document.published
            # Read once for the date above and every component after (`read_layout` keeps the
            # last few texts' layouts, so this is the very layout `prepare` used).
            doc._.fp_layout = read_layout(document.text)
            yield doc, document

    names = nlp.pipe_names
    if "fp_places" not in names:
        # nlp.pipe accepts ready-made Docs, so the custom attributes set above survive batching.
        for doc, document in parts.pipe(nlp, docs_with_context(), size):
            yield document, doc
        return
    later = names[names.index("fp_places") + 1 :]
    contexts = docs_with_context()
    # Articles are held a chunk at a time: enough for an outlet's articles to meet.
    while chunk := list(islice(contexts, size * CHUNK_BATCHES)):
        with nlp.select_pipes(disable=later):
            # A long article goes through spaCy's own components a part at a time (`parts`).
            pairs = list(parts.pipe(nlp, chunk, size))
        docs = [doc for doc, _ in pairs]
        resolve_with_homes(docs, [outlet_key(d.outlet, d.url) for _, d in pairs], homes)
        # The later components run to the end before anything is yielded: the caller may use
        # `nlp` between items, and must find it whole.
        with nlp.select_pipes(enable=later):
            docs = list(nlp.pipe(docs, batch_size=size))
        for doc, (_, document) in zip(docs, pairs, strict=True):
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
