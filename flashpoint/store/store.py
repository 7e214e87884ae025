"""The event database: documents with their sentences and events, on any SQLAlchemy URL."""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import cache
from pathlib import Path

from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    event,
    func,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, selectinload

from .. import config
from ..exceptions import StoreError
from ..geo.homes import Votes, outlet_key
from ..model import Document, Event
from . import convert, query
from .query import EventFilter
from .schema import ActorRow, DocumentRow, EventRow, PlaceRow, PlaceVoteRow, SentenceRow

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r"""^revision(?:: str)? = ['"](\w+)['"]""", re.MULTILINE)
_DOWN_REVISION = re.compile(r"""^down_revision(?:: [^=]+)? = ['"](\w+)['"]""", re.MULTILINE)
# PostgreSQL advisory lock keys (any fixed numbers): one for the schema, one for document writes.
_SCHEMA_LOCK = 7_240_301
_DOCUMENT_LOCK = 7_240_302
# Execution option naming how a SQLite transaction begins: "IMMEDIATE" takes the write lock
# at once, so that what the transaction reads cannot change before it writes.
_SQLITE_BEGIN = "flashpoint_sqlite_begin"
# A new database file may be locked for a moment while another process creates it.
_OPEN_ATTEMPTS = 5


class Saved(StrEnum):
    """What `Store.put` did with a document."""

    NEW = "new"
    REPLACED = "replaced"  # an edited file: its earlier text and events are gone
    ALREADY = "already stored"  # the same text is stored (whatever its id)


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"{url}: not a database URL or SQLite file path") from exc
    shown = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database).expanduser().resolve().parent
        if not folder.is_dir():
            raise StoreError(f"{shown}: folder {folder} does not exist")
    try:
        engine = create_engine(parsed)
    except (ArgumentError, ImportError, SQLAlchemyError) as exc:
        raise StoreError(f"{shown}: cannot use this database: {exc}") from exc
    if engine.dialect.name == "sqlite":
        # SQLite leaves foreign keys off unless asked, per connection. Write-ahead logging with
        # NORMAL sync keeps the file consistent on a crash without an fsync per document, which
        # otherwise dominates the time of a run; readers (the API) no longer block the writer.
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record) -> None:
            # The driver's own transaction handling would begin late and never IMMEDIATE;
            # transactions begin in `_sqlite_begin` instead.
            connection.isolation_level = None
            cursor = connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: Connection) -> None:
            mode = connection.get_execution_options().get(_SQLITE_BEGIN, "")
            connection.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine


def writing(engine: Engine) -> Engine:
    """The engine for a transaction that reads and then writes on what it read: on SQLite it
    takes the write lock first, so two writers take turns instead of both acting on stale reads
    (PostgreSQL writers take an advisory lock, see `_lock`)."""
    if engine.dialect.name == "sqlite":
        return engine.execution_options(**{_SQLITE_BEGIN: "IMMEDIATE"})
    return engine


def _lock(connection: Connection, key: int) -> None:
    """On PostgreSQL, wait for the advisory lock `key`, held until the transaction ends."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


@cache
def head_revision() -> str | None:
    """The newest migration's id, read from the migration files without importing alembic: the
    one revision that no other names as its parent (None when that is not plain to see, as after
    a merge of two branches; alembic then decides)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found = _REVISION.findall(source)
        if len(found) != 1:
            return None  # a migration written some other way: never guess past it
        revisions.update(found)
        parents.update(_DOWN_REVISION.findall(source))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def stored_revision(engine: Engine) -> str | None:
    """The schema revision a database records, or None for a new (or not yet migrated) one."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest alembic revision (creating it in an empty database).

    One process at a time: many starting on a new database would otherwise all create it."""
    # Alembic takes longer to import than a whole small run; a database already at the newest
    # revision, the usual case, needs nothing from it.
    head = head_revision()
    if head is not None and stored_revision(engine) == head:
        return
    from alembic import command
    from alembic.config import Config

    settings = Config()
    settings.set_main_option("script_location", str(MIGRATIONS))
    with writing(engine).begin() as connection:
        _lock(connection, _SCHEMA_LOCK)
        settings.attributes["connection"] = connection
        command.upgrade(settings, "head")


