"""Toponym recognition and resolution in context, through the fp_places component."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def places(nlp, text: str) -> dict[str, tuple]:
    doc = nlp(text)
    return {
        span.text: (span._.fp_place.name, span._.fp_place.country, span._.fp_place.feature)
        for span in doc.spans["fp_places"]
    }


def place_of(nlp, text: str, mention: str):
    doc = nlp(text)
    return next(span._.fp_place for span in doc.spans["fp_places"] if span.text == mention)


def test_spans_carry_places_with_character_offsets(nlp):
    text = "Rockets landed near Kirkuk overnight."
    doc = nlp(text)
    (span,) = list(doc.spans["fp_places"])
    place = span._.fp_place
    assert (place.country, place.feature) == ("IRQ", "city")
    assert text[place.start : place.end] == "Kirkuk" == place.text


@pytest.mark.parametrize(
    ("text", "mention", "country", "admin1"),
    [
        ("Tourists crowded the museums of Paris this summer.", "Paris", "FRA", None),
        ("Police in Paris, Texas, arrested two men on Sunday.", "Paris", "USA", "Texas"),
        (
            "The Lamar County sheriff said the fire in Paris spread toward Dallas, Texas.",
            "Paris",
            "USA",
            "Texas",
        ),
        (
            "Officials in Springfield, Illinois, closed the bridge.",
            "Springfield",
            "USA",
            "Illinois",
        ),
        (
            "Soldiers returned to Fort Bragg, N.C., on Monday.",
            "Fort Bragg",
            "USA",
            "North Carolina",
        ),
        # a country the article names by a demonym is context, as a named country is
        (
            "The airline apologised to a French traveller who was flown to San Francisco "
            "instead of Paris from a New Jersey airport.",
            "Paris",
            "FRA",
            None,
        ),
        # a qualifier that names a state and a country reads as the one holding the town
        ("A barn burned near Dudley, Georgia, on Sunday.", "Dudley", "USA", "Georgia"),
        ("Shelling hit Gori, Georgia, on Friday night.", "Gori", "GEO", None),
        (
            "Protests spread from Baghdad to Basra as Iraq's government struggled.",
            "Basra",
            "IRQ",
            None,
        ),
        (
            "Fighting near Alexandria forced Egyptian officials to close roads.",
            "Alexandria",
            "EGY",
            None,
        ),
    ],
)
def test_article_context_and_qualifiers_pick_the_right_namesake(
    nlp, text, mention, country, admin1
):
    place = place_of(nlp, text, mention)
    assert place.country == country
    if admin1:
        assert place.admin1 == admin1


def test_the_city_of_cue_prefers_the_city_over_the_province(nlp):
    place = place_of(nlp, "Gunmen attacked a market in the Iraqi city of Basra.", "Basra")
    assert (place.country, place.feature) == ("IRQ", "city")


@pytest.mark.parametrize(
    "text",
    [
        "Iraqi and American officials met on Monday.",
        "Americans and Iraqis marched together.",
        "The Syrian army and Russian jets pressed the offensive.",
    ],
)
def test_demonyms_are_not_places(nlp, text):
    assert places(nlp, text) == {}


@pytest.mark.parametrize(
    "text",
    ["Jordan Henderson scored twice on Saturday.", "Chelsea Clinton spoke at the dinner."],
)
def test_person_names_are_not_places(nlp, text):
    assert places(nlp, text) == {}


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        ("Rockets struck the Ayn al-Asad base on Tuesday.", "Ayn al-Asad", "Al Asad Air Base"),
        ("Two rockets hit Ain al-Asad air base in Anbar.", "Ain al-Asad", "Al Asad Air Base"),
        ("Drones targeted Camp Taji north of Baghdad.", "Camp Taji", "Camp Taji"),
        ("A rocket fell inside Union III in central Baghdad.", "Union III", "Union III"),
        ("An attack on K-1 Air Base killed a contractor.", "K-1 Air Base", "K-1 Air Base"),
        ("Paratroopers left Fort Liberty for Europe.", "Fort Liberty", "Fort Bragg"),
    ],
)
def test_bases_from_the_data_file_are_recognised(nlp, text, mention, name):
    assert places(nlp, text)[mention][0] == name


def test_state_abbreviation_after_a_town_is_the_state(nlp):
    found = places(nlp, "He grew up in Wheeling, W.Va., and later moved to Ohio.")
    states = {text: place for text, place in found.items() if text.startswith("W.Va")}
    assert [place[:3] for place in states.values()] == [("West Virginia", "USA", "admin1")]
    assert found["Wheeling"][1] == "USA"


@pytest.mark.parametrize(
    "text",
    ["The Quds Force and the Badr Organization denied any role.", "Police said so on Monday."],
)
def test_organisations_and_common_words_are_not_places(nlp, text):
    assert places(nlp, text) == {}


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("Tankers crossed the Gulf under escort.", "Gulf", ("Persian Gulf", None, "water")),
        (
            "Officials in Washington and Baghdad discussed the troop withdrawal.",
            "Washington",
            ("Washington", "USA", "city"),
        ),
        (
            "Soldiers left Fort Bragg, N.C., in January.",
            "Fort Bragg",
            ("Fort Bragg", "USA", "base"),
        ),
    ],
)
def test_prominent_readings_win_without_local_context(nlp, text, mention, expected):
    assert places(nlp, text)[mention] == expected


def test_a_directional_part_of_a_place_is_placed_at_the_place(nlp):
    found = places(nlp, "Drone strikes continued across Northern Iraq and Northeast Syria.")
    assert {place[:2] for place in found.values()} == {("Iraq", "IRQ"), ("Syria", "SYR")}


def test_names_agree_on_a_state_none_would_pick_alone(nlp):
    # Decatur alone is likelier Illinois; with Hartselle and Morgan County it is Alabama.
    text = "Storms knocked out power in Decatur and Hartselle, and Morgan County opened shelters."
    assert place_of(nlp, text, "Decatur").admin1 == "Alabama"


def test_a_state_named_once_outweighs_a_town_named_often(nlp):
    text = (
        "Dublin schools will add a bus route. Dublin parents asked for it in March, and the "
        "Dublin board agreed. Dublin police will direct traffic at the stops. Enrolment keeps "
        "growing faster than anywhere else in Ohio."
    )
    assert place_of(nlp, text, "Dublin").country == "USA"


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        # NER reads both words here as people's names.
        ("KYIV, April 8 — Russian missiles struck Kharkiv overnight.", "Kharkiv", "UKR"),
        ("KYIV, April 8 — Russian missiles struck Kharkiv overnight.", "KYIV", "UKR"),
    ],
)
def test_big_cities_and_datelines_read_as_people_are_places(nlp, text, mention, country):
    assert places(nlp, text)[mention][1] == country


def test_a_lone_first_name_that_is_a_small_town_stays_a_person(nlp):
    text = "Lincoln said the vote would wait until the council met again."
    assert "Lincoln" not in places(nlp, text)


@pytest.mark.parametrize(
    ("text", "word", "found"),
    [
        ("Talks stalled again. Egypt, which hosted them, blamed both sides.", "Egypt", True),
        ("Rain fell all week. Tennessee braced for more.", "Tennessee", True),
        # A town's name opening a sentence is most often a surname or a company.
        ("Sales slowed in May. Chandler said the plant would stay open.", "Chandler", False),
    ],
)
def test_sentence_first_words_ner_missed_are_places_if_states_or_countries(nlp, text, word, found):
    from flashpoint.geo.gazetteer import get_gazetteer
    from flashpoint.geo.toponyms import recognise

    doc = nlp(text)
    doc.ents = []  # as if NER had missed every name
    words = {doc[mention.start : mention.end].text for mention in recognise(doc, get_gazetteer())}
    assert (word in words) is found


@pytest.mark.parametrize(
    ("text", "mention", "admin1"),
    [
        # Thirty-odd states have a Franklin County; Columbus's is the one in the news.
        ("Voters in Franklin County waited two hours to cast ballots.", "Franklin County", "Ohio"),
        ("The DeKalb County school board met on Tuesday.", "DeKalb County", "Georgia"),
    ],
)
def test_populous_county_wins_among_namesakes_without_context(nlp, text, mention, admin1):
    assert place_of(nlp, text, mention).admin1 == admin1


def test_a_county_and_its_seat_agree_on_their_state(nlp):
    text = "Paris police and the Henry County sheriff searched the lake shore together."
    assert place_of(nlp, text, "Paris").admin1 == place_of(nlp, text, "Henry County").admin1


def test_a_county_is_placed_among_its_own_towns(nlp):
    place = place_of(nlp, "Deputies in Johnson County, Kansas, closed two roads.", "Johnson County")
    assert (round(place.lat), round(place.lon)) == (39, -95)


def test_a_country_misread_once_as_a_surname_stays_a_place(nlp):
    from spacy.tokens import Span

    from flashpoint.geo.gazetteer import get_gazetteer
    from flashpoint.geo.toponyms import recognise

    # NER took a headline for a person's name ending in "Egypt"; the later, plainly tagged
    # "Egypt" is still a place, where a surname ("Ripley" after "Ellen Ripley") would not be.
    doc = nlp.make_doc("Reviewing Egypt trade ties . Cotton sales lifted Egypt again .")
    doc.ents = [Span(doc, 0, 2, "PERSON"), Span(doc, 8, 9, "GPE")]
    keys = [mention.key for mention in recognise(doc, get_gazetteer())]
    assert "egypt" in keys


@pytest.mark.parametrize(
    ("tagged", "expected"),
    [
        # NER tagged two of the four: the two it missed are the same town.
        ((0, 9), 4),
        # One stray tag among three plain occurrences is not enough to trust the name.
        ((9,), 1),
    ],
)
def test_a_small_town_ner_tagged_elsewhere_is_taken_where_it_missed(nlp, tagged, expected):
    from spacy.tokens import Span

    from flashpoint.geo.gazetteer import get_gazetteer
    from flashpoint.geo.toponyms import recognise

    doc = nlp.make_doc(
        "Hartselle voted on the budget . The mayor said Hartselle needs roads . "
        "Hartselle gets a new school , and Hartselle parents agreed ."
    )
    doc.ents = [Span(doc, i, i + 1, "GPE") for i in tagged]
    keys = [mention.key for mention in recognise(doc, get_gazetteer())]
    assert keys.count("hartselle") == expected


def test_news_abbreviations_of_cities_name_the_city(nlp):
    found = places(nlp, "Wildfires near L.A. forced thousands to leave their homes on Tuesday.")
    assert found["L.A."][:2] == ("Los Angeles", "USA")


def test_an_exonym_of_a_sizeable_town_beats_a_hamlet_of_that_own_name(nlp):
    text = "Troops raided a refugee camp in Jenin in the northern West Bank."
    assert place_of(nlp, text, "Jenin").country == "PSE"


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        # the demonym describes the base, not Jordan: no Jordan, Minnesota
        (
            "A drone struck an American base in northeastern Jordan, killing three US soldiers.",
            "Jordan",
            "JOR",
        ),
        ("Clashes erupted in the Iraqi city of Basra on Monday.", "Basra", "IRQ"),
    ],
)
def test_a_demonym_gives_its_country_only_to_the_name_it_qualifies(nlp, text, mention, country):
    assert place_of(nlp, text, mention).country == country
