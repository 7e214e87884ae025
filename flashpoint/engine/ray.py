"""The Ray engine: a pool of Ray actors, each loading the pipeline once, on any Ray cluster.

The driver (the `flashpoint run` process) reads the inputs and keeps the store; actors receive
units of documents and return their results. An actor whose process dies is restarted by Ray and
its unit is retried (`max_restarts`, `max_task_retries`); results are written by content hash,
so a unit that ran twice adds nothing twice. Each node needs flashpoint installed (the same
version as the driver): actors import it from their own Python environment.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from ..exceptions import FlashpointError
from .work import Annotated, Annotator, Unit, unit_lost

# Attempts per unit beyond the first when an actor's process dies under it.
TASK_RETRIES = 3
# Units queued on each actor, so that an actor never waits for the driver between units.
IN_FLIGHT = 2


def ray_module():
    try:
        import ray
    except ImportError as exc:
        raise FlashpointError("--engine ray needs Ray: pip install 'flashpoint[ray]'") from exc
    return ray


class Worker:
    """A Ray actor's state: the pipeline, loaded when the actor starts."""

    def __init__(self, batch: int) -> None:
        self.annotator = Annotator(batch)

    def pid(self) -> int:
        return os.getpid()

    def annotate(self, unit: Unit) -> list[Annotated]:
        return self.annotator(unit)


def connect(address: str | None, workers: int) -> bool:
    """Join the cluster at `address` (or start a local one); True when this call started Ray."""
    ray = ray_module()
    if ray.is_initialized():
        return False
    options = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
    try:
        if address:
            ray.init(address=address, **options)
        else:
            ray.init(num_cpus=workers, **options)
    except Exception as exc:  # no cluster at the address, or Ray cannot start here
        raise FlashpointError(f"cannot start or reach Ray ({address or 'local'}): {exc}") from exc
    return True


class RayPool:
    """`workers` actors fed units, IN_FLIGHT at a time each; `on_result` sees each finished unit."""

    def __init__(
        self,
        workers: int,
        batch: int,
        on_result: Callable[[RayPool, int], None] | None = None,
    ) -> None:
        ray = ray_module()
        actor = ray.remote(num_cpus=1, max_restarts=-1, max_task_retries=TASK_RETRIES)(Worker)
        self.actors = [actor.remote(batch) for _ in range(workers)]
        # Waits for every actor to have loaded the pipeline; the pids let a test stop one.
        try:
            self.pids: list[int] = ray.get([worker.pid.remote() for worker in self.actors])
        except ray.exceptions.RayError as exc:
            # e.g. a node without flashpoint installed, or models it cannot load
            self.close()
            raise FlashpointError(f"Ray workers could not load the pipeline: {exc}") from exc
        self.on_result = on_result
        self.finished = 0
        self.load = [0] * workers

    def annotate_units(self, units: list[Unit]) -> Iterator[tuple[Unit, list[Annotated]]]:
        ray = ray_module()
        queue = list(reversed(units))
        running: dict = {}
        load = self.load

        def submit() -> None:
            # Round after round, so that a short run still reaches every actor.
            for _ in range(IN_FLIGHT):
                for index, actor in enumerate(self.actors):
                    if queue and load[index] < IN_FLIGHT:
                        unit = queue.pop()
                        running[actor.annotate.remote(unit)] = (unit, index)
                        load[index] += 1

        submit()
        if self.on_result is not None:
            self.on_result(self, 0)
        while running:
            [ref], _ = ray.wait(list(running), num_returns=1)
            unit, index = running.pop(ref)
            load[index] -= 1
            try:
                results = ray.get(ref)
            except ray.exceptions.RayError as exc:
                # Retries spent, or the unit itself raised: its documents are reported, not lost.
                results = unit_lost(unit, f"worker failed: {type(exc).__name__}")
            self.finished += 1
            yield unit, results
            if self.on_result is not None:
                self.on_result(self, self.finished)
            submit()

    def close(self) -> None:
        ray = ray_module()
        for actor in self.actors:
            ray.kill(actor)
