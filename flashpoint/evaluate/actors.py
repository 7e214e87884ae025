"""Score actor resolution against eval/actors.gold.jsonl.

Each gold line is one short text with its date and the noun-phrase mentions in it (character
offsets) with the expected KB id, country and sector (id null for phrases read as country + sector,
all null for phrases that name no actor). A mention counts as right when the KB id matches, or, for
gold without an id, when both country and sector match.

The PLOVER gold standard (shared/eval/plover_gsr/*.json) is read too: its source and target
actors carry only a CAMEO country code (read as ISO3: JAP is JPN), so there every mention is
scored on country alone. That
set was written by others, so it is the independent check on the knowledge base.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ..actors.codes import iso3
from ..exceptions import EvalError
from .report import Report


def read_gold(path: Path) -> list[dict]:
    if not path.is_file():
        raise EvalError(f"{path}: actor gold file not found")
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            record["text"], record["mentions"]  # noqa: B018  (both are required)
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise EvalError(f"{path}:{number}: not an actor gold record ({exc})") from exc
        records.append(record)
    return records


def read_plover(path: Path) -> list[dict]:
    """PLOVER GSR records as actor gold: each actorText found in the sentence, country only."""
    if not path.is_file():
        raise EvalError(f"{path}: PLOVER gold file not found")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"{path}: cannot read PLOVER gold ({exc})") from exc
    records = []
    for item in data:
        text = item.get("text")
        if not text:
            continue
        mentions = []
        for role in ("source", "target"):
            actors = item.get(role)
            for actor in actors if isinstance(actors, list) else []:
                surface, code = actor.get("actorText"), actor.get("code")
                if surface and code and surface in text:
                    start = text.index(surface)
                    mentions.append(
                        {
                            "text": surface,
                            "start": start,
                            "end": start + len(surface),
                            "country": iso3(code[:3]),
                            "country_only": True,
                        }
                    )
        if mentions:
            published = str(item.get("date") or "")
            records.append(
                {
                    "id": item.get("id", ""),
                    "text": text,
                    "mentions": mentions,
                    "published": published if published[:4].isdigit() else None,
                }
            )
    return records


def _pipeline():
    from ..actors import component  # noqa: F401  (registers the fp_actors factory)
    from ..nlp.loader import load_nlp

    nlp = load_nlp()
    nlp.add_pipe("fp_actors", last=True)
    return nlp


def evaluate(path: Path, nlp=None) -> Report:
    """Score resolve_span on the gold mentions; `nlp` is any pipeline that includes fp_actors."""
    from ..actors.component import annotate_actors
    from ..actors.resolve import resolve_span

    path = Path(path)
    records = read_plover(path) if path.suffix == ".json" else read_gold(path)
    nlp = nlp or _pipeline()
    counts = {"right": 0, "country": 0, "sector": 0, "total": 0}
    errors: list[str] = []
    for record in records:
        doc = nlp.make_doc(record["text"])
        published = record.get("published")
        doc._.fp_published = date.fromisoformat(published) if published else None
        doc = annotate_actors(nlp, doc)
        for mention in record["mentions"]:
            span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
            actor = resolve_span(span) if span is not None else None
            got_id = actor.id if actor else None
            got_country = actor.country if actor else None
            got_sector = actor.sector if actor else None
            if mention.get("country_only"):
                right = got_country == mention["country"]
            elif mention.get("id"):
                right = got_id == mention["id"]
            elif mention.get("country") is None and mention.get("sector") is None:
                right = actor is None
            else:
                right = (got_country, got_sector) == (mention["country"], mention["sector"])
            counts["total"] += 1
            counts["right"] += right
            counts["country"] += got_country == mention.get("country")
            counts["sector"] += got_sector == mention.get("sector")
            if not right:
                expected = mention.get("id") or f"{mention.get('country')}/{mention.get('sector')}"
                found = got_id if actor else None
                errors.append(
                    f"  {record['id']}: {mention['text']!r} expected {expected}, got {found} "
                    f"({got_country}/{got_sector})"
                )
    total = counts["total"] or 1
    metrics: dict[str, float | int] = {
        "accuracy": counts["right"] / total,
        "country_accuracy": counts["country"] / total,
        "sector_accuracy": counts["sector"] / total,
        "mentions": counts["total"],
    }
    if path.suffix == ".json":
        del metrics["sector_accuracy"]  # PLOVER gold has no sectors
    return Report("actors", metrics, ["errors:", *errors] if errors else [])
