"""`flashpoint eval case2021 FILE`: score the coder on CASE 2021 task 2 (ACLED-style classes).

Rows are news snippets (`id`, `EventSnippet`, `SubType`). Only rows whose gold class is a conflict
class (the classes listed in `event_types.txt` beside the gold file) are scored; the others
(disasters, diplomacy, crime, attribution) are left out.

Which prediction is scored: the snippet goes through the full pipeline and one ACLED-style
reading of the report is taken (`flashpoint.events.acled.acled_event`): the event with the
highest confidence, not negated, of the first sentence that has one (a report leads with its
news), except where police or troops act on a protest, where
ACLED's codebook files the report under the protest (with intervention), the riot, or the
excessive force; none means NONE (wrong). The gold is never looked at to choose.

Metrics:
  type_accuracy     predicted PLOVER type == the type the gold class maps to in
                    `data/events/acled_plover.yaml`, over conflict rows whose class has a PLOVER
                    type (classes mapped to null, e.g. CHANGE_TO_GROUP_ACT and OTHER, are left out)
  type_macro_f1     macro-F1 over those gold PLOVER types
  subevent_macro_f1 macro-F1 over all conflict classes, the predicted class being the reverse
                    mapping of the predicted type+mode (+context) (`from_plover` in the same file),
                    narrowed by trigger/sentence words and the actor's sector (`refine`), or
                    the protest-intervention class the reading above gives
  disaster_conflict_share  disaster and accident snippets (NATURAL_DISASTER, MAN_MADE_DISASTER)
                    that yield any ASSAULT, COERCE or PROTEST event (lower is better)
  n                 rows in type_accuracy;  n_conflict: conflict rows in subevent_macro_f1
The text report ends with a reliability table (scored events by confidence vs share typed right).
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..events.acled import acled_event
from ..events.ontology import acled_to_plover
from ..exceptions import EvalError
from ..model import Document
from .metrics import CONFLICT_TYPES, NONE, accuracy, confusion_table, macro_f1, reliability_table
from .report import Report

# Snippets about disasters and accidents: no conflict event should come out of them.
DISASTER_CLASSES = frozenset({"NATURAL_DISASTER", "MAN_MADE_DISASTER"})


def load_rows(path: Path) -> list[tuple[str, str, str]]:
    try:
        with Path(path).open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(reader, None)
            if not header or len(header) < 3:
                raise EvalError(f"{path}: expected a TSV header with id, snippet and class")
            rows = [(r[0], r[1], r[2].strip()) for r in reader if len(r) >= 3 and r[1].strip()]
    except FileNotFoundError as exc:
        raise EvalError(f"{path}: gold file not found") from exc
    return rows


def conflict_classes(path: Path) -> set[str]:
    listing = Path(path).parent / "event_types.txt"
    if not listing.exists():
        raise EvalError(f"{listing}: list of conflict classes not found beside the gold file")
    return {
        line.strip() for line in listing.read_text(encoding="utf-8").splitlines() if line.strip()
    }


def evaluate(path: Path) -> Report:
    from ..pipeline import annotate

    classes = conflict_classes(path)
    every = load_rows(path)
    rows = [row for row in every if row[2] in classes]
    disasters = [row for row in every if row[2] in DISASTER_CLASSES]
    if not rows:
        raise EvalError(f"{path}: no rows with a conflict class")
    mapping = acled_to_plover()
    unknown = {row[2] for row in rows} - set(mapping)
    if unknown:
        raise EvalError(f"{path}: classes missing from acled_plover.yaml: {sorted(unknown)}")
    documents = [Document(id=f"case-{row[0]}", text=row[1]) for row in rows + disasters]
    found = [list(doc._.fp_events or []) for _, doc in annotate(documents)]
    readings = [acled_event(events) for events in found[: len(rows)]]
    wrongly_violent = [
        any(event.event_type in CONFLICT_TYPES for event in events) for events in found[len(rows) :]
    ]
    predictions = [event for event, _ in readings]

    gold_types, predicted_types = [], []
    gold_classes, predicted_classes = [], []
    for (_, _, gold_class), (event, found_class) in zip(rows, readings, strict=True):
        predicted_class = found_class or NONE
        gold_classes.append(gold_class)
        predicted_classes.append(predicted_class)
        gold_type = mapping[gold_class].type
        if gold_type is not None:
            gold_types.append(gold_type)
            predicted_types.append(event.event_type if event else NONE)

    metrics: dict[str, float | int] = {
        "type_accuracy": accuracy(gold_types, predicted_types),
        "type_macro_f1": macro_f1(gold_types, predicted_types),
        "subevent_macro_f1": macro_f1(gold_classes, predicted_classes, sorted(classes)),
        "n": len(gold_types),
        "n_conflict": len(rows),
        "disaster_conflict_share": (
            sum(wrongly_violent) / len(wrongly_violent) if wrongly_violent else 0.0
        ),
        "n_disaster": len(disasters),
    }
    details = confusion_table(gold_types, predicted_types, "PLOVER type")
    details += confusion_table(gold_classes, predicted_classes, "ACLED class")
    # reliability: does confidence track whether the type is right?
    mapped = [
        (event.confidence or 0.0, event.event_type == mapping[gold_class].type)
        for (_, _, gold_class), event in zip(rows, predictions, strict=True)
        if event is not None and mapping[gold_class].type is not None
    ]
    details += reliability_table([c for c, _ in mapped], [ok for _, ok in mapped])
    return Report("case2021", metrics, details)