def _where(document: Document) -> str:
    """The document's file, and its id when the file holds many (JSON lines, feeds)."""
    if document.path and Path(document.path).name != document.id:
        return f"{document.path} ({document.id})"
    return document.path or document.id


def _locked(exc: SQLAlchemyError) -> bool:
    return isinstance(exc, OperationalError) and "locked" in str(exc.orig).lower()


class Store:
    """Documents, sentences, actors, places and events; `url` is a SQLAlchemy URL or a file path."""

    def __init__(self, url: str | None = None) -> None:
        self.url = config.db_url(url)
        self.engine = _engine(self.url)
        self.shown_url = self.engine.url.render_as_string(hide_password=True)
        for attempt in range(_OPEN_ATTEMPTS):
            try:
                migrate(self.engine)
                break
            except SQLAlchemyError as exc:
                if _locked(exc) and attempt + 1 < _OPEN_ATTEMPTS:
                    time.sleep(0.2 * 2**attempt)
                    continue
                self.engine.dispose()
                reason = getattr(exc, "orig", None) or exc
                raise StoreError(f"{self.shown_url}: cannot open or migrate: {reason}") from exc

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # Writing

    def has_document(self, document: Document) -> bool:
        """True when a document with the same text is stored (whatever its id)."""
        with Session(self.engine) as session:
            found = session.scalar(
                select(DocumentRow.id).where(DocumentRow.content_hash == document.content_hash)
            )
            return found is not None

    def save(
        self,
        document: Document,
        events: Iterable[Event],
        sentences: Iterable[tuple[int, int]] | None = None,
        place_votes: Votes | None = None,
    ) -> bool:
        """Store a document with its events in one transaction; False if its text is stored.

        `sentences` are (start, end) character offsets; without them, the events' evidence
        sentences are kept. `place_votes` (`geo.homes`): the document's place readings, kept
        under its outlet for `outlet_votes`. A different text under a stored doc_id replaces the
        stored one when it comes from the same path (an edited file) and is refused otherwise.
        """
        return self.put(document, events, sentences, place_votes) is not Saved.ALREADY

    def put(
        self,
        document: Document,
        events: Iterable[Event],
        sentences: Iterable[tuple[int, int]] | None = None,
        place_votes: Votes | None = None,
    ) -> Saved:
        """`save`, saying whether the document was new, replaced an edited one, or was stored.

        The text and id checks and the writes are one transaction under the write lock, so two
        runs storing the same article at once cannot both count it, nor undo each other."""
        events = list(events)
        try:
            return self._save(document, events, sentences, place_votes)
        except IntegrityError:
            # Another writer stored the same actor, place or document between our read and write.
            try:
                return self._save(document, events, sentences, place_votes)
            except SQLAlchemyError as exc:
                raise StoreError(f"{_where(document)}: cannot store: {exc}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"{_where(document)}: cannot store: {exc}") from exc

    def _save(
        self,
        document: Document,
        events: list[Event],
        sentences: Iterable[tuple[int, int]] | None,
        place_votes: Votes | None = None,
    ) -> Saved:
        with Session(writing(self.engine)) as session, session.begin():
            _lock(session.connection(), _DOCUMENT_LOCK)
            outcome = Saved.NEW
            digest = document.content_hash
            if session.scalar(select(DocumentRow.id).where(DocumentRow.content_hash == digest)):
                return Saved.ALREADY
            same_id = session.scalar(select(DocumentRow).where(DocumentRow.doc_id == document.id))
            if same_id is not None:
                if same_id.path is None or same_id.path != document.path:
                    raise StoreError(
                        f"{document.path or document.id}: a different document with id "
                        f"{document.id!r} is already stored (from {same_id.path or 'elsewhere'}); "
                        "rename the file or give the record another id"
                    )
                session.delete(same_id)
                session.flush()
                outcome = Saved.REPLACED
            row = DocumentRow(
                doc_id=document.id,
                content_hash=digest,
                title=document.title,
                url=document.url,
                outlet=document.outlet,
                published=document.published,
                date_source=document.date_source,
                text=document.text,
                path=document.path,
                ingested_at=datetime.now(UTC),
            )
            session.add(row)
            if sentences is None:
                sentences = sorted({(event.evidence.start, event.evidence.end) for event in events})
            row.sentences = [
                SentenceRow(start=start, end=end, text=document.text[start:end])
                for start, end in sentences
            ]
            self._add_events(session, row, events)
            outlet = outlet_key(document.outlet, document.url)
            if outlet is not None and place_votes:
                row.place_votes = [
                    # names cut to the column's width (an NER span can be any length)
                    PlaceVoteRow(
                        outlet=outlet,
                        name=name[:512],
                        country=country or None,
                        admin1=admin1 or None,
                    )
                    for name, readings in place_votes.items()
                    for (country, admin1), count in readings.items()
                    for _ in range(count)
                ]
        return outcome

    def outlet_votes(self, outlets: Iterable[str | None]) -> dict[str, Votes]:
        """The stored place votes of these outlets' documents (`geo.homes.Homes.add` takes them)."""
        wanted = sorted({outlet for outlet in outlets if outlet})
        found: dict[str, Votes] = {}
        if not wanted:
            return found
        with Session(self.engine) as session:
            rows = session.execute(
                select(
                    PlaceVoteRow.outlet,
                    PlaceVoteRow.name,
                    PlaceVoteRow.country,
                    PlaceVoteRow.admin1,
                ).where(PlaceVoteRow.outlet.in_(wanted))
            )
            for outlet, name, country, admin1 in rows:
                readings = found.setdefault(outlet, {}).setdefault(name, Counter())
                readings[(country or "", admin1 or "")] += 1
        return found

    def _add_events(self, session: Session, document: DocumentRow, events: list[Event]) -> None:
        unique: dict[str, Event] = {}
        for item in events:
            # The extractor may read one trigger twice; the id is the identity.
            unique.setdefault(item.id, item)
        actors = self._shared_rows(
            session,
            ActorRow,
            {
                convert.actor_key(actor): actor
                for item in unique.values()
                for actor in (item.actor, item.recipient)
                if actor is not None
            },
            convert.actor_row,
        )
        places = self._shared_rows(
            session,
            PlaceRow,
            {
                convert.place_key(item.location): item.location
                for item in unique.values()
                if item.location is not None
            },
            convert.place_row,
        )
        for item in unique.values():
            row = convert.event_row(item)
            row.actor = actors[convert.actor_key(item.actor)] if item.actor else None
            row.recipient = actors[convert.actor_key(item.recipient)] if item.recipient else None
            row.location = places[convert.place_key(item.location)] if item.location else None
            document.events.append(row)

    @staticmethod
    def _shared_rows(session: Session, table, wanted: dict, build) -> dict:
        """Rows for distinct actors or places: the stored ones, plus new ones for the rest.

        One query for all keys, with autoflush off, so the document's pending rows are written
        once at commit rather than before every lookup.
        """
        if not wanted:
            return {}
        with session.no_autoflush:
            found = session.scalars(select(table).where(table.key.in_(list(wanted))))
            rows = {row.key: row for row in found}
        for key, value in wanted.items():
            if key not in rows:
                rows[key] = build(value)
        return rows

    def update_canonical(self, events: Iterable[Event]) -> int:
        """Store merge results (`canonical_id`, `sources`) of stored events; returns rows changed.

        For `flashpoint.merge`, which sets those fields in place after extraction.
        """
        changed = 0
        with Session(self.engine) as session, session.begin():
            for item in events:
                result = session.execute(
                    update(EventRow)
                    .where(EventRow.id == item.id)
                    .values(canonical_id=item.canonical_id, sources=list(item.sources))
                )
                changed += result.rowcount or 0
        return changed

    # Reading

    def unmerged_events(self) -> list[Event]:
        """Stored events no merge has seen yet: a run's own, or those of a run that was killed
        between storing and merging."""
        with Session(self.engine) as session:
            selection = query.events_select(EventFilter(), None, 0)
            rows = session.execute(selection.where(EventRow.canonical_id.is_(None))).all()
            return [convert.to_event(row, doc_id) for row, doc_id in rows]

    def events(
        self,
        type: str | None = None,
        actor: str | None = None,
        country: str | None = None,
        since: date | None = None,
        until: date | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Event]:
        """Events matching every given filter, oldest first (undated events last)."""
        wanted = EventFilter(type, actor, country, since, until, doc_id)
        with Session(self.engine) as session:
            rows = session.execute(query.events_select(wanted, limit, offset)).all()
            return [convert.to_event(row, doc_id) for row, doc_id in rows]

    def count_events(
        self,
        type: str | None = None,
        actor: str | None = None,
        country: str | None = None,
        since: date | None = None,
        until: date | None = None,
        doc_id: str | None = None,
    ) -> int:
        wanted = EventFilter(type, actor, country, since, until, doc_id)
        with Session(self.engine) as session:
            return session.scalar(query.count_select(wanted)) or 0

    def event(self, event_id: str) -> tuple[Event, Document] | None:
        """One event and its article, by id or by an unambiguous id prefix."""
        loading = (
            selectinload(EventRow.actor),
            selectinload(EventRow.recipient),
            selectinload(EventRow.location),
            selectinload(EventRow.document),
        )
        with Session(self.engine) as session:
            row = session.scalar(select(EventRow).where(EventRow.id == event_id).options(*loading))
            if row is None and len(event_id) >= 6:
                prefix = event_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                matches = session.scalars(
                    select(EventRow)
                    .where(EventRow.id.like(prefix + "%", escape="\\"))
                    .options(*loading)
                    .limit(2)
                ).all()
                row = matches[0] if len(matches) == 1 else None
            if row is None:
                return None
            return convert.to_event(row, row.document.doc_id), convert.to_document(row.document)

    def document(self, doc_id: str) -> Document | None:
        with Session(self.engine) as session:
            row = session.scalar(select(DocumentRow).where(DocumentRow.doc_id == doc_id))
            return convert.to_document(row) if row else None

    def documents(self) -> list[Document]:
        with Session(self.engine) as session:
            rows = session.scalars(select(DocumentRow).order_by(DocumentRow.doc_id))
            return [convert.to_document(row) for row in rows]

    def sentences(self, doc_id: str) -> list[tuple[int, int, str]]:
        """(start, end, text) of the stored sentences of one document, in order."""
        with Session(self.engine) as session:
            rows = session.execute(
                select(SentenceRow.start, SentenceRow.end, SentenceRow.text)
                .join(DocumentRow)
                .where(DocumentRow.doc_id == doc_id)
                .order_by(SentenceRow.start)
            )
            return [(start, end, text) for start, end, text in rows]

    def stats(self) -> dict:
        """Counts of everything stored, events by type, and the span of event dates."""
        with Session(self.engine) as session:

            def count(column) -> int:
                return session.scalar(select(func.count(column))) or 0

            by_type = dict(
                session.execute(
                    select(EventRow.event_type, func.count(EventRow.id))
                    .group_by(EventRow.event_type)
                    .order_by(func.count(EventRow.id).desc(), EventRow.event_type)
                ).all()
            )
            first, last = session.execute(
                select(func.min(EventRow.date_start), func.max(EventRow.date_end))
            ).one()
            return {
                "documents": count(DocumentRow.id),
                "sentences": count(SentenceRow.id),
                "events": count(EventRow.id),
                "actors": count(ActorRow.id),
                "places": count(PlaceRow.id),
                "events_by_type": by_type,
                "first_date": first,
                "last_date": last,
            }
