"""Events and documents survive the database unchanged, on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from sqlalchemy import create_engine, inspect

from flashpoint.exceptions import StoreError
from flashpoint.model import Actor, Document, Event, Evidence, Place, TimeSpan
from flashpoint.store import Saved, Store
from flashpoint.store.schema import Base

TEXT = (
    "KHARTOUM, April 16, 2023 — Fighting between the army and the Rapid Support Forces "
    "killed at least 56 civilians on Saturday, doctors said. "
    "The United Nations called for an immediate ceasefire."
)


def _document(doc_id: str = "khartoum.txt", text: str = TEXT, path: str | None = None) -> Document:
    return Document(
        id=doc_id,
        text=text,
        title="Fighting in Khartoum",
        url="https://news.example/khartoum",
        outlet="News Example",
        published=date(2023, 4, 16),
        date_source="dateline",
        path=path or f"/articles/{doc_id}",
    )


def _events(document: Document) -> list[Event]:
    first_end = document.text.index("doctors said.") + len("doctors said.")
    second_start = document.text.index("The United Nations")
    killed = document.text.index("killed")
    army = Actor(
        name="Sudanese Armed Forces",
        id="Q1325536",
        text="the army",
        country="SDN",
        sector="MIL",
        aliases=["SAF"],
        start=document.text.index("the army"),
        end=document.text.index("the army") + 8,
    )
    civilians = Actor(name="civilians", text="civilians", country="SDN", sector="CVL")
    khartoum = Place(
        name="Khartoum",
        country="SDN",
        admin1="Khartoum",
        lat=15.55177,
        lon=32.53241,
        geonameid=379252,
        feature="city",
        text="KHARTOUM",
        start=0,
        end=8,
    )
    assault = Event(
        doc_id=document.id,
        event_type="ASSAULT",
        evidence=Evidence(document.text[:first_end], 0, first_end, killed, killed + 6),
        mode="firearms",
        context=["military"],
        cameo="190",
        actor=army,
        recipient=civilians,
        date=TimeSpan(date(2023, 4, 15), date(2023, 4, 15), "day", "Saturday", 120, 128),
        location=khartoum,
        dead=56,
        injured=None,
        aux=[],
        confidence=0.82,
        trigger="killed",
        canonical_id="cev_1",
        sources=[document.id, "other.txt"],
    )
    request = Event(
        doc_id=document.id,
        event_type="REQUEST",
        evidence=Evidence(document.text[second_start:], second_start, len(document.text)),
        actor=Actor(name="United Nations", id="Q1065", country=None, sector="IGO"),
        aux=["future"],
    )
    return [assault, request]


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, db_url: str) -> Iterator[Store]:
    url = db_url if request.param == "sqlite" else request.getfixturevalue("fresh_pg_url")
    opened = Store(url)
    yield opened
    opened.close()


def test_saved_events_come_back_equal_with_same_ids(store: Store) -> None:
    document = _document()
    events = _events(document)
    assert store.save(document, events) is True
    loaded = store.events()
    assert [event.id for event in loaded] == [event.id for event in events]
    assert loaded == events
    assert [event.to_record() for event in loaded] == [event.to_record() for event in events]


def test_event_lookup_returns_event_and_its_document(store: Store) -> None:
    document = _document()
    events = _events(document)
    store.save(document, events)
    found, article = store.event(events[0].id)
    assert found == events[0]
    assert article == document
    assert store.event(events[0].id[:10]) == (found, article)
    assert store.event("ev_doesnotexist") is None


def test_saving_the_same_text_again_adds_nothing(store: Store) -> None:
    document = _document()
    assert store.save(document, _events(document)) is True
    renamed = _document(doc_id="copy.txt")
    assert store.save(renamed, _events(renamed)) is False
    stats = store.stats()
    assert (stats["documents"], stats["events"]) == (1, 2)


def test_distinct_actors_and_places_are_shared_between_documents(store: Store) -> None:
    first = _document()
    second = _document(doc_id="second.txt", text=TEXT.replace("56", "57"))
    store.save(first, _events(first))
    store.save(second, _events(second))
    stats = store.stats()
    assert stats["documents"] == 2
    assert stats["events"] == 4
    assert stats["actors"] == 3  # the army, civilians, the United Nations
    assert stats["places"] == 1
    assert stats["events_by_type"] == {"ASSAULT": 2, "REQUEST": 2}
    assert stats["first_date"] == date(2023, 4, 15)


def test_one_kb_id_read_with_different_countries_keeps_each_reading(store: Store) -> None:
    # a generic actor ("the military") takes its country from each article's own text
    first = _document()
    second = _document(doc_id="second.txt", text=TEXT.replace("56", "57"))
    for document, country in ((first, "SDN"), (second, "UKR")):
        events = _events(document)
        for event in events:
            if event.actor is not None:
                event.actor.id, event.actor.country = "generic/-/MIL", country
        store.save(document, events)
    countries = {
        event.doc_id: event.actor.country for event in store.events() if event.actor is not None
    }
    assert countries == {"khartoum.txt": "SDN", "second.txt": "UKR"}


def test_sentences_are_stored_with_their_offsets(store: Store) -> None:
    document = _document()
    split = document.text.index("The United Nations")
    store.save(document, [], sentences=[(0, split - 1), (split, len(document.text))])
    sentences = store.sentences(document.id)
    assert [(start, end) for start, end, _ in sentences] == [
        (0, split - 1),
        (split, len(document.text)),
    ]
    assert sentences[1][2] == "The United Nations called for an immediate ceasefire."


def test_edited_file_replaces_its_earlier_version(store: Store) -> None:
    document = _document()
    store.save(document, _events(document))
    edited = _document(text=TEXT + " Talks were expected in Jeddah.")
    assert store.save(edited, _events(edited)[:1]) is True
    assert [item.text for item in store.documents()] == [edited.text]
    assert store.stats()["events"] == 1


def test_different_text_under_a_stored_id_from_another_file_is_refused(store: Store) -> None:
    document = _document()
    store.save(document, [])
    clash = _document(text="Another article entirely.", path="/elsewhere/khartoum.txt")
    with pytest.raises(StoreError, match="already stored"):
        store.save(clash, [])
    assert store.stats()["documents"] == 1


def test_migrations_create_exactly_the_tables_the_schema_declares(db_url: str) -> None:
    Store(db_url).close()
    engine = create_engine(db_url)
    inspector = inspect(engine)
    tables = set(inspector.get_table_names()) - {"alembic_version"}
    assert tables == set(Base.metadata.tables)
    for name, table in Base.metadata.tables.items():
        assert {column["name"] for column in inspector.get_columns(name)} == set(
            table.columns.keys()
        )
    assert "ix_events_event_type" in {index["name"] for index in inspector.get_indexes("events")}
    engine.dispose()


def test_reopening_a_store_keeps_its_data(db_url: str) -> None:
    document = _document()
    with Store(db_url) as store:
        store.save(document, _events(document))
    with Store(db_url) as store:
        assert len(store.events()) == 2


@pytest.mark.parametrize(
    "url",
    ["sqlite:////no/such/folder/events.db", "nosuchdialect://host/db", "not a url://"],
)
def test_unusable_database_is_a_store_error_naming_it(url: str) -> None:
    with pytest.raises(StoreError) as caught:
        Store(url)
    assert url.split("://")[0] in str(caught.value)


def test_bare_path_becomes_a_sqlite_database(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with Store("events.db") as store:
        assert store.url == "sqlite:///events.db"
    assert (tmp_path / "events.db").exists()


def test_merge_results_are_written_back_to_stored_events(store: Store) -> None:
    document = _document()
    events = _events(document)
    store.save(document, events)
    events[1].canonical_id = "cev_talks"
    events[1].sources = [document.id, "other.txt"]
    missing = Event(doc_id="nowhere", event_type="AID", evidence=Evidence("x", 0, 1))
    assert store.update_canonical([events[1], missing]) == 1
    [loaded] = store.events(type="REQUEST")
    assert (loaded.canonical_id, loaded.sources) == ("cev_talks", [document.id, "other.txt"])


def test_migrations_and_orm_schema_agree_exactly(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def _votes(**readings: tuple[str, str]) -> dict:
    from collections import Counter

    return {name: Counter({reading: 1}) for name, reading in readings.items()}


def test_place_votes_are_kept_under_the_documents_outlet_once(store):
    document = _document()
    votes = _votes(khartoum=("SDN", "SD.03"), omdurman=("SDN", "SD.03"))
    assert store.save(document, _events(document), place_votes=votes)
    assert not store.save(document, _events(document), place_votes=votes)  # re-run: no copies
    found = store.outlet_votes(["news example", "other paper", None])
    assert set(found) == {"news example"}
    assert found["news example"]["khartoum"] == {("SDN", "SD.03"): 1}
    assert sum(sum(r.values()) for r in found["news example"].values()) == 2


def test_an_edited_documents_old_place_votes_go_with_it(store):
    document = _document(path="/articles/k.txt")
    store.save(document, _events(document), place_votes=_votes(khartoum=("SDN", "SD.03")))
    edited = _document(path="/articles/k.txt", text=TEXT.replace("56", "57"))
    store.save(edited, _events(edited), place_votes=_votes(port_sudan=("SDN", "SD.08")))
    assert set(store.outlet_votes(["news example"])["news example"]) == {"port_sudan"}


def test_nul_characters_are_stored_alike_on_every_database(store: Store) -> None:
    document = _document(text=TEXT.replace("Fighting", "Fight\x00ing"))
    assert store.put(document, []) is Saved.NEW
    stored = store.document(document.id)
    assert stored is not None and stored.text == TEXT


def test_saving_says_whether_the_document_was_new_replaced_or_stored(store: Store) -> None:
    document = _document()
    edited = _document(text=TEXT + " Talks resumed.")
    assert [store.put(document, []), store.put(edited, []), store.put(edited, [])] == [
        Saved.NEW,
        Saved.REPLACED,
        Saved.ALREADY,
    ]


def test_writers_storing_one_article_at_once_store_and_count_it_once(store: Store) -> None:
    writers = 6
    stores = [Store(store.url) for _ in range(writers)]
    start = threading.Barrier(writers)

    def write(own: Store) -> Saved:
        start.wait()
        return own.put(_document(), _events(_document()))

    with ThreadPoolExecutor(writers) as pool:
        outcomes = list(pool.map(write, stores))
    for own in stores:
        own.close()
    assert sorted(outcomes) == sorted([Saved.NEW] + [Saved.ALREADY] * (writers - 1))
    assert store.stats()["documents"] == 1
    assert store.stats()["events"] == len(_events(_document()))


def test_the_newest_revision_read_from_the_files_is_alembics_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from flashpoint.store import MIGRATIONS
    from flashpoint.store.store import head_revision

    settings = Config()
    settings.set_main_option("script_location", str(MIGRATIONS))
    assert head_revision() == ScriptDirectory.from_config(settings).get_current_head()


def test_a_database_behind_the_newest_revision_is_still_upgraded(db_url: str) -> None:
    from alembic.command import downgrade
    from alembic.config import Config

    from flashpoint.store import MIGRATIONS
    from flashpoint.store.store import head_revision, stored_revision

    with Store(db_url) as store:
        settings = Config()
        settings.set_main_option("script_location", str(MIGRATIONS))
        with store.engine.begin() as connection:
            settings.attributes["connection"] = connection
            downgrade(settings, "-1")
        assert stored_revision(store.engine) != head_revision()
    with Store(db_url) as store:
        assert stored_revision(store.engine) == head_revision()
        assert "place_votes" in inspect(store.engine).get_table_names()


@pytest.mark.parametrize(
    ("files", "head"),
    [
        (
            {
                "1.py": 'revision = "a"\ndown_revision = None\n',
                "2.py": "revision = 'b'\ndown_revision = 'a'\n",
            },
            "b",
        ),
        (
            {
                "1.py": 'revision: str = "a"\ndown_revision: str | None = None\n',
                "2.py": 'revision: str = "b"\ndown_revision: str | None = "a"\n',
            },
            "b",
        ),
        (
            {
                "1.py": 'revision = "a"\ndown_revision = None\n',
                "2.py": 'revision = "b"\ndown_revision = None\n',
            },
            None,
        ),  # two heads: alembic decides
        (
            {"1.py": 'revision = "a"\ndown_revision = None\n', "2.py": "REVISION = make_id()\n"},
            None,
        ),  # a migration the reader cannot parse: never skip past it
    ],
    ids=["double-and-single-quotes", "annotated", "two-heads", "unreadable"],
)
def test_newest_revision_is_only_named_when_plain(files, head, tmp_path, monkeypatch) -> None:
    from flashpoint.store import store as store_module

    (tmp_path / "versions").mkdir()
    for name, source in files.items():
        (tmp_path / "versions" / name).write_text(source, encoding="utf-8")
    monkeypatch.setattr(store_module, "MIGRATIONS", tmp_path)
    store_module.head_revision.cache_clear()
    try:
        assert store_module.head_revision() == head
    finally:
        store_module.head_revision.cache_clear()
