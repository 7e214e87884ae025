"""Training examples for the event reader, read from our labelled files and, where asked, from
gold sets in ../shared (read in place; no third-party sentence is copied into the project).

Every source becomes `Example`s: a text, its events (type, mode, aux modes, character spans of
trigger / actor / recipient / place / time) and flags that say which losses it can teach (a
sentence labelled with a type alone teaches no spans).
"""

from __future__ import annotations

import csv
import json
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TYPES = [
    *("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST"),
    *("ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
]
ROLES = ("trigger", "actor", "recipient", "place", "time")
# The corpus says "negated"; the product's events have always said "negation".
AUX = ("negation", "future", "hypothetical", "historical")
AUX_NAMES = {"negated": "negation", "negation": "negation", "future": "future"}
AUX_NAMES |= {"hypothetical": "hypothetical", "historical": "historical"}


@dataclass
class Event:
    type: str
    mode: str | None = None
    aux: tuple[str, ...] = ()
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass
class Example:
    text: str
    events: list[Event]
    source: str
    has_spans: bool = True
    weight: float = 1.0
    group: str = ""  # examples of one group (a story) stay in one fold


def modes() -> list[str]:
    data = yaml.safe_load((ROOT / "flashpoint/data/events/ontology.yaml").read_text())
    found = {m for spec in data["types"].values() for m in spec.get("modes") or []}
    return sorted(found)


def _span(text: str, value: object, offset: int = 0) -> tuple[int, int] | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return int(value["start"]) - offset, int(value["end"]) - offset
    if isinstance(value, list | tuple):
        return int(value[0]) - offset, int(value[1]) - offset
    start = text.find(str(value))
    return (start, start + len(str(value))) if start >= 0 else None


def _event(raw: dict, text: str, offset: int = 0) -> Event | None:
    kind = raw.get("type")
    if kind not in TYPES:
        return None
    spans = {}
    for role in ROLES:
        span = _span(text, raw.get(role), offset)
        if span is not None and 0 <= span[0] < span[1] <= len(text):
            spans[role] = span
    aux = tuple(AUX_NAMES[a] for a in raw.get("aux") or () if a in AUX_NAMES)
    return Event(kind, raw.get("mode"), aux, spans)


def load_sentences(path: Path, source: str) -> list[Example]:
    """Our sentences: one JSON object a line with `text` and `events` (see train/README.md)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text = row["text"]
        if "events" in row:
            events = [e for e in (_event(r, text) for r in row["events"]) if e is not None]
            out.append(Example(text, events, source))
        else:  # the first corpus: one type a sentence, participants as descriptions
            kind = row.get("type")
            events = [Event(kind, row.get("mode"))] if kind in TYPES else []
            out.append(Example(text, events, source, has_spans=False))
    return out


def load_standoff(path: Path, stories: dict[str, str], source: str) -> list[Example]:
    """Stand-off labels over real stories: story id and offsets here, the text in ../shared."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        story = stories.get(row["story"])
        if story is None:
            continue
        start, end = int(row["start"]), int(row["end"])
        text = story[start:end]
        events = [e for e in (_event(r, text, start) for r in row["events"]) if e is not None]
        out.append(Example(text, events, source, group=row["story"]))
    return out


def read_stories(path: Path) -> dict[str, str]:
    stories = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            stories[row["id"]] = row["text"]
    return stories


def own_corpus(shared: Path) -> list[Example]:
    """Everything in train/: our sentences and the stand-off labels of real stories."""
    examples = load_sentences(ROOT / "train/plover_own.jsonl", "own-first")
    for path in sorted((ROOT / "train/sentences").glob("*.jsonl")):
        examples += load_sentences(path, f"own-{path.stem}")
    voa = shared / "corpus/voa_dev/voa_dev.jsonl"
    labels = ROOT / "train/voa/voa_dev.labels.jsonl"
    if voa.exists() and labels.exists():
        examples += load_standoff(labels, read_stories(voa), "voa")
    return examples


FIRST_SENTENCE = re.compile(r"^(.{30,400}?[.!?])(?:\s+[A-Z\"“]|\s*$)", re.S)


def ngec_synthetic(shared: Path, per_type: int = 120) -> list[Example]:
    """The first sentence of each synthetic story, typed with the story's label (weak)."""
    path = shared / "train/ngec_synthetic/synthetic_events.csv"
    if not path.exists():
        return []
    counts: dict[str, int] = {}
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            kind = (row.get("label") or "").upper()
            match = FIRST_SENTENCE.match((row.get("text") or "").strip())
            if kind not in TYPES or match is None or counts.get(kind, 0) >= per_type:
                continue
            counts[kind] = counts.get(kind, 0) + 1
            mode = (row.get("mode") or "").lower() or None
            event = Event(kind, mode)
            out.append(Example(match.group(1), [event], "ngec", has_spans=False, weight=0.5))
    return out


def plover_gsr(shared: Path) -> list[Example]:
    """The PLOVER GSR dev half, typed (several records on one sentence make it multi-label).
    Only for out-of-fold runs: its figures must never come from a model that saw its sentence."""
    path = shared / "eval/plover_gsr/PLOVER_GSR_CAMEO.dev.json"
    table = yaml.safe_load((ROOT / "flashpoint/data/events/plover_gsr.yaml").read_text())
    renames, modes_renamed = table.get("type_renames") or {}, table.get("mode_renames") or {}
    by_text: dict[str, Example] = {}
    for record in json.loads(path.read_text(encoding="utf-8")):
        kind = renames.get(record.get("event"), record.get("event"))
        text = str(record.get("text") or "").strip().strip("{}").strip()
        if kind not in TYPES or not text:
            continue
        example = by_text.setdefault(text, Example(text, [], "gsr", has_spans=False, group=text))
        if kind not in {e.type for e in example.events}:
            mode = modes_renamed.get(record.get("mode") or "", record.get("mode") or None)
            example.events.append(Event(kind, mode))
    return list(by_text.values())


def case2021(shared: Path) -> list[Example]:
    """The CASE 2021 dev half: conflict snippets typed by their class, disasters and crime as no
    event (same out-of-fold rule as the GSR)."""
    path = shared / "eval/case2021/task2.dev.tsv"
    table = yaml.safe_load((ROOT / "flashpoint/data/events/acled_plover.yaml").read_text())
    mapping = table.get("to_plover") or {}
    out = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)
        for row in reader:
            if len(row) < 3 or not row[1].strip():
                continue
            label = row[2].strip()
            if label in ("NATURAL_DISASTER", "MAN_MADE_DISASTER", "ORG_CRIME"):
                events = []
            elif (mapping.get(label) or {}).get("type") in TYPES:
                spec = mapping[label]
                events = [Event(spec["type"], spec.get("mode"))]
            else:
                continue
            out.append(Example(row[1], events, "case", has_spans=False, group=f"case-{row[0]}"))
    return out


def fold_of(example: Example, folds: int) -> int:
    """A fixed fold for each group (crc32 is stable across processes, unlike hash())."""
    return zlib.crc32(example.group.encode("utf-8")) % folds


def gold_examples(shared: Path, folds: int, held: int) -> list[Example]:
    """GSR and CASE dev examples outside fold `held` (all of them when `held` is -1)."""
    examples = plover_gsr(shared) + case2021(shared)
    return [e for e in examples if held < 0 or fold_of(e, folds) != held]
