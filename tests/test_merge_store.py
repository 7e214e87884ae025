"""Merging the events a real store holds and writing canonical ids back."""

from __future__ import annotations

from datetime import date

from flashpoint.merge import merge_store, representatives
from flashpoint.model import Actor, Document, Event, Evidence, Place, TimeSpan
from flashpoint.store import Store

KRAMATORSK = Place("Kramatorsk", country="UKR", lat=48.72, lon=37.56, feature="city")


def strike(doc_id: str, text: str, when: date, place: Place) -> tuple[Document, Event]:
    document = Document(id=doc_id, text=text, published=when)
    start = text.index("struck")
    event = Event(
        doc_id=doc_id,
        event_type="ASSAULT",
        evidence=Evidence(text, 0, len(text), start, start + 6),
        actor=Actor("Russian forces", country="RUS", sector="MIL"),
        date=TimeSpan(date(2022, 4, 8), date(2022, 4, 8), "day", "Friday"),
        location=place,
        trigger="struck",
    )
    return document, event


def test_store_events_get_canonical_ids_and_sources(db_url: str) -> None:
    first = strike(
        "first.txt",
        "A Russian missile struck the Kramatorsk railway station on Friday.",
        date(2022, 4, 8),
        KRAMATORSK,
    )
    second = strike(
        "second.txt",
        "Russian forces struck the crowded station in Kramatorsk on Friday, officials said.",
        date(2022, 4, 9),
        KRAMATORSK,
    )
    elsewhere = strike(
        "third.txt",
        "Russian artillery struck a market in Kharkiv on Friday.",
        date(2022, 4, 9),
        Place("Kharkiv", country="UKR", lat=49.99, lon=36.23, feature="city"),
    )
    with Store(db_url) as store:
        for document, event in (first, second, elsewhere):
            store.save(document, [event])
        summary = merge_store(store)
        stored = {event.doc_id: event for event in store.events()}
        again = merge_store(store)

    assert summary.mentions == 3
    assert summary.canonical_events == 2
    assert stored["first.txt"].canonical_id == stored["second.txt"].canonical_id
    assert stored["first.txt"].sources == ["first.txt", "second.txt"]
    assert stored["third.txt"].sources == ["third.txt"]
    assert again.updated == 0  # nothing changed, nothing rewritten
    assert len(representatives(list(stored.values()))) == 2
