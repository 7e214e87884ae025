"""Train the learned event-type reviewer (flashpoint/events/learned.py) and report its figures.

    .venv/bin/python scripts/train_typer.py                      # cross-validate, train, save
    .venv/bin/python scripts/train_typer.py --gsr PATH --no-save # also score on PLOVER GSR

The shipped model is trained only on `train/plover_own.jsonl` (sentences we wrote). Thresholds
are chosen by k-fold cross-validation on that file, never on a gold set we are scored on. With
`--gsr`, the script also reports (a) the held-apart figure of the own-data model on the GSR
records and (b) a k-fold figure for a model that adds the other GSR folds to its training data,
so the two can be compared; neither changes what is saved.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

os.environ["FLASHPOINT_LEARNED_TYPER"] = "off"  # features come from the rules alone

from flashpoint.events import learned  # noqa: E402
from flashpoint.events.ontology import type_modes  # noqa: E402
from flashpoint.model import Document  # noqa: E402
from flashpoint.pipeline import annotate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MARGINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)
NONE_THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def examples(texts: list[str]) -> list[tuple[np.ndarray | None, str]]:
    """(feature row or None, the rules' type) per text; None where the rules found no event."""
    documents = [Document(id=str(i), text=text) for i, text in enumerate(texts)]
    out: list[tuple[np.ndarray | None, str]] = []
    for _, doc in annotate(documents):
        event = learned.main_event(list(doc._.fp_events or []))
        trigger = learned._trigger_token(doc, event) if event is not None else None
        if event is None or trigger is None:
            out.append((None, learned.NONE))
            continue
        out.append((learned.featurize(trigger.sent, trigger, event.event_type), event.event_type))
    return out


def predict(model: learned.TypeModel, row: np.ndarray | None, rule_type: str) -> str:
    if row is None:
        return learned.NONE
    verdict, _ = learned.decide(model, model.probabilities(row)[0], rule_type)
    return verdict


def fit(rows, labels, classes) -> learned.TypeModel:
    keep = [i for i, row in enumerate(rows) if row is not None]
    return learned.train(np.stack([rows[i] for i in keep]), [labels[i] for i in keep], classes)


def accuracy(gold: list[str], predicted: list[str]) -> float:
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(1, len(gold))


def cross_validate(rows, rules, labels, classes, folds, extra=None):
    """Per-threshold predictions for every item, each from a model that never saw its fold."""
    grid = {(m, t): [None] * len(rows) for m in MARGINS for t in NONE_THRESHOLDS}
    for fold in range(folds):
        train_idx = [i for i in range(len(rows)) if i % folds != fold]
        train_rows = [rows[i] for i in train_idx]
        train_labels = [labels[i] for i in train_idx]
        if extra is not None:
            train_rows += extra[0]
            train_labels += extra[1]
        model = fit(train_rows, train_labels, classes)
        for i in range(fold, len(rows), folds):
            for margin, threshold in grid:
                model.margin, model.none_threshold = margin, threshold
                grid[(margin, threshold)][i] = predict(model, rows[i], rules[i])
    return grid


def load_own(path: Path) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            texts.append(item["text"])
            labels.append(item["type"])
    return texts, labels


def load_gsr(path: Path) -> tuple[list[str], list[str]]:
    from flashpoint.evaluate.plover_gsr import load_records
    from flashpoint.events.ontology import load_data

    table = load_data("plover_gsr.yaml")
    renames = table.get("type_renames") or {}
    excluded = set(table.get("excluded_types") or ())
    records = [r for r in load_records(path) if r.get("text") and r.get("event") not in excluded]
    texts = [str(r["text"]).strip().strip("{}").strip() for r in records]
    return texts, [renames.get(r["event"], r["event"]) for r in records]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "train" / "plover_own.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "flashpoint/data/events/typer.npz")
    parser.add_argument("--gsr", type=Path, help="PLOVER GSR file, for comparison figures only")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args(argv)

    texts, labels = load_own(args.data)
    classes = sorted(set(type_modes()) | set(labels) | {learned.NONE})
    pairs = examples(texts)
    rows, rules = [p[0] for p in pairs], [p[1] for p in pairs]
    print(f"own data: {len(texts)} sentences, {sum(r is not None for r in rows)} with a rule event")
    print(f"  rules alone, type accuracy: {accuracy(labels, rules):.3f}")
    grid = cross_validate(rows, rules, labels, classes, args.folds)
    scores = {key: accuracy(labels, predicted) for key, predicted in grid.items()}
    margin, threshold = max(scores, key=lambda key: (round(scores[key], 4), key[0], key[1]))
    print(
        f"  {args.folds}-fold CV, rules + model: {scores[(margin, threshold)]:.3f}"
        f" (margin {margin}, NONE threshold {threshold})"
    )
    model = fit(rows, labels, classes)
    model.margin, model.none_threshold = margin, threshold
    model.meta = {
        "trained_on": str(args.data.relative_to(ROOT)) if args.data.is_relative_to(ROOT) else "",
        "sentences": len(texts),
        "cv_accuracy": round(scores[(margin, threshold)], 4),
        "rules_accuracy": round(accuracy(labels, rules), 4),
    }

    if args.gsr:
        gsr_texts, gsr_labels = load_gsr(args.gsr)
        gsr_pairs = examples(gsr_texts)
        gsr_rows, gsr_rules = [p[0] for p in gsr_pairs], [p[1] for p in gsr_pairs]
        held = [predict(model, row, rule) for row, rule in zip(gsr_rows, gsr_rules, strict=True)]
        print(f"PLOVER GSR: {len(gsr_texts)} records")
        print(f"  rules alone: {accuracy(gsr_labels, gsr_rules):.3f}")
        print(f"  rules + own-data model (held apart): {accuracy(gsr_labels, held):.3f}")
        grid = cross_validate(
            gsr_rows, gsr_rules, gsr_labels, classes, args.folds, extra=(rows, labels)
        )
        key = (margin, threshold)
        print(
            f"  rules + model trained on own data and the other GSR folds"
            f" ({args.folds}-fold): {accuracy(gsr_labels, grid[key]):.3f}"
        )

    if not args.no_save:
        model.save(args.out)
        print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
