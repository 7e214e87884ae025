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


SUDAN = Place("Khartoum", country="SDN", lat=15.50, lon=32.56, feature="city")


def shelling(doc_id: str, text: str, when: date) -> tuple[Document, Event]:
    """An unrelated event, a year later and in another country."""
    document = Document(id=doc_id, text=text, published=when)
    start = text.index("shelled")
    event = Event(
        doc_id=doc_id,
        event_type="ASSAULT",
        evidence=Evidence(text, 0, len(text), start, start + 7),
        actor=Actor("Rapid Support Forces", country="SDN", sector="REB"),
        date=TimeSpan(when, when, "day", "Monday"),
        location=SUDAN,
        trigger="shelled",
    )
    return document, event


def first_reports() -> list[tuple[Document, Event]]:
    return [
        strike(
            "first.txt",
            "A Russian missile struck the Kramatorsk railway station on Friday.",
            date(2022, 4, 8),
            KRAMATORSK,
        ),
        shelling(
            "sudan.txt",
            "Paramilitary fighters shelled a market in Khartoum on Monday.",
            date(2023, 5, 1),
        ),
    ]


LATER = (
    "later.txt",
    "Russian forces struck the crowded station in Kramatorsk on Friday, officials said.",
    date(2022, 4, 9),
    KRAMATORSK,
)


def test_a_new_article_re_merges_only_the_events_it_could_join(db_url, monkeypatch) -> None:
    from flashpoint.merge import stored

    calls: list[set[str]] = []
    real_merge = stored.merge

    def recording(events, documents):
        calls.append({event.doc_id for event in events})
        return real_merge(events, documents)

    monkeypatch.setattr(stored, "merge", recording)
    with Store(db_url) as store:
        for document, event in first_reports():
            store.save(document, [event])
        merge_store(store)
        earlier = {event.doc_id: event.canonical_id for event in store.events()}
        document, event = strike(*LATER)
        store.save(document, [event])
        summary = merge_store(store)
        stored_events = {event.doc_id: event for event in store.events()}

    assert calls[-1] == {"first.txt", "later.txt"}  # the Sudan event is not re-clustered
    assert summary.remerged == 2
    assert stored_events["later.txt"].canonical_id == earlier["first.txt"]
    assert stored_events["first.txt"].sources == ["first.txt", "later.txt"]
    assert stored_events["sudan.txt"].canonical_id == earlier["sudan.txt"]


def test_re_running_the_merge_on_the_same_store_changes_nothing(db_url) -> None:
    with Store(db_url) as store:
        for document, event in [*first_reports(), strike(*LATER)]:
            store.save(document, [event])
        merge_store(store)
        before = {event.id: (event.canonical_id, event.sources) for event in store.events()}
        again = merge_store(store)
        after = {event.id: (event.canonical_id, event.sources) for event in store.events()}

    assert again.updated == 0
    assert again.remerged == 0
    assert after == before


def test_incremental_merges_agree_with_one_full_merge(tmp_path) -> None:
    reports = [*first_reports(), strike(*LATER)]
    step_url = f"sqlite:///{tmp_path / 'steps.db'}"
    whole_url = f"sqlite:///{tmp_path / 'whole.db'}"
    with Store(step_url) as store:
        for document, event in reports:
            store.save(document, [event])
            merge_store(store)
        stepwise = {event.id: (event.canonical_id, event.sources) for event in store.events()}
    with Store(whole_url) as store:
        for document, event in reports:
            store.save(document, [event])
        merge_store(store, full=True)
        whole = {event.id: (event.canonical_id, event.sources) for event in store.events()}
    assert stepwise == whole


def test_a_run_s_new_events_read_only_the_stored_events_near_them(db_url, monkeypatch) -> None:
    with Store(db_url) as store:
        for document, event in first_reports():
            store.save(document, [event])
        merge_store(store)
        earlier = {event.doc_id: event.canonical_id for event in store.events()}
        document, event = strike(*LATER)
        store.save(document, [event])
        read: list[str] = []
        real_events = store.events

        def recording(**filters):
            found = real_events(**filters)
            read.extend(item.doc_id for item in found)
            return found

        monkeypatch.setattr(store, "events", recording)
        summary = merge_store(store, new_events=[event])
        monkeypatch.undo()
        stored_events = {item.doc_id: item for item in store.events()}

    assert sorted(read) == ["first.txt", "later.txt"]  # the Sudan report is not even read
    assert summary.remerged == 2
    assert stored_events["later.txt"].canonical_id == earlier["first.txt"]
    assert stored_events["first.txt"].sources == ["first.txt", "later.txt"]
