"""The PLOVER ontology and the code tables around it, read from `flashpoint/data/events/`.

Everything here is data edited by people: event types and their modes (`ontology.yaml`), the
CAMEO -> PLOVER table (`cameo_plover.yaml`) and the ACLED-style class <-> PLOVER table
(`acled_plover.yaml`). Files are read once, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..exceptions import KnowledgeBaseError
from ..model import PLOVER_TYPES
from ..tables import load_yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"


@cache
def load_data(name: str) -> Any:
    """One YAML file of data/events, parsed (cached); a broken file names itself in the error."""
    path = DATA_DIR / name
    try:
        data = load_yaml(path)
    except FileNotFoundError as exc:
        raise KnowledgeBaseError(str(path), "data file is missing") from exc
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(str(path), f"invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise KnowledgeBaseError(str(path), "expected a mapping at the top level")
    return data


@dataclass(frozen=True)
class PloverCode:
    """A PLOVER reading: type plus optional mode and context."""

    type: str | None
    mode: str | None = None
    context: str | None = None


@cache
def type_modes() -> dict[str, tuple[str, ...]]:
    data = load_data("ontology.yaml")
    types = data.get("types") or {}
    for name in types:
        if name not in PLOVER_TYPES:
            raise KnowledgeBaseError(str(DATA_DIR / "ontology.yaml"), f"unknown type {name!r}")
    return {name: tuple((spec or {}).get("modes") or ()) for name, spec in types.items()}


@cache
def contexts() -> frozenset[str]:
    return frozenset(load_data("ontology.yaml").get("contexts") or ())


@cache
def _cameo_table() -> dict[str, PloverCode | None]:
    table: dict[str, PloverCode | None] = {}
    for prefix, spec in load_data("cameo_plover.yaml").items():
        key = str(prefix)
        if spec is None or spec.get("type") is None:
            table[key] = None
            continue
        if spec["type"] not in PLOVER_TYPES:
            raise KnowledgeBaseError(
                str(DATA_DIR / "cameo_plover.yaml"), f"{key}: unknown type {spec['type']!r}"
            )
        table[key] = PloverCode(spec["type"], spec.get("mode"))
    return table


@cache
def plover_to_cameo(event_type: str, mode: str | None = None) -> str | None:
    """The broadest CAMEO code listed for a PLOVER type and mode (the type's alone when the mode
    has none), for users who read CAMEO; None when the table lists neither."""
    table = _cameo_table()
    for wanted in ((event_type, mode), (event_type, None)):
        codes = [
            code
            for code, reading in table.items()
            if reading is not None and reading == PloverCode(*wanted)
        ]
        if codes:
            return min(codes, key=lambda code: (len(code), code))
    return None


@cache
def acled_to_plover() -> dict[str, PloverCode]:
    data = load_data("acled_plover.yaml").get("to_plover") or {}
    return {
        name: PloverCode((spec or {}).get("type"), spec.get("mode"), spec.get("context"))
        for name, spec in data.items()
    }


@cache
def _acled_reverse() -> dict[str, str]:
    return {
        str(key): value
        for key, value in (load_data("acled_plover.yaml").get("from_plover") or {}).items()
    }


def plover_to_acled(
    event_type: str, mode: str | None, context: list[str] | tuple[str, ...] = ()
) -> str | None:
    """ACLED-style class for a predicted PLOVER reading; most specific key wins."""
    table = _acled_reverse()
    keys = []
    for ctx in context:
        if mode:
            keys.append(f"{event_type}:{mode}/{ctx}")
        keys.append(f"{event_type}/{ctx}")
    if mode:
        keys.append(f"{event_type}:{mode}")
    keys.append(event_type)
    for key in keys:
        if key in table:
            return table[key]
    return None


def _words(text: str | None) -> set[str]:
    return {word.strip(".,;:'\"()").lower() for word in (text or "").split()}


def acled_class(
    event_type: str,
    mode: str | None,
    context: list[str] | tuple[str, ...] = (),
    trigger: str | None = None,
    sentence: str | None = None,
    actor_sector: str | None = None,
) -> str | None:
    """ACLED-style class of an event: the PLOVER reading's class, narrowed where ACLED splits
    what PLOVER keeps together (`refine` in acled_plover.yaml): by a word of the trigger (a base
    set up among deployments), a word of the evidence sentence (grenades among explosives) or
    the actor's sector (rebels, not the state, taking ground)."""
    found = plover_to_acled(event_type, mode, context)
    rules = (load_data("acled_plover.yaml").get("refine") or {}).get(found) or {}
    for key, text in (("trigger_words", trigger), ("sentence_words", sentence)):
        table = rules.get(key) or {}
        hits = [table[word] for word in sorted(_words(text)) if word in table]
        if hits:
            return str(hits[0])
    sectors = rules.get("actor_sectors") or {}
    if actor_sector and actor_sector in sectors:
        return str(sectors[actor_sector])
    return found
