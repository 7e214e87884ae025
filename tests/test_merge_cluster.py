"""Clustering mentions into canonical events, within and across articles."""

from __future__ import annotations

import random
from datetime import date, timedelta

from flashpoint.merge import assign_canonical, merge, merge_within, representatives
from flashpoint.model import Actor, Document, Event, Evidence, Place, TimeSpan

US_ARMY = Actor("United States military", text="US jets", country="USA", sector="MIL")
KH = Actor("Kataib Hezbollah", id="Q1207894", text="Kataib Hezbollah", country="IRQ", sector="REB")
PROTESTERS = Actor("protesters", text="protesters", country="IRQ", sector="CVL")
EMBASSY = Actor("US embassy", text="the US embassy", country="USA", sector="GOV")
AL_QAIM = Place("Al-Qaim", country="IRQ", lat=34.37, lon=41.09, feature="city")
BAGHDAD = Place("Baghdad", country="IRQ", lat=33.34, lon=44.40, feature="city")
KIRKUK = Place("Kirkuk", country="IRQ", lat=35.47, lon=44.39, feature="city")


def day(iso: str) -> TimeSpan:
    return TimeSpan(date.fromisoformat(iso), date.fromisoformat(iso), "day")


def make_event(doc_id: str, start: int, event_type: str = "ASSAULT", **fields) -> Event:
    evidence = Evidence(text=f"{doc_id} sentence {start}", start=start, end=start + 40)
    return Event(doc_id=doc_id, event_type=event_type, evidence=evidence, **fields)


def documents(**published: str) -> dict[str, Document]:
    return {
        doc_id: Document(id=doc_id, text=f"text of {doc_id}", published=date.fromisoformat(iso))
        for doc_id, iso in published.items()
    }


def airstrike(doc_id: str, start: int, **changes) -> Event:
    fields = dict(actor=US_ARMY, recipient=KH, date=day("2019-12-29"), location=AL_QAIM)
    return make_event(doc_id, start, **{**fields, **changes})


def storming(doc_id: str, start: int, **changes) -> Event:
    fields = dict(actor=PROTESTERS, recipient=EMBASSY, date=day("2019-12-31"), location=BAGHDAD)
    return make_event(doc_id, start, "PROTEST", **{**fields, **changes})


def clusters(events: list[Event]) -> set[frozenset[tuple[str, int]]]:
    grouped: dict[str, set[tuple[str, int]]] = {}
    for event in events:
        grouped.setdefault(event.canonical_id, set()).add((event.doc_id, event.evidence.start))
    return {frozenset(members) for members in grouped.values()}


def test_headline_lead_and_recap_of_one_article_become_one_event() -> None:
    events = [
        airstrike("a", 0),
        airstrike("a", 120, actor=None, date=None),
        make_event("a", 600),  # "the strikes" later on, nothing resolved
        storming("a", 900),
    ]
    merged = merge_within(events, documents(a="2019-12-30"))
    assert clusters(merged) == {
        frozenset({("a", 0), ("a", 120), ("a", 600)}),
        frozenset({("a", 900)}),
    }
    assert all(event.sources == ["a"] for event in merged)


def test_merge_within_never_links_two_articles() -> None:
    merged = merge_within([airstrike("a", 0), airstrike("b", 0)])
    assert len({event.canonical_id for event in merged}) == 2


def test_reports_from_several_articles_share_canonical_id_and_sources() -> None:
    events = [
        airstrike("a", 0),
        storming("a", 500),
        airstrike("b", 40, date=day("2019-12-30")),
        storming("b", 10, actor=None),
        storming("c", 80),
    ]
    merged = assign_canonical(events, documents(a="2019-12-30", b="2019-12-31", c="2020-01-01"))
    by_position = {(event.doc_id, event.evidence.start): event for event in merged}
    assert by_position[("a", 0)].canonical_id == by_position[("b", 40)].canonical_id
    assert by_position[("a", 0)].sources == ["a", "b"]
    assert by_position[("a", 500)].sources == ["a", "b", "c"]
    assert by_position[("a", 0)].canonical_id != by_position[("a", 500)].canonical_id


def test_no_merge_across_denials_places_dates_or_actors() -> None:
    events = [
        airstrike("a", 0),
        airstrike("b", 0, aux=["negation"]),
        airstrike("e", 0, location=KIRKUK),
        airstrike("f", 0, date=day("2020-01-09")),
        airstrike(
            "g", 0, recipient=Actor("Iraqi police", text="police", country="IRQ", sector="COP")
        ),
        airstrike(
            "h",
            0,
            actor=Actor("Turkish air force", text="Turkish jets", country="TUR", sector="MIL"),
        ),
    ]
    merged = assign_canonical(events, documents(**{k: "2019-12-30" for k in "abefgh"}))
    assert len({event.canonical_id for event in merged}) == len(events)


