"""`Store.events` filters by type, actor, country, dates and document, and pages results."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.model import Actor, Document, Event, Evidence, Place, TimeSpan
from flashpoint.store import Store


def _event(doc_id: str, start: int, event_type: str, **fields) -> Event:
    return Event(
        doc_id=doc_id,
        event_type=event_type,
        evidence=Evidence(f"sentence {start}", start, start + 10, start, start + 3),
        **fields,
    )


def _day(year: int, month: int, day: int) -> TimeSpan:
    return TimeSpan(date(year, month, day), date(year, month, day))


@pytest.fixture
def store(db_url: str) -> Store:
    store = Store(db_url)
    houthis = Actor("Ansar Allah", id="Q1138547", text="the Houthis", country="YEM", sector="REB")
    us_navy = Actor("United States Navy", id="Q11220", text="US warships", country="USA")
    russia = Actor("Russian Armed Forces", text="Russian forces", country="RUS", sector="MIL")
    kramatorsk = Place("Kramatorsk", country="UKR", lat=48.72, lon=37.56)
    red_sea = Document(id="redsea.txt", text="x" * 200, published=date(2024, 1, 12))
    ukraine = Document(id="kramatorsk.txt", text="y" * 200, published=date(2022, 4, 8))
    store.save(
        red_sea,
        [
            _event(
                "redsea.txt", 0, "ASSAULT", actor=us_navy, recipient=houthis, date=_day(2024, 1, 11)
            ),
            _event("redsea.txt", 20, "THREATEN", actor=houthis, recipient=us_navy),
            _event("redsea.txt", 40, "MOBILIZE", actor=us_navy, date=_day(2023, 12, 18)),
        ],
    )
    store.save(
        ukraine,
        [
            _event(
                "kramatorsk.txt",
                0,
                "ASSAULT",
                actor=russia,
                location=kramatorsk,
                dead=50,
                date=TimeSpan(date(2022, 4, 1), date(2022, 4, 30), "month"),
            ),
            _event("kramatorsk.txt", 30, "ACCUSE", actor=None, date=_day(2022, 4, 9)),
        ],
    )
    return store


def _types(events: list[Event]) -> list[str]:
    return [event.event_type for event in events]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["ASSAULT", "ACCUSE", "MOBILIZE", "ASSAULT", "THREATEN"]),
        ({"type": "assault"}, ["ASSAULT", "ASSAULT"]),
        ({"type": "THREATEN,MOBILIZE"}, ["MOBILIZE", "THREATEN"]),
        ({"type": "EXPLODE"}, []),
        ({"actor": "houthi"}, ["ASSAULT", "THREATEN"]),
        ({"actor": "ansar allah"}, ["ASSAULT", "THREATEN"]),
        ({"actor": "Q11220"}, ["MOBILIZE", "ASSAULT", "THREATEN"]),
        ({"actor": "100%"}, []),
        ({"country": "ukr"}, ["ASSAULT"]),
        ({"country": "YEM"}, ["ASSAULT", "THREATEN"]),
        ({"since": date(2024, 1, 1)}, ["ASSAULT", "THREATEN"]),
        ({"until": date(2022, 12, 31)}, ["ASSAULT", "ACCUSE"]),
        ({"since": date(2022, 4, 20), "until": date(2022, 4, 20)}, ["ASSAULT"]),
        ({"doc_id": "redsea.txt", "type": "ASSAULT"}, ["ASSAULT"]),
    ],
    ids=lambda value: str(value),
)
def test_filters_select_matching_events_in_date_order(
    store: Store, filters: dict, expected: list[str]
) -> None:
    assert _types(store.events(**filters)) == expected
    assert store.count_events(**filters) == len(expected)


def test_undated_events_take_their_document_date_for_date_filters(store: Store) -> None:
    [threat] = store.events(type="THREATEN", since=date(2024, 1, 12), until=date(2024, 1, 12))
    assert threat.date is None


def test_limit_and_offset_page_through_results(store: Store) -> None:
    everything = store.events()
    assert store.events(limit=2) == everything[:2]
    assert store.events(limit=2, offset=2) == everything[2:4]
    assert store.events(offset=4) == everything[4:]


def test_documents_are_listed_by_id(store: Store) -> None:
    assert [document.id for document in store.documents()] == ["kramatorsk.txt", "redsea.txt"]
    assert store.document("redsea.txt").published == date(2024, 1, 12)
    assert store.document("missing") is None
