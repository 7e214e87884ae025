"""The local engine: one process as always, or N worker processes on this machine.

Each worker process loads the pipeline once (the pool's initializer) and annotates whole units;
the parent process keeps the store and writes each unit's results as they come back.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from .work import Annotated, Annotator, Unit, unit_lost

_annotator: Annotator | None = None


def _load(batch: int) -> None:
    global _annotator
    _annotator = Annotator(batch)


def _annotate(unit: Unit) -> list[Annotated]:
    assert _annotator is not None, "the pool's initializer loads the pipeline"
    return _annotator(unit)


def annotate_units(
    units: list[Unit], workers: int, batch: int
) -> Iterator[tuple[Unit, list[Annotated]]]:
    """Each unit with its results, in the order they finish, from `workers` processes."""
    # spawn, not fork: the parent holds open database connections and rich's threads.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_load, initargs=(batch,)
    ) as pool:
        running: dict[Future, Unit] = {pool.submit(_annotate, unit): unit for unit in units}
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                unit = running.pop(future)
                try:
                    yield unit, future.result()
                except Exception as exc:  # a worker died (BrokenProcessPool) or a unit failed
                    yield unit, unit_lost(unit, f"worker failed: {type(exc).__name__}: {exc}")
