"""`flashpoint bench --engine ray --workers 1,2`: throughput per number of workers.

Each measurement annotates and stores the same articles (fresh copies, so nothing is skipped as
stored) on one engine; the local engine in this process is measured first on the same input, so
that the cost of Ray itself shows at one worker. Rates are taken once the workers have loaded
the pipeline: starting workers is a fixed cost, reported apart.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..pipeline import CHUNK_BATCHES
from . import Engine, extract
from .work import Timings

# Units per worker at the most workers measured: enough to keep every worker busy to the end.
UNITS_PER_WORKER = 4


@dataclass
class EngineFigures:
    engine: str
    workers: int
    documents: int
    events: int
    ready_s: float
    work_s: float
    store_s: float

    @property
    def rate(self) -> float:
        """Articles per second once the workers are ready."""
        return self.documents / self.work_s

    @property
    def store_rate(self) -> float:
        """Events per second written by the driving process."""
        return self.events / self.store_s if self.store_s else 0.0


def bench_engines(
    paths: list[Path],
    engine: Engine,
    workers: list[int],
    repeat: int,
    db: str | None = None,
    address: str | None = None,
) -> list[EngineFigures]:
    from ..bench import _fresh, _load_documents
    from ..ingest.batch import RunSummary
    from ..store import Store

    documents = _load_documents(paths)
    total = len(documents) * repeat
    # Small enough batches that every worker gets several units of the same input.
    wanted_units = UNITS_PER_WORKER * max(workers)
    before = os.environ.get("FLASHPOINT_BATCH_SIZE")
    os.environ["FLASHPOINT_BATCH_SIZE"] = str(
        max(1, min(16, total // (wanted_units * CHUNK_BATCHES)))
    )
    plan = [(Engine.local, 1)] + [(engine, count) for count in workers]
    stop_ray = False
    if engine is Engine.ray:
        from .ray import connect

        stop_ray = connect(address, max(workers))
    figures = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            for number, (kind, count) in enumerate(plan):
                # The same texts for every engine; into one given database, new ones each time.
                first = number * repeat if db else 0
                batch = [
                    document
                    for copy in range(first, first + repeat)
                    for document in _fresh(documents, copy)
                ]
                url = db or f"sqlite:///{Path(folder) / f'bench{number}.db'}"
                summary, timings = RunSummary(), Timings()
                with Store(url) as store:
                    began = time.perf_counter()
                    extract(batch, store, summary, timings, kind, count, address)
                    whole = time.perf_counter() - began
                figures.append(
                    EngineFigures(
                        kind.value,
                        count,
                        summary.new,
                        len(summary.events),
                        timings.ready,
                        whole - timings.ready,
                        timings.store,
                    )
                )
    finally:
        if before is None:
            os.environ.pop("FLASHPOINT_BATCH_SIZE", None)
        else:
            os.environ["FLASHPOINT_BATCH_SIZE"] = before
        if stop_ray:
            from .ray import ray_module

            ray_module().shutdown()
    return figures


def render(figures: list[EngineFigures]) -> list[str]:
    base = figures[0]
    lines = [f"{base.documents} articles per measurement"]
    for item in figures:
        line = (
            f"  {item.engine:<5} {item.workers} workers  {item.rate:7.2f} articles/s"
            f"  (start {item.ready_s:.1f}s, store {item.store_rate:,.0f} events/s)"
        )
        lines.append(line)
    ones = [item for item in figures[1:] if item.workers == 1]
    if ones:
        lines.append(f"  overhead at 1 worker against local: {base.rate / ones[0].rate - 1:+.1%}")
    # Scaling against the engine's own single worker, or the local engine without one.
    one = ones[0] if ones else base
    for item in figures[1:]:
        if item.workers > 1:
            lines.append(f"  {item.workers} workers / 1 worker: {item.rate / one.rate:.2f}x")
    return lines
