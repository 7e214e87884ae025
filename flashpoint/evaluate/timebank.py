"""`flashpoint eval timebank PATH`: time expressions against TimeBank-style TimeML (.tml) files.

Each file's creation time (the DCT TIMEX3) anchors the recogniser, which reads the plain text
of <TEXT>. Only gold TIMEX3 of type DATE are scored; a system expression that overlaps a gold
expression of another type (DURATION, TIME, SET) is neither right nor wrong, and system
expressions that are not dates (durations, times of day) are not scored at all.

Figures: span precision/recall/F1, strict (same offsets) and overlapping (TempEval-3 "relaxed");
value_accuracy: share of overlapping matches whose value is exactly the gold value (TempEval-3
value accuracy); value_f1: F1 where a hit must overlap AND carry the gold value.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..exceptions import EvalError
from ..timex.recognize import find_timexes
from .report import Report

TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    kind: str
    value: str


@dataclass
class TimeMLDocument:
    name: str
    text: str
    anchor: date | None
    timexes: list[GoldTimex]


def parse(path: Path) -> TimeMLDocument:
    """Plain text of <TEXT>, its TIMEX3 with offsets in that text, and the creation date."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    anchor = None
    for match in re.finditer(r"<TIMEX3([^>]*)>", raw):
        attributes = dict(ATTRIBUTE.findall(match[1]))
        if attributes.get("functionInDocument") == "CREATION_TIME":
            found = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", attributes.get("value", ""))
            if found:
                anchor = date(int(found[1]), int(found[2]), int(found[3]))
            break
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.DOTALL)
    if body is None:
        raise EvalError(f"{path}: no <TEXT> element; is this a TimeML file?")
    parts: list[str] = []
    length = 0
    timexes: list[GoldTimex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    position = 0
    content = body[1]
    for tag in TAG.finditer(content):
        chunk = html.unescape(content[position : tag.start()])
        parts.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag[2] != "TIMEX3":
            continue
        if not tag[1]:
            open_timex = (length, dict(ATTRIBUTE.findall(tag[3])))
        elif open_timex is not None:
            start, attributes = open_timex
            text = "".join(parts)[start:length]
            timexes.append(
                GoldTimex(
                    start, length, text, attributes.get("type", ""), attributes.get("value", "")
                )
            )
            open_timex = None
    parts.append(html.unescape(content[position:]))
    return TimeMLDocument(path.name, "".join(parts), anchor, timexes)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def evaluate(path: Path) -> Report:
    path = Path(path)
    files = sorted(path.glob("*.tml")) if path.is_dir() else [path]
    if not files or not all(file.exists() for file in files):
        raise EvalError(f"{path}: no TimeML .tml files found")
    counts = dict.fromkeys(("gold", "system", "strict", "overlap", "value"), 0)
    errors: list[str] = []
    for file in files:
        document = parse(file)
        gold = [timex for timex in document.timexes if timex.kind == "DATE"]
        others = [timex for timex in document.timexes if timex.kind != "DATE"]
        system = [
            timex
            for timex in find_timexes(document.text, document.anchor)
            if timex.kind == "DATE"
            and not any(timex.start < o.end and o.start < timex.end for o in others)
        ]
        counts["gold"] += len(gold)
        counts["system"] += len(system)
        for timex in gold:
            hits = [s for s in system if s.start < timex.end and timex.start < s.end]
            if not hits:
                errors.append(f"  miss  {document.name}: {timex.text!r} = {timex.value}")
                continue
            best = next((s for s in hits if (s.start, s.end) == (timex.start, timex.end)), hits[0])
            counts["overlap"] += 1
            counts["strict"] += (best.start, best.end) == (timex.start, timex.end)
            if best.value == timex.value:
                counts["value"] += 1
            else:
                errors.append(
                    f"  value {document.name}: {timex.text!r} = {timex.value}, "
                    f"got {best.text!r} = {best.value}"
                )
        for timex in system:
            if not any(timex.start < g.end and g.start < timex.end for g in gold):
                errors.append(f"  extra {document.name}: {timex.text!r} = {timex.value}")
    n_gold, n_system = counts["gold"], counts["system"]

    def figures(hits: int) -> tuple[float, float, float]:
        precision = hits / n_system if n_system else 0.0
        recall = hits / n_gold if n_gold else 0.0
        return precision, recall, _f1(precision, recall)

    strict = figures(counts["strict"])
    relaxed = figures(counts["overlap"])
    valued = figures(counts["value"])
    metrics: dict[str, float | int] = {
        "span_precision": relaxed[0],
        "span_recall": relaxed[1],
        "span_f1": relaxed[2],
        "span_f1_strict": strict[2],
        "value_accuracy": counts["value"] / counts["overlap"] if counts["overlap"] else 0.0,
        "value_f1": valued[2],
        "n_gold": n_gold,
        "n_system": n_system,
        "n_files": len(files),
    }
    return Report("timebank (TIMEX3 DATE)", metrics, details=errors[:200])
