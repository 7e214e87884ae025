"""The database tables, as SQLAlchemy 2 ORM classes.

The schema itself is created and changed only by the alembic migrations in `migrations/`;
these classes must describe the same tables (a test compares them).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(512), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(256))
    published: Mapped[date | None] = mapped_column(Date, index=True)
    date_source: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    sentences: Mapped[list[SentenceRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )
    events: Mapped[list[EventRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )
    place_votes: Mapped[list[PlaceVoteRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class SentenceRow(Base):
    __tablename__ = "sentences"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    document: Mapped[DocumentRow] = relationship(back_populates="sentences")


class PlaceVoteRow(Base):
    """One place name of a document, as we read it: its country and state vote for where the
    document's outlet is (`geo.homes`), for articles of that outlet read later (migration 0003)."""

    __tablename__ = "place_votes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    # geo.homes.outlet_key: the outlet's name, else its URL's host
    outlet: Mapped[str] = mapped_column(String(256), index=True)
    name: Mapped[str] = mapped_column(String(512))
    country: Mapped[str | None] = mapped_column(String(3))
    admin1: Mapped[str | None] = mapped_column(String(32))


class ActorRow(Base):
    """One distinct resolved actor: a knowledge-base entry, or a name+country+sector reading."""

    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # "kb:<id>|<country>|<sector>" or "name:<name>|<country>|<sector>": rows are shared by it
    key: Mapped[str] = mapped_column(String(768), unique=True)
    kb_id: Mapped[str | None] = mapped_column(String(128), index=True)
    name: Mapped[str] = mapped_column(String(512), index=True)
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    sector: Mapped[str | None] = mapped_column(String(32))
    aliases: Mapped[list] = mapped_column(JSON, default=list)


class PlaceRow(Base):
    __tablename__ = "places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # "geonames:<id>" or "name:<name>|<country>|<admin1>|<lat>|<lon>".
    key: Mapped[str] = mapped_column(String(768), unique=True)
    name: Mapped[str] = mapped_column(String(512))
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    admin1: Mapped[str | None] = mapped_column(String(256))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    feature: Mapped[str | None] = mapped_column(String(32))


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_document_evidence", "document_id", "evidence_start"),
        # For the REST API (migration 0002): type filters in date order, and covering indexes
        # so the timeline, map and network counts never read the wide event rows.
        Index("ix_events_type_date", "event_type", "date_start"),
        Index("ix_events_date_type_mode", "date_start", "event_type", "mode"),
        Index("ix_events_location_type_mode", "location_id", "event_type", "mode"),
        Index("ix_events_dyad_type_mode", "actor_id", "recipient_id", "event_type", "mode"),
    )

    # Event.id: a hash of document, sentence, trigger and type, stable across runs.
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    event_type: Mapped[str] = mapped_column(String(16), index=True)
    mode: Mapped[str | None] = mapped_column(String(64))
    context: Mapped[list] = mapped_column(JSON, default=list)
    cameo: Mapped[str | None] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    actor_text: Mapped[str | None] = mapped_column(Text)
    actor_start: Mapped[int | None] = mapped_column(Integer)
    actor_end: Mapped[int | None] = mapped_column(Integer)
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    recipient_text: Mapped[str | None] = mapped_column(Text)
    recipient_start: Mapped[int | None] = mapped_column(Integer)
    recipient_end: Mapped[int | None] = mapped_column(Integer)
    date_start: Mapped[date | None] = mapped_column(Date, index=True)
    date_end: Mapped[date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str | None] = mapped_column(String(16))
    date_text: Mapped[str | None] = mapped_column(Text)
    date_char_start: Mapped[int | None] = mapped_column(Integer)
    date_char_end: Mapped[int | None] = mapped_column(Integer)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    location_text: Mapped[str | None] = mapped_column(Text)
    location_start: Mapped[int | None] = mapped_column(Integer)
    location_end: Mapped[int | None] = mapped_column(Integer)
    dead: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    aux: Mapped[list] = mapped_column(JSON, default=list)
    evidence_text: Mapped[str] = mapped_column(Text)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    trigger: Mapped[str | None] = mapped_column(Text)
    trigger_start: Mapped[int | None] = mapped_column(Integer)
    trigger_end: Mapped[int | None] = mapped_column(Integer)
    confidence: Mapped[float | None] = mapped_column(Float)
    canonical_id: Mapped[str | None] = mapped_column(String(64), index=True)
    sources: Mapped[list] = mapped_column(JSON, default=list)

    document: Mapped[DocumentRow] = relationship(back_populates="events")
    actor: Mapped[ActorRow | None] = relationship(foreign_keys=[actor_id])
    recipient: Mapped[ActorRow | None] = relationship(foreign_keys=[recipient_id])
    location: Mapped[PlaceRow | None] = relationship()
