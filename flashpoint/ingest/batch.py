"""A whole ingest run: read inputs, skip what is stored, run the pipeline, store the results.

One bad file, or one document the pipeline chokes on, is reported and skipped; everything else
is stored, each document in its own transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from spacy.language import Language
from spacy.tokens import Doc

from .. import config
from ..exceptions import FlashpointError, InputError
from ..geo.homes import VOTES_KEY, Homes, outlet_key
from ..model import Document, Event
from ..pipeline import CHUNK_BATCHES, annotate
from ..store.store import Saved
from . import read_paths
from .common import check_length, check_published, check_sizes

# Runs with at least this many new documents show a progress bar.
PROGRESS_MIN = 10


@dataclass
class RunSummary:
    read: int = 0
    new: int = 0
    # Of the new ones: edited files whose earlier version they replaced.
    replaced: int = 0
    already_stored: int = 0
    # "<file>: <reason>" for every input that could not be read, processed or stored.
    failures: list[str] = field(default_factory=list)
    # The events of the documents stored by this run, in input order.
    events: list[Event] = field(default_factory=list)


def _source(document: Document) -> str:
    """Where a document came from, for messages: its file, and its id when the file holds many."""
    if document.path and Path(document.path).name != document.id:
        return f"{document.path} ({document.id})"
    return document.path or document.id


def annotate_safely(
    documents: list[Document], nlp: Language | None, batch_size: int, homes: Homes | None = None
) -> Iterator[tuple[Document, Doc | None, Exception | None]]:
    """(document, doc, None), or (document, None, error) for a document the pipeline fails on.

    Chunks of several batches keep spaCy fast and let an outlet's articles inform each other's
    places (one `Homes` for the whole run); when a chunk fails its documents are retried one at a
    time, so that a single pathological article costs only itself.
    """
    homes = homes if homes is not None else Homes()
    chunk_size = batch_size * CHUNK_BATCHES
    for begin in range(0, len(documents), chunk_size):
        chunk = documents[begin : begin + chunk_size]
        before = homes.snapshot()
        try:
            results = list(annotate(chunk, nlp, batch_size=batch_size, homes=homes))
        except FlashpointError:
            raise
        except Exception:
            results = None
        if results is not None:
            for document, doc in results:
                yield document, doc, None
            continue
        # the chunk's votes may be counted already: its documents vote again one by one
        homes.restore(before)
        for document in chunk:
            before = homes.snapshot()
            try:
                [(annotated, doc)] = list(annotate([document], nlp, homes=homes))
            except FlashpointError:
                raise
            except Exception as exc:  # a bug in a component: report it and keep going
                homes.restore(before)  # a document that is not stored does not vote
                yield document, None, exc
            else:
                yield annotated, doc, None


def _sentences(doc: Doc) -> list[tuple[int, int]] | None:
    if not doc.has_annotation("SENT_START") and not doc.has_annotation("DEP"):
        return None
    return [(sentence.start_char, sentence.end_char) for sentence in doc.sents]


def collect(paths: Iterable[str | Path], store, summary: RunSummary) -> list[Document]:
    """The documents that still need processing; counts and failures go into `summary`."""
    pending: list[Document] = []
    seen: set[str] = set()
    for item in read_paths(paths):
        if isinstance(item, InputError):
            summary.failures.append(str(item))
            continue
        summary.read += 1
        try:
            # Before any work on the text: an overlong one would only be refused by spaCy.
            check_length(_source(item), item.text)
            check_published(_source(item), item.published)
            check_sizes(_source(item), item.id, item.outlet)
        except InputError as error:
            summary.failures.append(str(error))
            continue
        if item.content_hash in seen or store.has_document(item):
            summary.already_stored += 1
            continue
        seen.add(item.content_hash)
        pending.append(item)
    return pending


def process(
    paths: Iterable[str | Path],
    store,
    nlp: Language | None = None,
    progress_console: Console | None = None,
) -> RunSummary:
    """Ingest files and folders into `store` (a flashpoint.store.Store); returns what happened."""
    summary = RunSummary()
    pending = collect(paths, store, summary)
    if not pending:
        return summary
    if nlp is None:
        from ..nlp import build_pipeline

        nlp = build_pipeline()
    batch_size = max(1, int(config.get("batch_size") or 16))
    # Outlets' homes start from what their stored articles said (`geo.homes`).
    homes = Homes()
    known = store.outlet_votes(outlet_key(document.outlet, document.url) for document in pending)
    for outlet, votes in known.items():
        homes.add(outlet, votes)
    progress = Progress(
        TextColumn("extracting events"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=progress_console,
        transient=True,
        disable=len(pending) < PROGRESS_MIN,
    )
    with progress:
        task = progress.add_task("documents", total=len(pending))
        for document, doc, error in annotate_safely(pending, nlp, batch_size, homes):
            progress.advance(task)
            if doc is None:
                summary.failures.append(
                    f"{_source(document)}: pipeline failed: {type(error).__name__}: {error}"
                )
                continue
            events = list(doc._.fp_events or [])
            try:
                saved = store.put(document, events, _sentences(doc), doc.user_data.get(VOTES_KEY))
            except FlashpointError as exc:
                summary.failures.append(str(exc))
                continue
            if saved is Saved.ALREADY:  # another run stored the same text meanwhile
                summary.already_stored += 1
                continue
            summary.new += 1
            summary.replaced += saved is Saved.REPLACED
            summary.events.extend(events)
    return summary
