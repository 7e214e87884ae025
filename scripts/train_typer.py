"""Train the learned event-type reviewer (flashpoint/events/learned.py) and report its figures.

    .venv/bin/python scripts/train_typer.py                      # cross-validate, train, save
    .venv/bin/python scripts/train_typer.py --gsr PATH --no-save # also score on PLOVER GSR

The shipped model is trained only on `train/plover_own.jsonl` (sentences we wrote). Its
regularisation and the probability at which it calls a sentence "no event" are chosen by k-fold
cross-validation on that file, never on a gold set we are scored on: the choice maximises rule
events demoted on no-event sentences minus five times the true events demoted. Relabelling one
type as another is measured (cross-validated, and on the GSR held apart with `--gsr`) but left
off: cross-validated on our sentences it gained under one point, and on the GSR it lost. The
proposer (an event for a sentence the rules found nothing in) is chosen the same way, counting
right proposals minus three times wrong ones.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

os.environ["FLASHPOINT_LEARNED_TYPER"] = "off"  # features come from the rules alone

from flashpoint.events import learned, review  # noqa: E402
from flashpoint.events.lexicon import load_lexicon  # noqa: E402
from flashpoint.events.ontology import type_modes  # noqa: E402
from flashpoint.model import Document  # noqa: E402
from flashpoint.pipeline import annotate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
L2_GRID = (1e-3, 1e-2)
NONE_THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
MARGINS = (0.2, 0.4, 0.6)
# A true event demoted costs more than a false one left in: analysts lose what they never see.
LOST_EVENT_COST = 5
RELABEL_OFF = 1.01
PROPOSER_L2_GRID = (1e-3, 3e-3)
PROPOSAL_THRESHOLDS = (0.4, 0.5, 0.6, 0.7)
WRONG_PROPOSAL_COST = 3  # type changes measured below did not carry over to text from other sources


@dataclass
class Example:
    row: np.ndarray | None  # the reviewer's row, None where the rules found no event
    rule: str  # the rules' main-event type, NONE where they found none
    proposal_row: np.ndarray  # the proposer's row for the sentence's main verb
    proposable: bool  # no rule event, and a main verb with a subject


def examples(texts: list[str]) -> list[Example]:
    documents = [Document(id=str(i), text=text) for i, text in enumerate(texts)]
    lexicon = load_lexicon()
    out: list[Example] = []
    for _, doc in annotate(documents):
        sentence = next(iter(doc.sents))
        proposal_row = learned.featurize(sentence, sentence.root, None, dense=False)
        event = review.main_event(list(doc._.fp_events or []))
        trigger = review.trigger_token(doc, event) if event is not None else None
        if event is None or trigger is None:
            verb = review.content_verb(sentence, lexicon)
            proposable = verb is not None and any(
                child.dep_ in review.SUBJECTS for child in verb.children
            )
            out.append(Example(None, learned.NONE, proposal_row, proposable))
            continue
        row = learned.featurize(trigger.sent, trigger, event.event_type)
        out.append(Example(row, event.event_type, proposal_row, False))
    return out


def fit(rows, labels, classes, l2: float) -> learned.TypeModel:
    keep = [i for i, row in enumerate(rows) if row is not None]
    return learned.train(
        np.stack([rows[i] for i in keep]), [labels[i] for i in keep], classes, l2=l2
    )


def accuracy(gold: list[str], predicted: list[str]) -> float:
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(1, len(gold))


def out_of_fold(rows, labels, classes, folds: int, l2: float) -> list[np.ndarray | None]:
    """Each item's probabilities from a model that never saw its fold."""
    probs: list[np.ndarray | None] = [None] * len(rows)
    for fold in range(folds):
        train_idx = [i for i in range(len(rows)) if i % folds != fold]
        model = fit([rows[i] for i in train_idx], [labels[i] for i in train_idx], classes, l2)
        for i in range(fold, len(rows), folds):
            if rows[i] is not None:
                probs[i] = model.probabilities(rows[i])[0]
    return probs


def none_counts(probs, labels, column: int, threshold: float) -> tuple[int, int, int, int]:
    """(false events caught, false events, true events demoted, true events)."""
    caught = false = lost = true = 0
    for prob, label in zip(probs, labels, strict=True):
        if prob is None:
            continue
        flagged = prob[column] >= threshold
        if label == learned.NONE:
            false, caught = false + 1, caught + flagged
        else:
            true, lost = true + 1, lost + flagged
    return caught, false, lost, true


def relabel_accuracy(probs, rules, labels, classes, margin: float) -> float:
    model = learned.TypeModel(classes, np.zeros((1, 1)), np.zeros(1), np.zeros(1), np.ones(1))
    model.margin, model.none_threshold = margin, 2.0
    predicted = [
        rule if prob is None else review.decide(model, prob, rule)[0]
        for prob, rule in zip(probs, rules, strict=True)
    ]
    return accuracy(labels, predicted)


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


def proposal_counts(items, labels, probs, classes, threshold: float) -> tuple[int, int, int]:
    """Over sentences the rules found nothing in: proposals of the right type, of a wrong type,
    and on sentences with no event."""
    right = wrong = spurious = 0
    for item, label, prob in zip(items, labels, probs, strict=True):
        if not item.proposable or prob is None:
            continue
        best = int(np.argmax(prob))
        if classes[best] == learned.NONE or prob[best] < threshold:
            continue
        if label == learned.NONE:
            spurious += 1
        elif classes[best] == label:
            right += 1
        else:
            wrong += 1
    return right, wrong, spurious


