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
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TYPES = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
    "SANCTION MOBILIZE COERCE ASSAULT"
).split()
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
