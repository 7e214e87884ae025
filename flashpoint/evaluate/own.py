"""`flashpoint eval own FILE`: score the coder on our own labelled sentences (the blind set).

The file has one JSON object a line, as in `train/README.md`: `text` and `events`, each event
with `type`, `mode`, `aux` and character spans (`{"start", "end", "text"}`) of its trigger, actor,
recipient, place and time. Each sentence is run through the full pipeline on its own.

Metrics:
  type_accuracy      the main event's type (highest confidence, not negated) is one of the
                     sentence's gold types, or both are NONE
  type_macro_f1      macro-F1 over the types (and NONE) found in gold or output, of
                     sentence-level type sets (a sentence with two gold types counts for both)
  event_f1           micro-F1 of (sentence, type) pairs over the 16 types
  actor_span_f1      micro-F1 of (sentence, type, actor span) triples; a predicted span matches a
                     gold one of the same type when they share at least half their characters
  recipient_span_f1  the same for recipients
  mode_accuracy      over gold events with a mode whose type was found: the mode is right
  none_conflict_share  NONE sentences that yield an ASSAULT, COERCE or PROTEST (lower is better)
  n                  sentences
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ..events.coder import main_event
from ..exceptions import EvalError
from ..model import Document, Event
from .metrics import CONFLICT_TYPES, NONE, confusion_table, f1, reliability_table
from .report import Report


def load_sentences(path: Path) -> list[dict]:
    files = sorted(Path(path).glob("*.jsonl")) if Path(path).is_dir() else [Path(path)]
    rows: list[dict] = []
    for file in files:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError as exc:
            raise EvalError(f"{file}: gold file not found") from exc
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalError(f"{file}:{number}: not valid JSON ({exc})") from exc
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise EvalError(f"{file}:{number}: expected an object with a text")
            rows.append(row)
    if not rows:
        raise EvalError(f"{path}: no labelled sentences")
    return rows


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared * 2 >= max(a[1] - a[0], b[1] - b[0])


def _span_f1(gold: list[set], predicted: list[set]) -> float:
    tp = fp = fn = 0
    for gold_items, predicted_items in zip(gold, predicted, strict=True):
        matched: set = set()
        for kind, span in predicted_items:
            hit = next(
                (
                    g
                    for g in gold_items
                    if g not in matched and g[0] == kind and _overlaps(g[1], span)
                ),
                None,
            )
            if hit is None:
                fp += 1
            else:
                tp += 1
                matched.add(hit)
        fn += len(gold_items) - len(matched)
    return f1(tp, fp, fn)


def _gold_spans(row: dict, role: str) -> set:
    out = set()
    for event in row.get("events") or []:
        span = event.get(role)
        if isinstance(span, dict):
            out.add((event["type"], (int(span["start"]), int(span["end"]))))
    return out


def _predicted_spans(events: list[Event], role: str) -> set:
    out = set()
    for event in events:
        party = getattr(event, role)
        if party is not None and party.start is not None and party.end is not None:
            out.add((event.event_type, (party.start, party.end)))
    return out


def evaluate(path: Path) -> Report:
    from ..pipeline import annotate

    rows = load_sentences(path)
    documents = [Document(id=f"own-{i}", text=row["text"]) for i, row in enumerate(rows)]
    predicted = [list(doc._.fp_events or []) for _, doc in annotate(documents)]

    gold_sets = [{e["type"] for e in row.get("events") or []} or {NONE} for row in rows]
    predicted_sets = [{e.event_type for e in events} or {NONE} for events in predicted]
    mains = [main_event(events) for events in predicted]
    main_types = [event.event_type if event else NONE for event in mains]
    hits = [p in g for p, g in zip(main_types, gold_sets, strict=True)]

    counts: Counter = Counter()
    for gold, found in zip(gold_sets, predicted_sets, strict=True):
        for label in gold | found:
            counts[
                label,
                "tp" if label in gold and label in found else ("fn" if label in gold else "fp"),
            ] += 1
    labels = sorted(
        {label for sets in (gold_sets, predicted_sets) for found in sets for label in found}
    )
    f1s = [f1(counts[label, "tp"], counts[label, "fp"], counts[label, "fn"]) for label in labels]
    typed = [label for label in labels if label != NONE]
    tp = sum(counts[label, "tp"] for label in typed)
    fp = sum(counts[label, "fp"] for label in typed)
    fn = sum(counts[label, "fn"] for label in typed)

    mode_hits = []
    for row, events in zip(rows, predicted, strict=True):
        by_type = {e.event_type: e for e in events}
        for gold in row.get("events") or []:
            if gold.get("mode") and gold["type"] in by_type:
                mode_hits.append(by_type[gold["type"]].mode == gold["mode"])
    none_rows = [
        found for gold, found in zip(gold_sets, predicted_sets, strict=True) if gold == {NONE}
    ]
    metrics: dict[str, float | int] = {
        "type_accuracy": sum(hits) / len(hits),
        "type_macro_f1": sum(f1s) / len(f1s),
        "event_f1": f1(tp, fp, fn),
        "actor_span_f1": _span_f1(
            [_gold_spans(r, "actor") for r in rows],
            [_predicted_spans(e, "actor") for e in predicted],
        ),
        "recipient_span_f1": _span_f1(
            [_gold_spans(r, "recipient") for r in rows],
            [_predicted_spans(e, "recipient") for e in predicted],
        ),
        "mode_accuracy": sum(mode_hits) / len(mode_hits) if mode_hits else 0.0,
        "none_conflict_share": (
            sum(1 for found in none_rows if found & CONFLICT_TYPES) / len(none_rows)
            if none_rows
            else 0.0
        ),
        "n": len(rows),
    }
    first_gold = [
        sorted(g)[0] if len(g) == 1 else next(iter(g & {p}), sorted(g)[0])
        for g, p in zip(gold_sets, main_types, strict=True)
    ]
    details = confusion_table(first_gold, main_types)
    scored = [(e.confidence or 0.0, ok) for e, ok in zip(mains, hits, strict=True) if e is not None]
    details += reliability_table([c for c, _ in scored], [ok for _, ok in scored])
    return Report("own", metrics, details)