def train_reviewer(items, labels, classes, folds: int) -> learned.TypeModel:
    rows = [item.row for item in items]
    rules = [item.rule for item in items]
    column = classes.index(learned.NONE)
    best, scores = None, {}
    for l2 in L2_GRID:
        probs = out_of_fold(rows, labels, classes, folds, l2)
        for threshold in NONE_THRESHOLDS:
            caught, false, lost, true = none_counts(probs, labels, column, threshold)
            print(
                f"  reviewer {folds}-fold CV, l2 {l2}, NONE at {threshold}: demotes"
                f" {caught}/{false} rule events on no-event sentences, {lost}/{true} true events"
            )
            scores[(l2, threshold)] = (caught - LOST_EVENT_COST * lost, threshold)
            if best is None or scores[(l2, threshold)] > scores[best]:
                best = (l2, threshold)
        for margin in MARGINS:
            print(
                f"  reviewer {folds}-fold CV, l2 {l2}, relabel at margin {margin}: type accuracy"
                f" {relabel_accuracy(probs, rules, labels, classes, margin):.3f}"
            )
    l2, threshold = best
    print(f"reviewer: l2 {l2}, NONE threshold {threshold}, relabelling off")
    model = fit(rows, labels, classes, l2)
    model.margin, model.none_threshold = RELABEL_OFF, threshold
    model.meta = {"trained_on": "train/plover_own.jsonl", "sentences": len(items), "l2": l2}
    return model


def train_proposer(items, labels, classes, folds: int) -> learned.TypeModel:
    rows = [item.proposal_row for item in items]
    best, scores = None, {}
    for l2 in PROPOSER_L2_GRID:
        probs = out_of_fold(rows, labels, classes, folds, l2)
        for threshold in PROPOSAL_THRESHOLDS:
            right, wrong, spurious = proposal_counts(items, labels, probs, classes, threshold)
            print(
                f"  proposer {folds}-fold CV, l2 {l2}, at {threshold}: on sentences without a"
                f" rule event, {right} right, {wrong} wrong type, {spurious} on no-event sentences"
            )
            scores[(l2, threshold)] = (right - WRONG_PROPOSAL_COST * (wrong + spurious), threshold)
            if best is None or scores[(l2, threshold)] > scores[best]:
                best = (l2, threshold)
    l2, threshold = best
    print(f"proposer: l2 {l2}, threshold {threshold}")
    model = fit(rows, labels, classes, l2)
    model.margin, model.none_threshold = RELABEL_OFF, threshold
    model.meta = {
        "trained_on": "train/plover_own.jsonl",
        "sentences": len(items),
        "l2": l2,
        "dense": False,
    }
    return model


def held_apart(path: Path, items, reviewer, proposer, classes, labels=None) -> None:
    column = classes.index(learned.NONE)
    fired = [item for item in items if item.row is not None]
    demoted = sum(
        reviewer.probabilities(item.row)[0][column] >= reviewer.none_threshold for item in fired
    )
    probs = [proposer.probabilities(item.proposal_row)[0] for item in items]
    gold = labels or [learned.NONE] * len(items)
    right, wrong, spurious = proposal_counts(items, gold, probs, classes, proposer.none_threshold)
    print(f"{path.name} (held apart): {len(items)} sentences, rules fire on {len(fired)}")
    print(f"  reviewer demotes {demoted} of those rule events")
    print(
        f"  proposer, where the rules found nothing: {right} right, {wrong} wrong type,"
        f" {spurious} on no-event sentences"
    )
    if labels is not None:
        rules = [item.rule for item in items]
        print(f"  rules alone, type accuracy: {accuracy(labels, rules):.3f}")
        for margin in MARGINS:
            review_probs = [
                None if item.row is None else reviewer.probabilities(item.row)[0] for item in items
            ]
            print(
                f"  relabel at margin {margin}: type accuracy"
                f" {relabel_accuracy(review_probs, rules, labels, classes, margin):.3f}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "train" / "plover_own.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "flashpoint" / "data" / "events")
    parser.add_argument("--gsr", type=Path, help="PLOVER GSR file, for comparison figures only")
    parser.add_argument("--no-events", type=Path, default=ROOT / "eval" / "no_events.txt")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args(argv)

    texts, labels = load_own(args.data)
    classes = sorted(set(type_modes()) | set(labels) | {learned.NONE})
    items = examples(texts)
    fired = sum(item.row is not None for item in items)
    print(f"own data: {len(texts)} sentences, {fired} with a rule event")
    rules = [item.rule for item in items]
    print(f"  rules alone, main-event type accuracy: {accuracy(labels, rules):.3f}")
    reviewer = train_reviewer(items, labels, classes, args.folds)
    proposer = train_proposer(items, labels, classes, args.folds)

    if args.no_events and args.no_events.exists():
        held = [
            line.strip()
            for line in args.no_events.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        held_apart(args.no_events, examples(held), reviewer, proposer, classes)
    if args.gsr:
        gsr_texts, gsr_labels = load_gsr(args.gsr)
        held_apart(args.gsr, examples(gsr_texts), reviewer, proposer, classes, gsr_labels)

    if not args.no_save:
        reviewer.save(args.out / learned.REVIEWER_FILE)
        proposer.save(args.out / learned.PROPOSER_FILE)
        print(f"saved {learned.REVIEWER_FILE} and {learned.PROPOSER_FILE} in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
