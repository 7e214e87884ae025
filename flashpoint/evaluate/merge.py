"""`flashpoint eval merge eval/merge`: are mentions of one real-world event merged, and only those?

The gold folder holds `articles/*.txt`, `documents.jsonl` (id, file, published, title) and
`gold.jsonl`: one event mention per line (doc_id, quote of its sentence, trigger, PLOVER type,
gold cluster, and `oracle` attributes as a reader would resolve them from that sentence).

The pipeline runs on the articles, predicted mentions are aligned one-to-one to gold mentions
(same document, evidence overlapping the quoted sentence, and either the same type or a trigger
overlapping the gold trigger; nearest trigger first), the merge runs over all predicted events,
and pairwise links and B-cubed are scored over every gold mention: one the pipeline did not find
is a cluster of its own, so its gold links count as misses. `oracle_*` figures score the merge
alone, on events built from the gold attributes. `place_accuracy` and `date_accuracy` score
where and when the aligned events happened against the gold `place` and `date`, where given.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

from ..exceptions import EvalError
from ..geo.distance import haversine_km
from ..merge import merge
from ..model import Actor, Document, Event, Evidence, Place, TimeSpan
from .report import Report

# An event's place within this of the gold point is right (the geoparsing convention, 100 miles).
PLACE_KM = 161.0


@dataclass
class GoldMention:
    doc_id: str
    quote: str
    trigger: str
    event_type: str
    cluster: str
    start: int
    end: int
    trigger_start: int
    trigger_end: int
    oracle: dict


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        raise EvalError(f"{path}: gold file not found")
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise EvalError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
    return records


def load_gold(path: Path) -> tuple[dict[str, Document], list[GoldMention]]:
    folder = path.parent if path.is_file() else path
    documents: dict[str, Document] = {}
    for record in _read_jsonl(folder / "documents.jsonl"):
        file = folder / record["file"]
        if not file.exists():
            raise EvalError(f"{folder / 'documents.jsonl'}: article {record['file']} not found")
        documents[record["id"]] = Document(
            id=record["id"],
            text=file.read_text(encoding="utf-8"),
            title=record.get("title"),
            published=date.fromisoformat(record["published"]) if record.get("published") else None,
            date_source="metadata" if record.get("published") else None,
            path=str(file),
        )
    mentions = []
    gold_path = folder / "gold.jsonl"
    for number, record in enumerate(_read_jsonl(gold_path), 1):
        try:
            text = documents[record["doc_id"]].text
            start = text.index(record["quote"])
            trigger_start = start + record["quote"].index(record["trigger"])
            mentions.append(
                GoldMention(
                    doc_id=record["doc_id"],
                    quote=record["quote"],
                    trigger=record["trigger"],
                    event_type=record["event_type"],
                    cluster=record["cluster"],
                    start=start,
                    end=start + len(record["quote"]),
                    trigger_start=trigger_start,
                    trigger_end=trigger_start + len(record["trigger"]),
                    oracle=record.get("oracle") or {},
                )
            )
        except KeyError as exc:
            raise EvalError(f"{gold_path}:{number}: unknown document or field {exc}") from exc
        except ValueError as exc:
            raise EvalError(f"{gold_path}:{number}: quote or trigger not in the article") from exc
    return documents, mentions


def align(gold: list[GoldMention], events: list[Event]) -> dict[int, Event]:
    """Gold index -> predicted event, one-to-one, best trigger match first.

    Where one sentence holds several gold mentions of a type ("the airstrikes ... for the rocket
    attack"), a prediction must overlap the gold trigger: its position alone does not say which.
    A prediction of another type aligns only on the gold trigger itself: it is the extractor's
    reading of that mention ("storm" read as ASSAULT where the gold says PROTEST), and whether
    the merge still links it is what this scorer measures; same-type predictions win ties.
    """
    crowded = Counter((m.doc_id, m.start, m.event_type) for m in gold)
    options = []
    for gold_index, mention in enumerate(gold):
        ambiguous = crowded[(mention.doc_id, mention.start, mention.event_type)] > 1
        for event_index, event in enumerate(events):
            if event.doc_id != mention.doc_id:
                continue
            if not (event.evidence.start < mention.end and event.evidence.end > mention.start):
                continue
            trigger_start = event.evidence.trigger_start
            if trigger_start is None:
                distance = 10**6
            else:
                trigger_end = event.evidence.trigger_end or trigger_start
                overlaps = (
                    trigger_start < mention.trigger_end and trigger_end > mention.trigger_start
                )
                distance = 0 if overlaps else abs(trigger_start - mention.trigger_start)
            other_type = event.event_type != mention.event_type
            if (ambiguous or other_type) and distance:
                continue
            options.append((distance, other_type, gold_index, event_index))
    aligned: dict[int, Event] = {}
    used: set[int] = set()
    for _, _, gold_index, event_index in sorted(options):
        if gold_index in aligned or event_index in used:
            continue
        aligned[gold_index] = events[event_index]
        used.add(event_index)
    return aligned


def predicted_clusters(gold: list[GoldMention], aligned: dict[int, Event]) -> list[str]:
    """The predicted cluster of every gold mention; one the pipeline missed stands alone, so that
    its links count against recall instead of dropping out of the score."""
    return [
        (aligned[index].canonical_id or aligned[index].id)
        if index in aligned
        else f"missed:{index}"
        for index in range(len(gold))
    ]


def pairwise(gold_labels: list[str], predicted_labels: list[str]) -> tuple[float, float, float]:
    """Precision, recall, F1 of same-event links between every pair of mentions."""
    both = gold_links = predicted_links = 0
    for first, second in combinations(range(len(gold_labels)), 2):
        in_gold = gold_labels[first] == gold_labels[second]
        in_predicted = predicted_labels[first] == predicted_labels[second]
        gold_links += in_gold
        predicted_links += in_predicted
        both += in_gold and in_predicted
    return _prf(both, predicted_links, gold_links)


def bcubed(gold_labels: list[str], predicted_labels: list[str]) -> tuple[float, float, float]:
    if not gold_labels:
        return 0.0, 0.0, 0.0
    precision = recall = 0.0
    for index in range(len(gold_labels)):
        gold_members = {i for i, label in enumerate(gold_labels) if label == gold_labels[index]}
        predicted_members = {
            i for i, label in enumerate(predicted_labels) if label == predicted_labels[index]
        }
        shared = len(gold_members & predicted_members)
        precision += shared / len(predicted_members)
        recall += shared / len(gold_members)
    precision /= len(gold_labels)
    recall /= len(gold_labels)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _prf(both: int, predicted: int, gold: int) -> tuple[float, float, float]:
    # An empty side scores 0, never a vacuous 1: no links predicted is not perfect precision.
    precision = both / predicted if predicted else 0.0
    recall = both / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _actor(code: str | None) -> Actor | None:
    """ "USA/MIL" or "IRQ/REB/KH" (country/sector/knowledge-base id); "=words" when unresolved."""
    if not code:
        return None
    if code.startswith("="):
        return Actor(name=code[1:], text=code[1:])
    country, sector, actor_id = (code.split("/") + ["", ""])[:3]
    # text: a reader's resolution of words in the sentence, never a guess from the place
    return Actor(
        name=code,
        id=actor_id or None,
        text=code,
        country=country or None,
        sector=sector or None,
    )


def _place(code: str | None) -> Place | None:
    """ "Name|CTY|lat|lon", or "Name|CTY" for a place too large to be a point."""
    if not code:
        return None
    name, country, *coords = code.split("|")
    if coords:
        return Place(name, country=country or None, lat=float(coords[0]), lon=float(coords[1]))
    return Place(name, country=country or None, feature="country")


def _date(code: str | None) -> TimeSpan | None:
    if not code:
        return None
    first, _, last = code.partition("/")
    start, end = date.fromisoformat(first), date.fromisoformat(last or first)
    return TimeSpan(start, end, "day" if start == end else "span")


def oracle_events(gold: list[GoldMention]) -> list[Event]:
    """The gold mentions as a perfect extractor would give them."""
    return [
        Event(
            doc_id=mention.doc_id,
            event_type=mention.event_type,
            evidence=Evidence(
                mention.quote,
                mention.start,
                mention.end,
                mention.trigger_start,
                mention.trigger_end,
            ),
            actor=_actor(mention.oracle.get("actor")),
            recipient=_actor(mention.oracle.get("recipient")),
            date=_date(mention.oracle.get("date")),
            location=_place(mention.oracle.get("place")),
            aux=list(mention.oracle.get("aux") or []),
            trigger=mention.trigger,
        )
        for mention in gold
    ]


def attribute_accuracy(gold: list[GoldMention], aligned: dict[int, Event]) -> dict[str, float]:
    """Where and when, on the aligned gold mentions that give them: a place is right within
    PLACE_KM of a gold point, or in the gold country when the gold names only a country
    ("Name|CTY"); a date is right when its first and last days are the gold's."""
    places = dates = right_places = right_dates = 0
    for index, event in aligned.items():
        oracle = gold[index].oracle
        place, when = _place(oracle.get("place")), _date(oracle.get("date"))
        if place is not None:
            places += 1
            found = event.location
            if found is not None and place.lat is None:
                right_places += found.country == place.country
            elif found is not None and found.lat is not None:
                right_places += haversine_km(place.lat, place.lon, found.lat, found.lon) <= PLACE_KM
        if when is not None:
            dates += 1
            found_date = event.date
            right_dates += found_date is not None and (found_date.start, found_date.end) == (
                when.start,
                when.end,
            )
    return {
        "place_accuracy": right_places / places if places else 0.0,
        "date_accuracy": right_dates / dates if dates else 0.0,
        "n_places": places,
        "n_dates": dates,
    }


def _errors(gold: list[GoldMention], labels: list[str], limit: int = 12) -> list[str]:
    lines = []
    for first, second in combinations(range(len(gold)), 2):
        same_gold = gold[first].cluster == gold[second].cluster
        if same_gold == (labels[first] == labels[second]):
            continue
        kind = "wrong link" if not same_gold else "missed link"
        if labels[first].startswith("missed:") or labels[second].startswith("missed:"):
            kind = "not extracted"
        lines.append(
            f"  {kind}: {gold[first].doc_id} {gold[first].trigger!r} ({gold[first].cluster})"
            f" ~ {gold[second].doc_id} {gold[second].trigger!r} ({gold[second].cluster})"
        )
    return lines[:limit] + ([f"  ... {len(lines) - limit} more"] if len(lines) > limit else [])


def evaluate(path: Path) -> Report:
    from ..pipeline import extract_events

    documents, gold = load_gold(Path(path))
    events = [event for _, found in extract_events(list(documents.values())) for event in found]
    result = merge(events, documents)
    aligned = align(gold, result.events)
    gold_labels = [mention.cluster for mention in gold]
    predicted_labels = predicted_clusters(gold, aligned)
    precision, recall, f1 = pairwise(gold_labels, predicted_labels)
    b_precision, b_recall, b_f1 = bcubed(gold_labels, predicted_labels)

    oracle = merge(oracle_events(gold), documents).events
    by_position = {
        (event.doc_id, event.evidence.start, event.evidence.trigger_start): event
        for event in oracle
    }
    oracle_labels = [by_position[(m.doc_id, m.start, m.trigger_start)].canonical_id for m in gold]
    o_precision, o_recall, o_f1 = pairwise([m.cluster for m in gold], oracle_labels)

    copies = sum(1 for doc_id, original in result.duplicates.items() if doc_id != original)
    metrics: dict[str, float | int] = {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "bcubed_precision": b_precision,
        "bcubed_recall": b_recall,
        "bcubed_f1": b_f1,
        "alignment_recall": len(aligned) / len(gold) if gold else 0.0,
        "oracle_precision": o_precision,
        "oracle_recall": o_recall,
        "oracle_f1": o_f1,
        "n_gold": len(gold),
        "n_gold_clusters": len({m.cluster for m in gold}),
        "n_aligned": len(aligned),
        "n_predicted": len(events),
        "n_predicted_clusters": len({event.canonical_id for event in result.events}),
        "n_duplicate_documents": copies,
        **attribute_accuracy(gold, aligned),
    }
    details = ["pipeline errors:"] + _errors(gold, predicted_labels)
    details += ["oracle errors:"] + _errors(gold, oracle_labels)
    return Report(name=f"merge ({path})", metrics=metrics, details=details)
