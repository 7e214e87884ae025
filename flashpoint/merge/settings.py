"""The merge settings file (`data/merge/weights.yaml`), read once and checked."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ..exceptions import ConfigError
from ..model import PLOVER_TYPES
from ..tables import load_yaml

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "merge" / "weights.yaml"

WEIGHT_NAMES: tuple[str, ...] = (
    "same_type",
    "compatible_type",
    "same_document",
    "same_sentence",
    "actor_id",
    "actor_country",
    "recipient_id",
    "recipient_country",
    "actor_name",
    "recipient_name",
    "same_day",
    "date_overlap",
    "place_near",
    "same_admin1",
    "same_country",
    "same_casualties",
    "trigger_similar",
    "context_overlap",
    "actor_strong_conflict",
    "actor_weak_conflict",
    "swapped_roles",
    "place_conflict",
    "aux_mismatch",
    "headline_lead",
)


@dataclass(frozen=True)
class MergeSettings:
    threshold: float
    average_link: float
    profile_average_link: float
    weights: dict[str, float]
    compatible_types: frozenset[frozenset[str]]
    distinct_sectors: frozenset[frozenset[str]]
    generic_id_prefixes: tuple[str, ...]
    date_tolerance_days: dict[str, float]
    coarse_date_days: int
    context_window: int
    context_floor: float
    near_km: float
    far_km: float
    coarse_features: frozenset[str]
    duplicate_threshold: float
    shingle_words: int
    num_perm: int
    # Sectors that say only "someone armed": the country read with them is a guess (often the
    # place's), so it never makes a strong actor conflict.
    vague_sectors: frozenset[str] = frozenset()

    def types_compatible(
        self, first: str, second: str, first_mode: str | None = None, second_mode: str | None = None
    ) -> bool:
        """Same type, a listed pair of types, or a listed pair naming a mode ("PROTEST:riot")."""
        if first == second:
            return True
        # each side as its bare type and as TYPE:mode ("COERCE:-" names a reading with no mode)
        firsts = {first, f"{first}:{first_mode or '-'}"}
        seconds = {second, f"{second}:{second_mode or '-'}"}
        return any(frozenset((x, y)) in self.compatible_types for x in firsts for y in seconds)

    def tolerance(self, precision: str | None) -> float:
        return float(self.date_tolerance_days.get(precision or "day", 0))

    def type_groups(self) -> dict[str, str]:
        """Each PLOVER type -> a representative of its group of mutually reachable compatible types.

        Blocking puts a whole group in one block so that compatible types still meet. Worked
        out once per settings object: blocking asks for every mention.
        """
        return _type_groups(self.compatible_types)


@cache
def _type_groups(compatible_types: frozenset[frozenset[str]]) -> dict[str, str]:
    parent = {event_type: event_type for event_type in PLOVER_TYPES}

    def find(event_type: str) -> str:
        while parent[event_type] != event_type:
            event_type = parent[event_type]
        return event_type

    for pair in compatible_types:
        # a pair naming a mode ("PROTEST:riot") still puts both types in one block
        first, second = sorted(name.split(":")[0] for name in pair)
        root_first, root_second = find(first), find(second)
        if root_first != root_second:
            parent[max(root_first, root_second)] = min(root_first, root_second)
    return {event_type: find(event_type) for event_type in PLOVER_TYPES}


def _fail(path: Path, problem: str) -> ConfigError:
    return ConfigError(f"{path}: {problem}")


@cache
def load_settings(path: Path = DEFAULT_PATH) -> MergeSettings:
    try:
        raw = load_yaml(Path(path)) or {}
    except OSError as exc:
        raise _fail(path, f"cannot read merge settings ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise _fail(path, f"not valid YAML ({exc})") from exc
    if not isinstance(raw, dict):
        raise _fail(path, "expected a mapping at the top level")

    weights = raw.get("weights") or {}
    missing = [name for name in WEIGHT_NAMES if name not in weights]
    if missing:
        raise _fail(path, f"weights is missing {', '.join(missing)}")
    unknown = sorted(set(weights) - set(WEIGHT_NAMES))
    if unknown:
        raise _fail(path, f"unknown weights {', '.join(unknown)}")

    pairs: set[frozenset[str]] = set()
    for entry in raw.get("compatible_types") or []:
        if not (isinstance(entry, list) and len(entry) == 2):
            raise _fail(path, f"compatible_types entry {entry!r} is not a pair")
        bad = [name for name in entry if str(name).split(":")[0] not in PLOVER_TYPES]
        if bad:
            raise _fail(path, f"compatible_types names unknown PLOVER type {bad[0]!r}")
        pairs.add(frozenset(entry))

    duplicate = raw.get("near_duplicate") or {}
    try:
        return MergeSettings(
            threshold=float(raw["threshold"]),
            average_link=float(raw.get("average_link", 0.0)),
            profile_average_link=float(
                raw.get("profile_average_link", raw.get("average_link", 0.0))
            ),
            weights={name: float(weights[name]) for name in WEIGHT_NAMES},
            compatible_types=frozenset(pairs),
            generic_id_prefixes=tuple(str(p) for p in raw.get("generic_id_prefixes") or ()),
            distinct_sectors=frozenset(
                frozenset(entry) for entry in raw.get("distinct_sectors") or []
            ),
            date_tolerance_days={
                str(key): float(value) for key, value in (raw["date_tolerance_days"] or {}).items()
            },
            coarse_date_days=int(raw["coarse_date_days"]),
            context_window=int(raw.get("context_window", 10)),
            context_floor=float(raw.get("context_floor", 0.0)),
            near_km=float(raw["near_km"]),
            far_km=float(raw["far_km"]),
            coarse_features=frozenset(raw.get("coarse_features") or ()),
            duplicate_threshold=float(duplicate.get("threshold", 0.6)),
            shingle_words=int(duplicate.get("shingle_words", 5)),
            num_perm=int(duplicate.get("num_perm", 128)),
            vague_sectors=frozenset(str(sector) for sector in raw.get("vague_sectors") or ()),
        )
    except KeyError as exc:
        raise _fail(path, f"missing setting {exc.args[0]!r}") from exc
    except (TypeError, ValueError) as exc:
        raise _fail(path, f"a setting has a bad value ({exc})") from exc
