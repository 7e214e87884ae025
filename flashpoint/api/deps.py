"""Request dependencies shared by the routes: the database session and the event filters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.orm import Session

from .countries import to_iso3
from .queries import QUALIFIERS, BadQuery, EventQuery

DATE_HELP = "YYYY-MM-DD, YYYY-MM or YYYY (a month or year covers all its days)"


def _query_names(dependant) -> Iterator[str]:
    for param in dependant.query_params:
        yield param.alias
    for sub in dependant.dependencies:
        yield from _query_names(sub)


def known_parameters(request: Request) -> None:
    """Refuse query parameters the route does not take, so `?contry=IRQ` is an error that
    names the typo rather than an unfiltered answer."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = set(_query_names(dependant))
    unknown = [name for name in request.query_params if name not in known]
    if unknown:
        raise RequestValidationError(
            [
                {
                    "type": "unknown_parameter",
                    "loc": ("query", name),
                    "msg": f"unknown parameter; this endpoint takes {', '.join(sorted(known))}",
                    "input": request.query_params[name],
                }
                for name in dict.fromkeys(unknown)
            ]
        )


def _day(value: str | None, name: str, last: bool) -> date | None:
    """A day, month or year as the command line takes them; a month or year starts on its
    first day, or ends on its last when it closes a range."""
    if not value:
        return None
    from ..commands import parse_day
    from ..exceptions import FlashpointError

    try:
        return parse_day(value, name, last=last)
    except FlashpointError as exc:
        raise RequestValidationError(
            [
                {
                    "type": "date",
                    "loc": ("query", name),
                    "msg": f"{value!r} is not a date; use {DATE_HELP}",
                    "input": value,
                }
            ]
        ) from exc


def _country(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return to_iso3(value, name)
    except BadQuery as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc


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
    actor_id: Annotated[
        str | None, Query(max_length=200, description="Exact knowledge-base id of the actor")
    ] = None,
    recipient_id: Annotated[
        str | None, Query(max_length=200, description="Exact knowledge-base id of the recipient")
    ] = None,
    country: Annotated[
        str | None,
        Query(
            max_length=100,
            description="Country of the actor, recipient or place: name, ISO2 or ISO3",
        ),
    ] = None,
    actor_country: Annotated[
        str | None, Query(max_length=100, description="Country of the actor")
    ] = None,
    recipient_country: Annotated[
        str | None, Query(max_length=100, description="Country of the recipient")
    ] = None,
    place_country: Annotated[
        str | None, Query(max_length=100, description="Country of the place")
    ] = None,
    qualifier: Annotated[
        list[str] | None,
        Query(description=f"Only events with this qualifier: {', '.join(QUALIFIERS)}"),
    ] = None,
    place: Annotated[str | None, Query(max_length=200, description="Place name (part)")] = None,
    start: Annotated[
        str | None, Query(max_length=10, description=f"Events on or after: {DATE_HELP}")
    ] = None,
    end: Annotated[
        str | None, Query(max_length=10, description=f"Events on or before: {DATE_HELP}")
    ] = None,
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
            actor_id=actor_id or None,
            recipient_id=recipient_id or None,
            country=_country(country, "country"),
            actor_country=_country(actor_country, "actor_country"),
            recipient_country=_country(recipient_country, "recipient_country"),
            place_country=_country(place_country, "place_country"),
            qualifiers=tuple(
                "negation" if value.lower() == "negated" else value.lower()
                for value in _split(qualifier, upper=False)
            ),
            place=place or None,
            start=_day(start, "start", last=False),
            end=_day(end, "end", last=True),
            min_confidence=min_confidence,
            text=q or None,
            merged=merged,
            doc_id=doc_id or None,
        )
    except BadQuery as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc


def counted_query(
    filters: Annotated[EventQuery, Depends(event_query)],
    include_qualified: Annotated[
        bool,
        Query(
            description="Count negated, future, hypothetical and historical events too "
            "(left out of counts and charts unless asked for)"
        ),
    ] = False,
) -> EventQuery:
    """The filters for counts and charts: events stated as having happened, unless asked."""
    if filters.qualifiers or include_qualified:
        return filters
    return replace(filters, qualifiers=("none",))
