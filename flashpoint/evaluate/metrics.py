"""Small scoring helpers shared by the event scorers: accuracy, macro-F1, confusion tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

NONE = "NONE"
# Types a disaster, an accident or a sentence with no event must never yield.
CONFLICT_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST"})


def accuracy(gold: Sequence[object], predicted: Sequence[object]) -> float:
    if not gold:
        return 0.0
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)


def f1(tp: int, fp: int, fn: int) -> float:
    """F1 from counts; 0 when nothing is right (never a vacuous 1)."""
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def macro_f1(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] | None = None
) -> float:
    """Unweighted mean F1 over `labels` (default: the gold labels). A predicted label outside
    them (e.g. NONE) is simply wrong for its row."""
    classes = sorted(set(labels) if labels is not None else set(gold))
    if not classes:
        return 0.0
    scores = []
    for label in classes:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def confusion_table(
    gold: Sequence[str], predicted: Sequence[str], title: str = "gold \\ predicted"
) -> list[str]:
    """Text confusion table: one row per gold label, columns per predicted label."""
    pairs = Counter(zip(gold, predicted, strict=True))
    rows = sorted(set(gold))
    columns = sorted(set(predicted) | set(gold))
    width = max([len(title), *map(len, rows)]) + 1
    cell = max(4, *(len(c[:6]) for c in columns)) + 1
    header = title.ljust(width) + "".join(c[:6].rjust(cell) for c in columns) + "  total  acc"
    lines = ["", header]
    for row in rows:
        counts = [pairs.get((row, column), 0) for column in columns]
        total = sum(counts)
        right = pairs.get((row, row), 0)
        lines.append(
            row.ljust(width)
            + "".join((str(n) if n else ".").rjust(cell) for n in counts)
            + f"  {total:5d}  {right / total if total else 0:.2f}"
        )
    return lines


CONFIDENCE_EDGES = (0.0, 0.2, 0.4, 0.5, 0.6, 0.8, 1.0)


def reliability_table(confidences: Sequence[float], correct: Sequence[bool]) -> list[str]:
    """Text reliability table: events bucketed by confidence against the share that is right,
    and how many of the right ones a 0.5 confidence filter would keep."""
    lines = ["", "confidence   events  correct  share"]
    buckets = list(zip(CONFIDENCE_EDGES, CONFIDENCE_EDGES[1:], strict=False))
    for low, high in buckets:
        last = high == CONFIDENCE_EDGES[-1]
        rows = [
            ok
            for score, ok in zip(confidences, correct, strict=True)
            if low <= score < high or (last and score == high)
        ]
        share = f"{sum(rows) / len(rows):.2f}" if rows else "   -"
        lines.append(f"{low:.1f}-{high:.1f}    {len(rows):7d}  {sum(rows):7d}  {share:>5}")
    right = [score for score, ok in zip(confidences, correct, strict=True) if ok]
    kept = sum(score >= 0.5 for score in right)
    lines.append(
        f"a 0.5 filter keeps {kept} of {len(right)} correct events "
        f"({kept / len(right) if right else 0:.2f}) and "
        f"{sum(score >= 0.5 for score in confidences)} of {len(confidences)} events"
    )
    return lines