def test_vague_mention_does_not_chain_two_different_events() -> None:
    # "the attack" fits both an airstrike in Al-Qaim and one in Kirkuk; it may join one, never both.
    events = [airstrike("a", 0), airstrike("a", 300, location=KIRKUK), make_event("a", 600)]
    merged = merge_within(events)
    assert len({event.canonical_id for event in merged}) == 2


def test_canonical_ids_do_not_depend_on_input_order() -> None:
    def build() -> list[Event]:
        return [airstrike("a", 0), airstrike("b", 40), storming("a", 500), storming("c", 5)]

    docs = documents(a="2019-12-30", b="2019-12-31", c="2020-01-01")
    forward = {event.id: event.canonical_id for event in assign_canonical(build(), docs)}
    backward = {event.id: event.canonical_id for event in assign_canonical(build()[::-1], docs)}
    assert forward == backward


def test_canonical_id_survives_a_later_article_joining() -> None:
    docs = documents(a="2019-12-30", b="2019-12-31", z="2020-01-02")
    before = assign_canonical([airstrike("a", 7), airstrike("b", 40)], docs)
    after = assign_canonical([airstrike("a", 7), airstrike("b", 40), airstrike("z", 0)], docs)
    assert len({event.canonical_id for event in after}) == 1
    assert after[0].canonical_id == before[0].canonical_id
    assert after[0].sources == ["a", "b", "z"]


def test_syndicated_copy_joins_the_event_but_counts_once() -> None:
    text = (
        "United States aircraft struck five sites used by Kataib Hezbollah in western Iraq and "
        "eastern Syria on Sunday, the Pentagon said, in response to a rocket attack on a base."
    )
    docs = {
        "wire": Document(id="wire", text=text, published=date(2019, 12, 30)),
        "copy": Document(
            id="copy", text=text + " Reporting by staff.", published=date(2019, 12, 30)
        ),
        "other": Document(id="other", text="A different report.", published=date(2019, 12, 31)),
    }
    result = merge(
        [
            airstrike("wire", 0, date=None, actor=None),
            airstrike("copy", 0, date=None, actor=None),
            airstrike("other", 0),
        ],
        docs,
    )
    assert len({event.canonical_id for event in result.events}) == 1
    cluster_id = result.events[0].canonical_id
    assert result.events[0].sources == ["copy", "other", "wire"]
    assert result.distinct_sources(cluster_id) == 2


def test_representative_is_most_complete_mention_with_gaps_filled() -> None:
    events = assign_canonical(
        [airstrike("a", 0, dead=None), airstrike("b", 3, location=None, dead=25)],
        documents(a="2019-12-30", b="2019-12-30"),
    )
    (merged,) = representatives(events)
    assert merged.location == AL_QAIM
    assert merged.dead == 25
    assert merged.sources == ["a", "b"]
    assert {event.dead for event in events} == {None, 25}  # inputs untouched


def test_twenty_thousand_events_all_get_a_canonical_event() -> None:
    # speed is measured by benchmarks, never asserted in a test on a shared machine
    rng = random.Random(7)
    countries = [("IRQ", 33.0, 44.0), ("SYR", 35.0, 38.0), ("UKR", 48.5, 37.5), ("COD", -1.6, 29.2)]
    types = ["ASSAULT", "PROTEST", "THREATEN", "AID", "CONSULT", "ACCUSE"]
    origin = date(2020, 1, 1)
    events = []
    for index in range(20_000):
        country, lat, lon = rng.choice(countries)
        when = origin + timedelta(days=rng.randrange(365))
        place = Place(
            f"p{index % 300}", country=country, lat=lat + rng.random(), lon=lon + rng.random()
        )
        events.append(
            make_event(
                f"d{index // 4}",
                (index % 4) * 100,
                rng.choice(types),
                actor=Actor(f"a{index % 50}", country=rng.choice(["USA", "IRN", country])),
                date=TimeSpan(when, when, "day"),
                location=place,
            )
        )
    merged = assign_canonical(events)
    assert len(merged) == 20_000
    assert all(event.canonical_id for event in merged)
    assert len({event.canonical_id for event in merged}) < 20_000  # some reports do merge
