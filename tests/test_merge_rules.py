"""The pairwise merge rules: which mention pairs may be one event, and how they score."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.exceptions import ConfigError
from flashpoint.merge import Mention, load_settings, pair_score
from flashpoint.merge.participants import actors_compatible
from flashpoint.merge.rules import heads_similar, trigger_head
from flashpoint.merge.terms import fold, key_terms, overlap
from flashpoint.model import Actor, Event, Evidence, Place, TimeSpan

BAGHDAD = Place("Baghdad", country="IRQ", admin1="Baghdad", lat=33.34, lon=44.40, feature="city")
GREEN_ZONE = Place("Green Zone", country="IRQ", admin1="Baghdad", lat=33.31, lon=44.38)
KIRKUK = Place("Kirkuk", country="IRQ", admin1="Kirkuk", lat=35.47, lon=44.39, feature="city")
IRAQ = Place("Iraq", country="IRQ", feature="country")
SYRIA = Place("Syria", country="SYR", feature="country")
# Parties read from words of the text (`text` set); one without text is a convention's guess.
US_ARMY = Actor("United States military", text="US troops", country="USA", sector="MIL")
US_GOV = Actor("United States", text="Washington", country="USA", sector="GOV")
IRAN = Actor("Iran", id="Q794", text="Iran", country="IRN", sector="GOV")
KH = Actor("Kataib Hezbollah", id="Q1207894", text="Kataib Hezbollah", country="IRQ", sector="REB")
IRAQ_GOV = Actor("Iraqi government", text="Baghdad", country="IRQ", sector="GOV")
MILITIA = Actor("militiamen")


def day(iso: str, precision: str = "day") -> TimeSpan:
    return TimeSpan(date.fromisoformat(iso), date.fromisoformat(iso), precision)


def make_event(
    doc_id: str = "a",
    event_type: str = "ASSAULT",
    start: int = 0,
    **fields,
) -> Event:
    evidence = Evidence(text=f"sentence at {start}", start=start, end=start + 50)
    return Event(doc_id=doc_id, event_type=event_type, evidence=evidence, **fields)


BASE = dict(actor=US_ARMY, recipient=KH, date=day("2019-12-29"), location=BAGHDAD)


def variant(**changes) -> Event:
    fields = {**BASE, **changes}
    return make_event(doc_id=fields.pop("doc_id", "b"), start=fields.pop("start", 100), **fields)


def links(first: Event, second: Event, published: dict | None = None) -> bool:
    value = pair_score(first, second, published)
    return value is not None and value >= load_settings().threshold


@pytest.mark.parametrize(
    ("other", "merges"),
    [
        (variant(), True),
        (variant(event_type="COERCE"), True),
        (variant(event_type="PROTEST"), False),
        (variant(aux=["negation"]), False),
        (variant(actor=IRAN), False),
        (variant(actor=None), True),
        (variant(actor=US_GOV), True),
        (variant(recipient=IRAQ_GOV), False),
        (variant(recipient=Actor("KH", id="Q999", text="KH", country="IRQ")), False),
        # civilians of the place, guessed by convention with no words behind them: weak
        (variant(recipient=Actor("Iraq", country="IRN", sector="CVL")), True),
        (variant(date=day("2019-12-30")), True),
        (variant(date=day("2020-01-03")), False),
        (variant(date=TimeSpan(date(2019, 12, 1), date(2019, 12, 31), "month")), True),
        (variant(date=TimeSpan(date(2020, 1, 1), date(2020, 1, 31), "month")), False),
        (variant(location=GREEN_ZONE), True),
        (variant(location=KIRKUK), False),
        (variant(location=IRAQ), True),
        (variant(location=SYRIA), False),
        (variant(location=None), True),
    ],
    ids=lambda value: "" if isinstance(value, Event) else str(value),
)
def test_one_conflicting_detail_keeps_otherwise_agreeing_reports_apart(
    other: Event, merges: bool
) -> None:
    first = make_event("a", **BASE)
    assert links(first, other) is merges


@pytest.mark.parametrize("mode", ["future", "hypothetical"])
def test_a_mode_mismatch_costs_but_does_not_forbid_a_link(mode: str) -> None:
    # Extractors misread modes ("had struck" in a recap, "will" in a nearby clause); a full
    # agreement on everything else still links, a partial one no longer does.
    first = make_event("a", **BASE)
    assert pair_score(first, variant(aux=[mode])) < pair_score(first, variant())
    assert links(first, variant(aux=[mode]))
    assert not links(first, variant(aux=[mode], actor=None, recipient=None, location=None))


def test_a_historical_recap_costs_nothing_against_the_original_report() -> None:
    # "historical" says the event was old when a later article recalled it, not what happened
    first = make_event("a", **BASE)
    assert pair_score(first, variant(aux=["historical"])) == pair_score(first, variant())


def test_a_denied_event_never_links_with_one_that_happened() -> None:
    first = make_event("a", **BASE)
    assert pair_score(first, variant(aux=["negation"])) is None


def test_roles_swapped_by_a_passive_report_still_agree() -> None:
    first = make_event("a", **BASE)
    swapped = variant(actor=KH, recipient=US_ARMY)
    straight = pair_score(first, variant())
    assert links(first, swapped)
    assert pair_score(first, swapped) < straight


def test_historical_mentions_merge_with_each_other() -> None:
    first = make_event("a", aux=["historical"], **BASE)
    second = variant(aux=["historical"])
    assert pair_score(first, second) is not None


def test_more_agreeing_details_score_higher() -> None:
    first = make_event("a", **BASE)
    full = pair_score(first, variant())
    no_place = pair_score(first, variant(location=None))
    coarse_place = pair_score(first, variant(location=IRAQ))
    bare = pair_score(first, variant(actor=None, recipient=None, location=None))
    assert full > coarse_place > no_place > bare


@pytest.mark.parametrize(
    ("second_doc", "expect_link"),
    [("a", True), ("b", False)],
    ids=["same article links", "other article needs more evidence"],
)
def test_bare_same_type_mentions_link_only_within_one_article(
    second_doc: str, expect_link: bool
) -> None:
    settings = load_settings()
    published = {"a": date(2019, 12, 31), "b": date(2019, 12, 31)}
    first = make_event("a", start=0)
    second = make_event(second_doc, start=300)
    value = pair_score(first, second, published)
    assert (value >= settings.threshold) is expect_link


def test_undated_mention_uses_the_publication_date_across_articles() -> None:
    published = {"a": date(2019, 12, 30), "b": date(2020, 2, 1)}
    first = make_event("a", actor=US_ARMY, recipient=KH, location=BAGHDAD)
    second = make_event("b", actor=US_ARMY, recipient=KH, location=BAGHDAD)
    assert pair_score(first, second, published) is None
    published["b"] = date(2019, 12, 31)
    assert pair_score(first, second, published) is not None


def test_recap_in_same_article_ignores_publication_date_window() -> None:
    published = {"a": date(2020, 1, 20)}
    dated = make_event("a", date=day("2019-12-29"), **{k: BASE[k] for k in ("actor", "location")})
    recap = make_event("a", start=400)
    assert pair_score(dated, recap, published) is not None


def test_unresolved_actor_phrases_do_not_block_a_merge() -> None:
    first = make_event("a", **{**BASE, "actor": MILITIA})
    second = variant(actor=Actor("gunmen"))
    assert pair_score(first, second) is not None


def test_bad_settings_file_names_the_file(tmp_path) -> None:
    path = tmp_path / "weights.yaml"
    path.write_text("threshold: 3\nweights: {same_type: 1}\n")
    with pytest.raises(ConfigError, match="weights.yaml.*missing"):
        load_settings(path)


def test_shipped_settings_load_and_group_compatible_types() -> None:
    settings = load_settings()
    groups = settings.type_groups()
    assert groups["ASSAULT"] == groups["COERCE"]
    # a riot may be read as an assault, so the two types meet in one block; other protests
    # are never an assault
    assert groups["ASSAULT"] == groups["PROTEST"]
    assert settings.types_compatible("ASSAULT", "PROTEST", "aerial", "riot")
    assert not settings.types_compatible("ASSAULT", "PROTEST", None, "demo")
    assert not settings.types_compatible("ASSAULT", "AGREE")
    # a shelling read as coercion may be the attack; the arrests that followed it never are
    assert settings.types_compatible("ASSAULT", "COERCE", "heavy-weapons", None)
    assert not settings.types_compatible("ASSAULT", "COERCE", None, "arrest")


def test_document_date_fallback_is_not_an_event_date() -> None:
    published = date(2019, 12, 30)
    fallback = make_event("a", date=TimeSpan(published, published, "day", text=None))
    mention = Mention.of(fallback, published)
    assert not mention.dated
    stated = make_event("a", date=TimeSpan(published, published, "day", text="Monday"))
    assert Mention.of(stated, published).dated


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("BAGHDAD, Dec. 30, 2019 - Rockets hit a base.", True),
        ("BAGHDAD, Dec. 30, 2019 \u2014 Rockets hit a base.", True),
        ("Rockets hit a base on Dec. 30, 2019, officials said.", False),
    ],
)
def test_dateline_date_is_the_document_date(text: str, dateline: bool) -> None:
    published = date(2019, 12, 30)
    start = text.index("Dec. 30, 2019")
    span = TimeSpan(published, published, "day", "Dec. 30, 2019", start, start + 13)
    mention = Mention.of(make_event("a", date=span), published, text=text)
    assert mention.dated is not dateline


@pytest.mark.parametrize(
    ("first", "second", "merges"),
    [
        (
            Actor("US", id="country/USA", country="USA"),
            Actor("US army", id="generic/USA/MIL"),
            True,
        ),
        (
            Actor("US", id="country/USA", country="USA"),
            Actor("US army", id="generic/USA/MIL", country="USA", sector="MIL"),
            True,
        ),
        (Actor("Houthis", id="org/houthis", country="YEM"), Actor("AQAP", id="org/aqap"), False),
        (Actor("Houthis", id="org/houthis", country="YEM"), Actor("rebels", country="YEM"), True),
        (Actor("Iraq", id="country/IRQ", country="IRQ"), Actor("Iran", id="country/IRN"), True),
        (
            Actor("Iraq", id="country/IRQ", country="IRQ"),
            Actor("Iran", id="country/IRN", country="IRN"),
            False,
        ),
    ],
)
def test_generic_actor_ids_compare_by_country(first: Actor, second: Actor, merges: bool) -> None:
    settings = load_settings()
    assert actors_compatible(first, second, settings) is merges


def test_two_triggers_of_one_sentence_score_lower_than_two_sentences() -> None:
    def at(sentence: str, word: str, sentence_start: int = 0) -> Event:
        offset = sentence_start + sentence.index(word)
        evidence = Evidence(
            sentence, sentence_start, sentence_start + len(sentence), offset, offset + len(word)
        )
        return Event(doc_id="a", event_type="ASSAULT", evidence=evidence)

    lead = "US jets bombed the depot in retaliation for the rocket attack on the base."
    recap = "The rocket attack on the base killed a contractor."
    headline_and_lead = "Rocket attack on base\n\nRockets hit the base on Friday."
    threshold = load_settings().threshold
    assert pair_score(at(lead, "bombed"), at(lead, "rocket attack")) < threshold
    assert pair_score(at(lead, "rocket attack"), at(recap, "rocket attack", 500)) >= threshold
    assert (
        pair_score(at(headline_and_lead, "Rocket attack"), at(headline_and_lead, "hit"))
        >= threshold
    )


def test_key_terms_keep_content_words_near_the_trigger() -> None:
    text = "Officials said on Friday that rockets struck the K-1 base near Kirkuk, killing one."
    offset = text.index("struck")
    event = Event(
        doc_id="a",
        event_type="ASSAULT",
        evidence=Evidence(text, 100, 100 + len(text), 100 + offset, 100 + offset + 6),
    )
    terms = key_terms(event, window=4)
    assert {fold(word) for word in ("rockets", "struck", "K-1", "base")} <= terms
    assert not terms & {fold(word) for word in ("said", "Friday", "officials", "the", "killing")}


def test_one_shared_word_is_not_full_agreement() -> None:
    assert overlap({"kirkuk": 1.0}, {"kirkuk": 1.0}, floor=4.0) == 0.25
    assert overlap({"kirkuk": 1.0}, {"kirkuk": 1.0}) == 1.0
    assert overlap({}, {"kirkuk": 1.0}) == 0.0


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("Headline\n\nKYIV, April 9, 2022 - Shelling hit Kharkiv.", True),
        ("KYIV - Shelling hit Kharkiv overnight.", True),
        ("Headline\n\nShelling hit KYIV overnight - officials said.", False),
    ],
)
def test_dateline_place_is_not_the_event_place(text: str, dateline: bool) -> None:
    start = text.index("KYIV")
    place = Place("Kyiv", country="UKR", lat=50.45, lon=30.52, start=start, end=start + 4)
    mention = Mention.of(make_event("a", location=place), text=text)
    assert (mention.event.location is None) is dateline


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        # "Unidentified attackers" of a country: the country is the extractor's guess.
        (
            Actor("gunmen", country="UKR", sector="UAF"),
            Actor("gunmen", country="RUS", sector="UAF"),
            "weak",
        ),
        (
            Actor("gunmen", country="UKR", sector="UAF"),
            Actor("army", country="RUS", sector="MIL"),
            "weak",
        ),
        # Two countries each read with a definite sector are two different parties.
        (
            Actor("army", text="the army", country="UKR", sector="MIL"),
            Actor("army", text="the army", country="RUS", sector="MIL"),
            "strong",
        ),
        # Read from no words at all (the civilians of the place attacked): a guess too.
        (
            Actor("army", text="the army", country="UKR", sector="MIL"),
            Actor("Russia", country="RUS", sector="CVL"),
            "weak",
        ),
    ],
)
def test_an_unidentified_attackers_country_is_weak_evidence_of_another_actor(
    first: Actor, second: Actor, conflict: str
) -> None:
    from flashpoint.merge.participants import actor_conflict

    assert actor_conflict(first, second, load_settings()) == conflict


def _placed(doc_id: str, place: Place, inside: bool) -> Event:
    """An event whose place was read in its own sentence (inside) or elsewhere in the article."""
    start = 10 if inside else 500
    located = Place(
        place.name,
        place.country,
        place.admin1,
        place.lat,
        place.lon,
        feature=place.feature,
        start=start,
        end=start + 6,
    )
    return make_event(doc_id, location=located, date=day("2020-01-05"))


@pytest.mark.parametrize("inside", [True, False])
def test_a_place_guessed_from_elsewhere_in_the_article_never_conflicts(inside: bool) -> None:
    published = {"a": date(2020, 1, 6), "b": date(2020, 1, 6)}
    near = pair_score(_placed("a", BAGHDAD, True), _placed("b", GREEN_ZONE, True), published)
    far = pair_score(_placed("a", BAGHDAD, True), _placed("b", KIRKUK, inside), published)
    settings = load_settings()
    if inside:
        assert far < near - settings.weights["place_near"]
    else:
        assert far == near - settings.weights["place_near"]


def test_a_guessed_place_agrees_only_across_articles() -> None:
    published = {"a": date(2020, 1, 6), "b": date(2020, 1, 6)}
    weight = load_settings().weights["place_near"]
    own = pair_score(_placed("a", BAGHDAD, True), _placed("a", GREEN_ZONE, False), published)
    own_bare = pair_score(
        _placed("a", BAGHDAD, True), make_event("a", date=day("2020-01-05")), published
    )
    other = pair_score(_placed("a", BAGHDAD, True), _placed("b", GREEN_ZONE, False), published)
    other_bare = pair_score(
        _placed("a", BAGHDAD, True), make_event("b", date=day("2020-01-05")), published
    )
    assert own == pytest.approx(own_bare)
    assert other == pytest.approx(other_bare + weight)


@pytest.mark.parametrize(
    ("event_day", "future_kept"),
    [("2020-01-03", False), ("2020-01-08", True)],
)
def test_future_mode_on_an_event_dated_before_its_report_is_a_misreading(
    event_day: str, future_kept: bool
) -> None:
    event = make_event("a", date=day(event_day), aux=["future"])
    mention = Mention.of(event, published=date(2020, 1, 6))
    assert ("future" in mention.aux) is future_kept


@pytest.mark.parametrize(
    ("first", "second", "similar"),
    [
        ("missile strike", "strikes", True),
        ("airstrikes", "strike", True),
        ("Rocket attack", "attack", True),
        ("bombed", "strikes", False),
        ("hit", "shit", False),  # a compound needs a head of five letters or more
        (None, "attack", False),
    ],
)
def test_trigger_heads_compare_folded_and_as_compounds(first, second, similar) -> None:
    assert heads_similar(trigger_head(first), trigger_head(second)) is similar


# Written for these tests: a dateline's place and date say where and when the report was filed.
FILED = "KHARKIV, Ukraine, April 9, 2022 - Artillery shells struck a market in Kharkiv."


@pytest.mark.parametrize(
    ("name", "kept"),
    [("KHARKIV", False), ("Ukraine", False), ("Kharkiv", True)],
)
def test_a_place_read_from_the_dateline_is_not_the_events(name: str, kept: bool) -> None:
    start = FILED.index(name) if kept is False else FILED.rindex(name)
    place = Place(name, country="UKR", start=start, end=start + len(name))
    event = make_event("a", location=place)
    assert (Mention.of(event, text=FILED).event.location is not None) is kept


@pytest.mark.parametrize(("phrase", "own"), [("April 9, 2022", False), ("Saturday", True)])
def test_the_dateline_date_is_the_reports_not_the_events(phrase: str, own: bool) -> None:
    text = FILED.replace("a market", "a market on Saturday")
    start = text.index(phrase)
    span = TimeSpan(date(2022, 4, 9), date(2022, 4, 9), "day", phrase, start, start + len(phrase))
    mention = Mention.of(make_event("a", date=span), published=date(2022, 4, 9), text=text)
    assert mention.dated is own
