"""Readers for the hand-edited files under flashpoint/data/geo/, each loaded once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from ..exceptions import KnowledgeBaseError
from ..tables import load_yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"
FEATURES = {
    "city",
    "country",
    "admin1",
    "admin2",
    "airport",
    "base",
    "facility",
    "region",
    "water",
    "continent",
}


def _yaml(path: Path):
    try:
        return load_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(str(path), f"cannot read: {exc}") from exc


def load_places(path: Path) -> list[dict]:
    """A list of place entries (our places.yaml or a user overlay), checked field by field."""
    entries = _yaml(path) or []
    if not isinstance(entries, list):
        raise KnowledgeBaseError(str(path), "expected a list of places")
    for number, entry in enumerate(entries, 1):
        where = f"entry {number}"
        if not isinstance(entry, dict) or not entry.get("name"):
            raise KnowledgeBaseError(str(path), f"{where}: needs a name")
        where = f"entry {number} ({entry['name']})"
        try:
            lat, lon = float(entry["lat"]), float(entry["lon"])
        except (KeyError, TypeError, ValueError) as exc:
            raise KnowledgeBaseError(str(path), f"{where}: needs numeric lat and lon") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise KnowledgeBaseError(str(path), f"{where}: lat/lon out of range")
        if entry.get("feature", "facility") not in FEATURES:
            raise KnowledgeBaseError(
                str(path), f"{where}: feature must be one of {', '.join(sorted(FEATURES))}"
            )
        country = entry.get("country")
        if country is not None and (not isinstance(country, str) or len(country) != 3):
            raise KnowledgeBaseError(str(path), f"{where}: country must be an ISO alpha-3 code")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list):
            raise KnowledgeBaseError(str(path), f"{where}: aliases must be a list")
    return entries


@cache
def load_aliases() -> dict[str, list[str]]:
    path = DATA_DIR / "aliases.yaml"
    data = _yaml(path) or {}
    return {iso3: [str(name) for name in names] for iso3, names in data.items()}


@cache
def load_centroids() -> dict[str, tuple[float, float]]:
    path = DATA_DIR / "country_centroids.tsv"
    centroids: dict[str, tuple[float, float]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        try:
            centroids[fields[0]] = (float(fields[1]), float(fields[2]))
        except (IndexError, ValueError) as exc:
            raise KnowledgeBaseError(str(path), f"line {number}: expected iso3, lat, lon") from exc
    return centroids


@cache
def load_admin1_centroids() -> dict[tuple[str, str], tuple[float, float]]:
    """(iso3, subdivision name) -> hand-written centre, for large subdivisions."""
    path = DATA_DIR / "admin1_centroids.tsv"
    centroids: dict[tuple[str, str], tuple[float, float]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        try:
            centroids[(fields[0], fields[1])] = (float(fields[2]), float(fields[3]))
        except (IndexError, ValueError) as exc:
            raise KnowledgeBaseError(
                str(path), f"line {number}: expected iso3, name, lat, lon"
            ) from exc
    return centroids


@cache
def load_county_points() -> dict[tuple[str, str], tuple[float, float, int]]:
    """(US state code, county name) -> (lat, lon) of the middle of the county's towns, and
    their summed population."""
    path = DATA_DIR / "us_county_points.tsv"
    points: dict[tuple[str, str], tuple[float, float, int]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        try:
            points[(fields[0], fields[1])] = (float(fields[2]), float(fields[3]), int(fields[5]))
        except (IndexError, ValueError) as exc:
            raise KnowledgeBaseError(
                str(path), f"line {number}: expected state, county, lat, lon, towns, population"
            ) from exc
    return points


def _words(name: str) -> frozenset[str]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().casefold() for line in lines if line.strip() and not line.startswith("#")
    )


@cache
def load_not_places() -> frozenset[str]:
    """Lower-cased words that the phrase matcher must not take for a place on their own."""
    return _words("not_places.txt")


@cache
def load_organisation_words() -> frozenset[str]:
    """Lower-cased words that turn a preceding name into an organisation's ("Quds Force")."""
    return _words("organisation_words.txt")


@cache
def load_local_words() -> dict[str, frozenset[str]]:
    """ "bodies" and "institutions": lower-cased words that make a preceding name a place's
    ("Danbury police", "a Chiefland man", "the Henderson County Jail")."""
    data = _yaml(DATA_DIR / "local_words.yaml") or {}
    return {
        group: frozenset(str(word).casefold() for word in words) for group, words in data.items()
    }


@cache
def load_demonyms() -> dict[str, str]:
    """Lower-cased demonym -> ISO alpha-3 country code."""
    data = _yaml(DATA_DIR / "demonyms.yaml") or {}
    return {str(word).casefold(): str(iso3) for word, iso3 in data.items()}


@cache
def load_region_abbreviations() -> dict[str, str]:
    """ "N.C." -> "North Carolina": news-style abbreviations of states and provinces."""
    data = _yaml(DATA_DIR / "region_abbreviations.yaml") or {}
    return {str(abbr): str(name) for abbr, name in data.items()}


@cache
def load_place_demonyms() -> dict[str, tuple[str, str | None]]:
    """Lower-cased demonym of a place that is no country ("Abkhaz", "Ohioan") -> (the place's
    gazetteer name, its ISO alpha-3 country or None)."""
    data = _yaml(DATA_DIR / "place_demonyms.yaml") or {}
    return {
        str(word).casefold(): (str(entry["place"]), entry.get("country"))
        for word, entry in data.items()
    }
