"""Request dependencies shared by the routes: the database session and the event filters."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated

from fastapi import HTTPException, Query, Request
from sqlalchemy.orm import Session

from .queries import BadQuery, EventQuery


def session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.store.engine) as opened:
        yield opened


def _split(values: list[str] | None, upper: bool) -> tuple[str, ...]:
    # Accept both ?type=A&type=B and ?type=A,B.
    parts = [part.strip() for value in values or [] for part in value.split(",")]
    return tuple(part.upper() if upper else part for part in parts if part)


def event_query(
    type: Annotated[
        list[str] | None, Query(description="PLOVER event type; repeat or comma-separate")
    ] = None,
    mode: Annotated[list[str] | None, Query(description="PLOVER mode, e.g. aerial")] = None,
    actor: Annotated[
        str | None, Query(max_length=200, description="Actor name, mention or KB id (part)")
    ] = None,
    recipient: Annotated[str | None, Query(max_length=200)] = None,
    country: Annotated[
        str | None,
        Query(
            pattern=r"^[A-Za-z]{3}$",
            description="ISO 3166-1 alpha-3 of the actor, recipient or place",
        ),
    ] = None,
    place: Annotated[str | None, Query(max_length=200, description="Place name (part)")] = None,
    start: Annotated[date | None, Query(description="Events on or after this date")] = None,
    end: Annotated[date | None, Query(description="Events on or before this date")] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the evidence")] = None,
    merged: Annotated[
        bool, Query(description="One record per real-world event instead of every mention")
    ] = False,
    doc_id: Annotated[str | None, Query(max_length=512)] = None,
) -> EventQuery:
    try:
        return EventQuery(
            types=_split(type, upper=True),
            modes=_split(mode, upper=False),
            actor=actor or None,
            recipient=recipient or None,
            country=country or None,
            place=place or None,
            start=start,
            end=end,
            min_confidence=min_confidence,
            text=q or None,
            merged=merged,
            doc_id=doc_id or None,
        )
    except BadQuery as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
