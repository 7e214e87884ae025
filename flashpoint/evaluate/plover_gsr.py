"""`flashpoint eval plover-gsr FILE`: score the event coder on the PLOVER gold standard records.

Each gold record is one sentence with one event (the same sentence may carry several records).
Which prediction is scored: the sentence is run through the full pipeline and the event with the
highest confidence that is not negated is taken (first one on ties); if there is none the
prediction is NONE and counts as wrong. The gold is never looked at to choose.

Older PLOVER names are mapped with `data/events/plover_gsr.yaml` (DEMAND=REQUEST,
DISAPPROVE=ACCUSE, FIGHT=ASSAULT, INVESTIGATE=ACCUSE); DOCUMENT and CRIME records are excluded.

Metrics:
  type_accuracy               predicted type == gold type, over all scored records (n)
  type_macro_f1               macro-F1 over the gold types
  mode_accuracy               over records with a gold mode: type and mode both right
  actor_country_accuracy      over records with gold actor codes: the actor's country (or IGO)
                              is one of them (CAMEO codes such as JAP read as ISO3 JPN)
  recipient_country_accuracy  same for the recipient, over records with gold recipient codes
  actor_sector_accuracy       over records whose gold source has a sector: the actor's sector
                              is one of its codes (see `sector_equivalents` in plover_gsr.yaml)
  recipient_sector_accuracy   same for the recipient and the gold target
  dead_exact, injured_exact   over records with a gold count: the scored event's count equals it
  n                           scored records
The text report ends with a reliability table: scored events bucketed by confidence against the
share whose type is right.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..actors.codes import iso3
from ..events.coder import main_event
from ..events.ontology import load_data
from ..exceptions import EvalError
from ..model import Actor, Document, Event
from .metrics import NONE, accuracy, confusion_table, macro_f1, reliability_table
from .report import Report


def load_records(path: Path) -> list[dict]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise EvalError(f"{path}: gold file not found") from exc
    except json.JSONDecodeError as exc:
        raise EvalError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(data, list):
        raise EvalError(f"{path}: expected a JSON list of PLOVER records")
    return data


def scored_event(events: list[Event]) -> Event | None:
    """The one prediction per sentence: highest confidence, not negated (the coder's own
    notion of a sentence's main event)."""
    return main_event(events)


def _codes(value: object, igo: set[str]) -> set[str]:
    if not isinstance(value, list):
        return set()
    # the gold writes CAMEO country codes ("JAP"); flashpoint writes ISO3 ("JPN")
    codes = {iso3(str(item.get("code") or "")) for item in value if isinstance(item, dict)}
    return {"IGO" if code in igo else code for code in codes if code}


def actor_code(actor: Actor | None, igo: set[str]) -> str | None:
    if actor is None:
        return None
    if actor.country:
        return "IGO" if actor.country.upper() in igo else actor.country.upper()
    if (actor.sector or "").upper() in igo:
        return "IGO"
    return None


def gold_sectors(value: object, equivalents: dict[str, list[str]]) -> set[str]:
    """Accepted sector codes for a gold source/target list ("REBkur" -> REB, "JRNCHR" -> JRN,
    CHR), widened by the equivalents table; empty when no entry has a usable sector."""
    if not isinstance(value, list):
        return set()
    codes: set[str] = set()
    for item in value:
        sector = str(item.get("sector") or "") if isinstance(item, dict) else ""
        for i in range(0, len(sector) - 2, 3):
            part = sector[i : i + 3]
            if part.isalpha() and part.isupper():
                codes.add(part)
                codes.update(str(code) for code in equivalents.get(part) or ())
    return codes


def _count(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def evaluate(path: Path) -> Report:
    from ..pipeline import annotate

    table = load_data("plover_gsr.yaml")
    renames = table.get("type_renames") or {}
    excluded = set(table.get("excluded_types") or ())
    mode_renames = table.get("mode_renames") or {}
    igo = {str(code).upper() for code in table.get("igo_codes") or ()}
    equivalents = table.get("sector_equivalents") or {}

    records = [r for r in load_records(path) if r.get("text") and r.get("event") not in excluded]
    if not records:
        raise EvalError(f"{path}: no scorable PLOVER records")
    documents = [
        Document(id=str(r.get("id") or i), text=str(r["text"]).strip().strip("{}").strip())
        for i, r in enumerate(records)
    ]
    predictions = [scored_event(list(doc._.fp_events or [])) for _, doc in annotate(documents)]

    gold_types, predicted_types = [], []
    mode_hits, actor_hits, recipient_hits = [], [], []
    dead_hits, injured_hits = [], []
    actor_sector_hits, recipient_sector_hits = [], []
    for record, event in zip(records, predictions, strict=True):
        gold_type = renames.get(record["event"], record["event"])
        predicted_type = event.event_type if event else NONE
        gold_types.append(gold_type)
        predicted_types.append(predicted_type)
        gold_mode = mode_renames.get(record.get("mode") or "", record.get("mode") or "")
        if gold_mode:
            mode_hits.append(
                predicted_type == gold_type and event is not None and event.mode == gold_mode
            )
        actors = _codes(record.get("source"), igo)
        if actors:
            actor_hits.append(actor_code(event.actor if event else None, igo) in actors)
        recipients = _codes(record.get("target"), igo)
        if recipients:
            recipient_hits.append(actor_code(event.recipient if event else None, igo) in recipients)
        for key, party, hits in (
            ("source", event.actor if event else None, actor_sector_hits),
            ("target", event.recipient if event else None, recipient_sector_hits),
        ):
            sectors = gold_sectors(record.get(key), equivalents)
            if sectors:
                hits.append(party is not None and party.sector in sectors)
        for key, hits in (("dead", dead_hits), ("injured", injured_hits)):
            gold_count = _count(record.get(key))
            if gold_count is not None:
                hits.append(event is not None and getattr(event, key) == gold_count)

    def share(hits: list[bool]) -> float:
        return sum(hits) / len(hits) if hits else 0.0

    metrics: dict[str, float | int] = {
        "type_accuracy": accuracy(gold_types, predicted_types),
        "type_macro_f1": macro_f1(gold_types, predicted_types),
        "mode_accuracy": share(mode_hits),
        "actor_country_accuracy": share(actor_hits),
        "recipient_country_accuracy": share(recipient_hits),
        "actor_sector_accuracy": share(actor_sector_hits),
        "recipient_sector_accuracy": share(recipient_sector_hits),
        "dead_exact": share(dead_hits),
        "injured_exact": share(injured_hits),
        "n": len(records),
    }
    details = [
        f"  (modes over {len(mode_hits)}, actors over {len(actor_hits)}, recipients over "
        f"{len(recipient_hits)}, actor sectors over {len(actor_sector_hits)}, recipient sectors "
        f"over {len(recipient_sector_hits)}, dead over {len(dead_hits)}, "
        f"injured over {len(injured_hits)} records)"
    ]
    details += confusion_table(gold_types, predicted_types)
    scored = [
        (e.confidence or 0.0, g == p)
        for e, g, p in zip(predictions, gold_types, predicted_types, strict=True)
        if e is not None
    ]
    details += reliability_table([c for c, _ in scored], [ok for _, ok in scored])
    return Report("plover-gsr", metrics, details)
