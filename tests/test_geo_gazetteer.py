"""The offline gazetteer: built from packages plus our data files, looked up by normalised name."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.exceptions import KnowledgeBaseError
from flashpoint.geo.data import load_demonyms, load_places
from flashpoint.geo.distance import haversine_km
from flashpoint.geo.gazetteer import Gazetteer, gazetteer_path, get_gazetteer
from flashpoint.geo.names import normalize, usable_alias


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return get_gazetteer()


def best(gazetteer: Gazetteer, name: str):
    return max(gazetteer.candidates(name), key=lambda candidate: candidate.population)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ayn al-Asad", "ayn al asad"),
        ("St. Louis", "st louis"),
        ("Kirkūk", "kirkuk"),
        ("Baghdad’s", "baghdads"),
        ("  Fort   Bragg ", "fort bragg"),
    ],
)
def test_names_normalise_to_one_key(text, key):
    assert normalize(text) == key


@pytest.mark.parametrize(
    ("written", "admin1"),
    [("Mt. Pleasant", "Iowa"), ("Mount Pleasant", "Iowa"), ("Ft. Wayne", "Indiana")],
)
def test_mount_and_fort_match_their_abbreviations_as_own_names(gazetteer, written, admin1):
    assert any(c.admin1 == admin1 and c.kind == 0 for c in gazetteer.candidates(written))


@pytest.mark.parametrize(
    ("alias", "usable"), [("Basrah", True), ("LAX", False), ("بغداد", False), ("al", False)]
)
def test_only_latin_capitalised_alternate_names_are_indexed(alias, usable):
    assert usable_alias(alias) is usable


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("Iraq", "IRQ", "country"),
        ("U.S.", "USA", "country"),
        ("Britain", "GBR", "country"),
        ("Mosul", "IRQ", "city"),
        ("Kirkuk", "IRQ", "city"),
        ("Texas", "USA", "admin1"),
        ("Ontario", "CAN", "admin1"),
        ("Anbar", "IRQ", "admin1"),
        ("Rapides Parish", "USA", "admin2"),
        ("Incirlik Air Base", "TUR", "base"),
    ],
)
def test_lookup_finds_the_most_prominent_place_of_a_name(gazetteer, name, country, feature):
    place = best(gazetteer, name)
    assert (place.country, place.feature) == (country, feature)
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize(
    ("name", "canonical", "country"),
    [
        ("Ain al-Asad", "Al Asad Air Base", "IRQ"),
        ("Ayn al-Asad", "Al Asad Air Base", "IRQ"),
        ("Camp Taji", "Camp Taji", "IRQ"),
        ("Union III", "Union III", "IRQ"),
        ("Q-West", "Q-West", "IRQ"),
        ("K-1 Air Base", "K-1 Air Base", "IRQ"),
        ("Fort Liberty", "Fort Bragg", "USA"),
        ("Baghdad Green Zone", "Green Zone", "IRQ"),
        ("Camp Lemonnier", "Camp Lemonnier", "DJI"),
        ("Donbas", "Donbas", "UKR"),
        ("Gaza Strip", "Gaza Strip", "PSE"),
        ("South Ossetia", "South Ossetia", "GEO"),
        ("Transdniestria", "Transnistria", "MDA"),
        ("Somaliland", "Somaliland", "SOM"),
        ("Southern Cameroons", "Ambazonia", "CMR"),
    ],
)
def test_bases_and_regions_come_from_the_data_file(gazetteer, name, canonical, country):
    names = {(c.name, c.country) for c in gazetteer.candidates(name)}
    assert (canonical, country) in names


def test_every_country_has_a_centroid(gazetteer):
    for name in ("Iraq", "Syria", "Afghanistan", "Ukraine", "Mali", "Yemen", "Fiji"):
        place = next(c for c in gazetteer.candidates(name) if c.feature == "country")
        assert place.lat is not None and -90 <= place.lat <= 90


def test_state_codes_resolve_to_subdivisions(gazetteer):
    state = gazetteer.admin1("US.NC")
    assert state is not None and state.name == "North Carolina"


def test_cities_carry_their_subdivision_name(gazetteer):
    springfields = {c.admin1 for c in gazetteer.candidates("Springfield") if c.country == "USA"}
    assert {"Illinois", "Missouri", "Massachusetts"} <= springfields


def test_gazetteer_file_is_versioned_in_the_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASHPOINT_CACHE", str(tmp_path))
    path = gazetteer_path()
    assert path.parent == tmp_path and path.name.startswith("gazetteer-")
    assert path.suffix == ".sqlite"


def test_overlay_adds_places_ahead_of_the_built_ones(gazetteer, tmp_path):
    overlay = tmp_path / "extra.yaml"
    overlay.write_text(
        "- {name: Patrol Base Alpha, aliases: [PB Alpha], country: IRQ, lat: 34.1, lon: 43.2,"
        " feature: base}\n",
        encoding="utf-8",
    )
    with_overlay = Gazetteer(path=gazetteer.path, overlay=overlay)
    found = with_overlay.candidates("PB Alpha")
    assert [(c.name, c.feature) for c in found] == [("Patrol Base Alpha", "base")]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("- {name: Nowhere}\n", "lat and lon"),
        ("- {name: Far, lat: 95, lon: 0}\n", "out of range"),
        ("- {name: Odd, lat: 1, lon: 1, feature: castle}\n", "feature"),
        ("- {name: Bad, lat: 1, lon: 1, country: Iraq}\n", "alpha-3"),
        ("name: not a list\n", "list"),
    ],
)
def test_invalid_place_files_name_the_file_and_problem(tmp_path, content, problem):
    path = tmp_path / "places.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as error:
        load_places(path)
    assert str(path) in str(error.value) and problem in str(error.value)


def test_missing_overlay_is_reported(gazetteer):
    with pytest.raises(KnowledgeBaseError, match="not found"):
        Gazetteer(path=gazetteer.path, overlay=Path("/nonexistent/overlay.yaml"))


def test_demonyms_map_to_countries():
    demonyms = load_demonyms()
    assert demonyms["iraqi"] == "IRQ" and demonyms["american"] == "USA"


def test_unwritable_cache_folder_is_reported(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(KnowledgeBaseError, match="FLASHPOINT_CACHE"):
        Gazetteer(path=blocker / "sub" / "gazetteer.sqlite")


def _county(gazetteer: Gazetteer, name: str, state: str):
    return next(
        c for c in gazetteer.candidates(name) if c.admin1 == state and c.feature == "admin2"
    )


@pytest.mark.parametrize(
    ("county", "state", "lat", "lon"),
    [
        # Olathe and Overland Park, not Johnson City at the far end of the state.
        ("Johnson County", "Kansas", 38.9, -94.8),
        ("Walker County", "Texas", 30.7, -95.6),
        ("Cook County", "Illinois", 41.8, -87.8),
        ("St. Louis County", "Missouri", 38.6, -90.4),
    ],
)
def test_us_counties_sit_among_their_own_towns(gazetteer, county, state, lat, lon):
    place = _county(gazetteer, county, state)
    assert haversine_km(place.lat, place.lon, lat, lon) < 60


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("Alberta", "CAN", 52.3, -117.5),
        ("Quebec", "CAN", 52.0, -72.0),
        ("Western Australia", "AUS", -25.0, 122.0),
        # Towns filed under the wrong province code once dragged these 500-800 km off.
        ("Jiangsu", "CHN", 33.0, 119.8),
        ("Heilongjiang", "CHN", 48.0, 128.0),
    ],
)
def test_large_subdivisions_take_their_hand_written_points(gazetteer, name, country, lat, lon):
    place = next(
        c for c in gazetteer.candidates(name) if c.feature == "admin1" and c.country == country
    )
    assert haversine_km(place.lat, place.lon, lat, lon) < 20


def test_county_table_errors_name_the_file(tmp_path, monkeypatch):
    from flashpoint.geo import data

    (tmp_path / "us_county_points.tsv").write_text("KS\tJohnson County\tnorth\n", encoding="utf-8")
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    data.load_county_points.cache_clear()
    try:
        with pytest.raises(KnowledgeBaseError, match="us_county_points.tsv"):
            data.load_county_points()
    finally:
        data.load_county_points.cache_clear()
