"""`flashpoint bench`: throughput of the whole pipeline against bare spaCy on the same articles.

Machines here are shared and noisy, so absolute speeds mean little; what we report are ratios
measured in one process run, with the two measurements interleaved over several rounds and the
median kept. Per-component shares come from timing each flashpoint component on pre-parsed Docs.
`--startup` measures the start of a run instead, in fresh processes (`flashpoint.startup`).
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from .model import Document


@dataclass
class BenchResult:
    articles: int
    chars: int
    rounds: int
    spacy_s: float
    pipeline_s: float
    run_s: float | None
    component_s: dict[str, float] = field(default_factory=dict)

    @property
    def figures(self) -> dict[str, float | int | None]:
        spacy_rate = self.articles / self.spacy_s
        figures: dict[str, float | int | None] = {
            "articles": self.articles,
            "rounds": self.rounds,
            "spacy_articles_per_s": round(spacy_rate, 2),
            "pipeline_articles_per_s": round(self.articles / self.pipeline_s, 2),
            "pipeline_ratio": round(self.spacy_s / self.pipeline_s, 3),
            "run_articles_per_s": None,
            "run_ratio": None,
        }
        if self.run_s:
            figures["run_articles_per_s"] = round(self.articles / self.run_s, 2)
            figures["run_ratio"] = round(self.spacy_s / self.run_s, 3)
        # Shares come from one pass that times the statistical parse and each component alike.
        whole = sum(self.component_s.values())
        for name, seconds in self.component_s.items():
            if name != "spacy":
                figures[f"share_{name}"] = round(seconds / whole, 4)
        return figures


def _load_documents(paths: list[Path]) -> list[Document]:
    from .ingest import read_paths
    from .model import Document

    return [item for item in read_paths(paths) if isinstance(item, Document)]


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _fresh(documents: list[Document], copy: int) -> list[Document]:
    from .model import Document

    # New ids and texts each round, so the store cannot skip them as already seen.
    return [
        Document(
            id=f"{document.id}#{copy}",
            text=f"{document.text}\n[{copy}]",
            title=document.title,
            published=document.published,
        )
        for document in documents
    ]


def run_bench(paths: list[Path], rounds: int = 3, repeat: int = 1) -> BenchResult:
    from .nlp import build_pipeline, load_nlp
    from .pipeline import annotate, extract_events

    documents = _load_documents(paths) * repeat
    if not documents:
        raise typer.BadParameter("no readable articles in the given paths")
    texts = [document.text for document in documents]
    bare = load_nlp()
    full = build_pipeline()
    # Warm both pipelines (lazy data files, gazetteer, automata) outside the timed rounds.
    list(extract_events(_fresh(documents[:2], -1), full))
    list(bare.pipe(texts[:2]))

    store_factory = _store_factory()
    spacy_times, pipeline_times, run_times = [], [], []
    for round_no in range(rounds):
        spacy_times.append(_timed(lambda: list(bare.pipe(texts))))
        batch = _fresh(documents, round_no)
        pipeline_times.append(_timed(lambda batch=batch: list(annotate(batch, full))))
        if store_factory is not None:
            batch = _fresh(documents, rounds + round_no)
            run_times.append(_timed(lambda batch=batch: store_factory(batch, full)))

    component_s = _component_times(full, texts)
    return BenchResult(
        articles=len(documents),
        chars=sum(len(text) for text in texts),
        rounds=rounds,
        spacy_s=statistics.median(spacy_times),
        pipeline_s=statistics.median(pipeline_times),
        run_s=statistics.median(run_times) if run_times else None,
        component_s=component_s,
    )


def _store_factory() -> Callable[[list[Document], object], None] | None:
    """What `flashpoint run` does per batch: extract and store in a fresh SQLite file."""
    try:
        from .store import Store
    except ImportError:
        return None
    folder = Path(tempfile.mkdtemp(prefix="flashpoint-bench-"))

    def run(documents: list[Document], nlp) -> None:
        from .pipeline import extract_events

        store = Store(f"sqlite:///{folder / f'bench-{time.monotonic_ns()}.db'}")
        for document, events in extract_events(documents, nlp):
            store.save(document, events)

    return run


def _component_times(nlp, texts: list[str]) -> dict[str, float]:
    """Seconds spent in the statistical parse ("spacy") and in each flashpoint component."""
    from .nlp.loader import COMPONENTS

    names = [name for name, _ in COMPONENTS if name in nlp.pipe_names]
    start = time.perf_counter()
    with nlp.select_pipes(disable=names):
        docs = list(nlp.pipe(texts))
    totals = {"spacy": time.perf_counter() - start, **dict.fromkeys(names, 0.0)}
    components = [(name, nlp.get_pipe(name)) for name in names]
    for doc in docs:
        for name, component in components:
            start = time.perf_counter()
            doc = component(doc)
            totals[name] += time.perf_counter() - start
    return totals


def register(app: typer.Typer) -> None:
    @app.command()
    def bench(
        paths: list[Path] = typer.Argument(None, help="Files or folders of articles."),
        rounds: int = typer.Option(3, help="Interleaved measurement rounds (median kept)."),
        repeat: int = typer.Option(
            4,
            help="Repeat the article set to make each round longer (with --startup: fresh "
            "processes of each kind, median kept).",
        ),
        startup: bool = typer.Option(
            False, "--startup", help="Time the start of `run` in fresh processes instead."
        ),
        as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
        engine: str | None = typer.Option(
            None, "--engine", help="local or ray: articles/s per --workers count instead."
        ),
        workers: str = typer.Option("1,2", "--workers", help="Worker counts, comma-separated."),
        db: str | None = typer.Option(
            None, "--db", help="With --engine: store into this database (default: temporary)."
        ),
    ) -> None:
        """Articles/second of the full pipeline against bare spaCy on the same articles.

        With --startup: the cold start of `run` in fresh processes, by phase, against loading
        the models alone, and whole-process throughput on short articles."""
        if startup:
            _startup(repeat, as_json)
            return
        if not paths:
            from .exceptions import InputError

            raise InputError("bench", "give files or folders of articles, or --startup")
        if engine is not None:
            _engines(paths, engine, workers, repeat, db, as_json)
            return
        result = run_bench(paths, rounds=rounds, repeat=repeat)
        figures = result.figures
        if as_json:
            typer.echo(json.dumps(figures, sort_keys=True))
            return
        typer.echo(f"{result.articles} articles, {result.chars:,} characters, {rounds} rounds")
        typer.echo(f"  bare spaCy            {figures['spacy_articles_per_s']:>8} articles/s")
        typer.echo(
            f"  flashpoint pipeline   {figures['pipeline_articles_per_s']:>8} articles/s"
            f"   ratio {figures['pipeline_ratio']}"
        )
        if figures["run_ratio"] is not None:
            typer.echo(
                f"  flashpoint run+store  {figures['run_articles_per_s']:>8} articles/s"
                f"   ratio {figures['run_ratio']}"
            )
        for name, share in figures.items():
            if name.startswith("share_"):
                typer.echo(f"  {name.removeprefix('share_'):<12} {share:6.1%} of pipeline time")


def _engines(
    paths: list[Path], engine: str, workers: str, repeat: int, db: str | None, as_json: bool
) -> None:
    from .engine import Engine
    from .engine.bench import bench_engines, render
    from .exceptions import InputError

    try:
        chosen = Engine(engine)
        counts = [int(part) for part in workers.split(",")]
    except ValueError as exc:
        raise InputError("bench", f"--engine local|ray and --workers like 1,2 ({exc})") from exc
    if not counts or min(counts) < 1:
        raise InputError("--workers", f"{workers!r}: worker counts are 1 or more")
    figures = bench_engines(paths, chosen, counts, max(1, repeat), db)
    if as_json:
        rows = [dict(vars(item), rate=round(item.rate, 3)) for item in figures]
        typer.echo(json.dumps(rows, sort_keys=True))
        return
    for line in render(figures):
        typer.echo(line)


def _startup(repeats: int, as_json: bool) -> None:
    from .startup import render, run_startup

    result = run_startup(repeats=max(1, repeats))
    if as_json:
        typer.echo(json.dumps(result.figures, sort_keys=True))
        return
    for line in render(result):
        typer.echo(line)
