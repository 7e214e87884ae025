"""Where `flashpoint run` does its work: this process, N local processes, or a Ray cluster.

Whatever the engine, the inputs are read and checked against the store by the driving process,
the pipeline runs on units of documents (`work.units`), and the results are written by the
driving process through `Store.save`: the stored documents and events are the same.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..exceptions import InputError
from ..pipeline import CHUNK_BATCHES
from .work import Timings, batch_size, prepare_run, units, write

if TYPE_CHECKING:
    from ..ingest.batch import RunSummary
    from ..model import Document
    from ..store import Store


class Engine(StrEnum):
    local = "local"
    ray = "ray"


def run(
    paths: Iterable[str | Path],
    store: Store,
    engine: Engine = Engine.local,
    workers: int = 1,
    address: str | None = None,
    progress_console: Console | None = None,
    pool_hook=None,
) -> tuple[RunSummary, Timings]:
    """Ingest `paths` into `store` on `engine` with `workers` workers; what happened, and when.

    `pool_hook(pool, finished_units)` is called after each unit on the Ray engine (tests use it
    to stop a worker mid-run).
    """
    if workers < 1:
        raise InputError("--workers", f"{workers} is not a number of workers (1 or more)")
    if address and engine is not Engine.ray:
        raise InputError("--address", "only the ray engine joins a cluster (add --engine ray)")
    timings = Timings()
    began = time.perf_counter()
    summary, pending = prepare_run(paths, store)
    timings.read = time.perf_counter() - began
    if pending:
        extract(
            pending, store, summary, timings, engine, workers, address, progress_console, pool_hook
        )
    return summary, timings


def extract(
    pending: list[Document],
    store: Store,
    summary: RunSummary,
    timings: Timings,
    engine: Engine = Engine.local,
    workers: int = 1,
    address: str | None = None,
    progress_console: Console | None = None,
    pool_hook=None,
) -> None:
    """Annotate documents not yet stored on `engine` and store them; `summary` and `timings`
    gather what happened."""
    batch = batch_size()
    cut = units(pending, store, batch * CHUNK_BATCHES)
    started = time.perf_counter()
    pool = None
    stop_ray = False
    if engine is Engine.ray:
        from .ray import RayPool, connect, ray_module

        stop_ray = connect(address, workers)
        pool = RayPool(workers, batch, pool_hook)
        timings.ready = time.perf_counter() - started
        stream = pool.annotate_units(cut)
    elif workers == 1:
        from .work import Annotator

        annotator = Annotator(batch)
        timings.ready = time.perf_counter() - started
        stream = ((unit, annotator(unit)) for unit in cut)
    else:
        from .local import annotate_units

        stream = annotate_units(cut, workers, batch)
    order = {document.id: place for place, document in enumerate(pending)}
    added = []
    progress = Progress(
        TextColumn(f"extracting events ({engine.value}, {workers} workers)"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=progress_console,
        transient=True,
    )
    try:
        with progress:
            task = progress.add_task("documents", total=len(pending))
            first = True
            for unit, results in stream:
                if first:
                    timings.start = time.perf_counter() - started
                    first = False
                writing = time.perf_counter()
                added.extend(write(store, results, summary))
                timings.store += time.perf_counter() - writing
                progress.advance(task, len(unit.documents))
    finally:
        if pool is not None:
            pool.close()
        if stop_ray:
            ray_module().shutdown()
    timings.extract = time.perf_counter() - started - timings.store
    # Events in input order, as a one-process run lists them.
    summary.events = sorted(added, key=lambda event: order.get(event.doc_id, len(order)))
