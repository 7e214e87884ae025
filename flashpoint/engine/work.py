"""Units of work for the engines: what a worker receives, what it hands back, and the writer.

Workers never touch the store: they load the pipeline once and turn units of documents into
results; the process that drives the run writes those results, so that every engine stores the
same rows through the same code (`Store.save`, keyed by content hash: a re-run or a retried unit
adds nothing twice).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..exceptions import FlashpointError
from ..geo.homes import Homes, Votes, outlet_key
from ..ingest.batch import RunSummary, collect
from ..model import Document, Event

if TYPE_CHECKING:
    from ..store import Store


@dataclass
class Unit:
    """Documents for one worker call, with the stored place votes of their outlets."""

    index: int
    documents: list[Document]
    votes: dict[str, Votes] = field(default_factory=dict)


@dataclass
class Annotated:
    """One document's result: its events and sentences, or why the pipeline failed on it."""

    document: Document
    events: list[Event] = field(default_factory=list)
    sentences: list[tuple[int, int]] | None = None
    votes: Votes | None = None
    failure: str | None = None


@dataclass
class Timings:
    """Seconds per stage of a run: reading and checking inputs, until the workers had loaded the
    pipeline (`ready`; 0 where processes load it lazily), until the first unit came back,
    extracting (from the start of the workers to the end, less storing) and storing."""

    read: float = 0.0
    ready: float = 0.0
    extract: float = 0.0
    store: float = 0.0
    start: float = 0.0

    def line(self) -> str:
        return (
            f"time: read {self.read:.1f}s, workers ready {self.ready:.1f}s, "
            f"first unit {self.start:.1f}s, "
            f"extract {self.extract:.1f}s, store {self.store:.1f}s"
        )


def source(document: Document) -> str:
    """Where a document came from, for messages: its file, and its id when the file holds many."""
    if document.path and Path(document.path).name != document.id:
        return f"{document.path} ({document.id})"
    return document.path or document.id


def batch_size() -> int:
    from .. import config

    return max(1, int(config.get("batch_size") or 16))


def units(pending: list[Document], store: Store, size: int) -> list[Unit]:
    """The pending documents in input order, cut where a one-process run cuts its chunks.

    The event reader's int8 model scales each batch by its contents, and an outlet's articles in
    a chunk tell each other where the outlet is (`geo.homes`): a unit that holds exactly the
    chunk a one-process run would hold gets exactly its events. Each unit starts from the
    stored votes of its outlets (an outlet's articles in earlier units of the same run do not
    inform it, unlike in one process: the one way engines may differ, in places only).
    """
    cut = []
    for begin in range(0, len(pending), size):
        documents = pending[begin : begin + size]
        keys = {outlet_key(document.outlet, document.url) for document in documents}
        known = store.outlet_votes(key for key in keys if key is not None)
        cut.append(Unit(len(cut), documents, known))
    return cut


class Annotator:
    """The pipeline, loaded once per worker; turns units into results."""

    def __init__(self, batch: int) -> None:
        from ..nlp import build_pipeline

        self.nlp = build_pipeline()
        self.batch_size = batch

    def __call__(self, unit: Unit) -> list[Annotated]:
        from ..geo.homes import VOTES_KEY
        from ..ingest.batch import _sentences, annotate_safely

        homes = Homes()
        for outlet, votes in unit.votes.items():
            homes.add(outlet, votes)
        results = []
        for document, doc, error in annotate_safely(
            unit.documents, self.nlp, self.batch_size, homes
        ):
            if doc is None:
                reason = f"pipeline failed: {type(error).__name__}: {error}"
                results.append(Annotated(document, failure=f"{source(document)}: {reason}"))
                continue
            results.append(
                Annotated(
                    document,
                    list(doc._.fp_events or []),
                    _sentences(doc),
                    doc.user_data.get(VOTES_KEY),
                )
            )
        return results


def prepare_run(paths: Iterable[str | Path], store: Store) -> tuple[RunSummary, list[Document]]:
    summary = RunSummary()
    return summary, collect(paths, store, summary)


def write(store: Store, results: list[Annotated], summary: RunSummary) -> list[Event]:
    """Store one unit's results; counts and failures go into `summary`; returns the new events."""
    added: list[Event] = []
    for result in results:
        if result.failure is not None:
            summary.failures.append(result.failure)
            continue
        try:
            stored = store.save(result.document, result.events, result.sentences, result.votes)
        except FlashpointError as exc:
            summary.failures.append(str(exc))
            continue
        if stored:
            summary.new += 1
            added.extend(result.events)
        else:
            summary.already_stored += 1
    return added


def unit_lost(unit: Unit, reason: str) -> list[Annotated]:
    """Results that report every document of a unit that no worker could finish."""
    return [
        Annotated(document, failure=f"{source(document)}: {reason}") for document in unit.documents
    ]
