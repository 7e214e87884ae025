"""Read endpoints: events, one event, documents, actors, aggregates, stats."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import JSONResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..model import Event
from ..store.schema import ActorRow, DocumentRow, EventRow
from ..web.highlight import event_marks
from . import aggregates, queries
from .actors import actor_details, ranked_actors
from .deps import counted_query, event_query, known_parameters, session
from .errors import ERROR_RESPONSES
from .precision import date_precision, place_precision
from .queries import BadQuery, EventQuery
from .scores import score, score_table
from .security import require_read

# Handlers build plain JSON-ready dicts and return JSONResponse themselves: FastAPI's generic
# encoder would otherwise walk every value again, costing as much as the query on a full page.
router = APIRouter(
    prefix="/api",
    dependencies=[Depends(require_read), Depends(known_parameters)],
    responses=ERROR_RESPONSES,
)

Db = Annotated[Session, Depends(session)]
Filters = Annotated[EventQuery, Depends(event_query)]
# Counts and charts leave qualified events (negated, future, ...) out unless asked.
Counted = Annotated[EventQuery, Depends(counted_query)]


def event_json(event: Event) -> dict:
    """The export record, plus the PLOVER score and the trigger for display."""
    record = event.to_record()
    record["score"] = score(event.event_type, event.mode)
    record["trigger"] = event.trigger
    record["date_precision"] = date_precision(event)
    record["place_precision"] = place_precision(event)
    return record


def document_json(row: DocumentRow) -> dict:
    return {
        "doc_id": row.doc_id,
        "title": row.title,
        "url": row.url,
        "outlet": row.outlet,
        "published": row.published.isoformat() if row.published else None,
        "date_source": row.date_source,
    }


@router.get(
    "/events",
    tags=["events"],
    summary="Events matching the filters, newest first, a page at a time",
)
def list_events(
    db: Db,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[
        str | None, Query(max_length=500, description="next_cursor of the previous page")
    ] = None,
    order: Literal["newest", "oldest"] = "newest",
    total: Annotated[bool, Query(description="Also count every matching event")] = False,
) -> JSONResponse:
    try:
        result = queries.page(db, filters, limit, cursor, newest_first=order == "newest")
    except BadQuery as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    body = {"events": [event_json(event) for event in result.events]}
    body["next_cursor"] = result.next_cursor
    if total:
        body["total"] = queries.count(db, filters)
    return JSONResponse(body)


@router.get(
    "/events/{event_id}", tags=["events"], summary="One event with its evidence offsets and sources"
)
def get_event(db: Db, event_id: str) -> JSONResponse:
    found = queries.event_by_id(db, event_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no event with id {event_id!r}")
    event, document = found
    body = event_json(event)
    body["offsets"] = offsets(event)
    body["document"] = document_json(document)
    source_rows = queries.documents_by_doc_id(db, body["sources"])
    body["source_documents"] = [document_json(row) for row in source_rows]
    body["mentions"] = [
        {"id": other_id, "doc_id": doc_id, "evidence": evidence}
        for other_id, doc_id, evidence in queries.same_event(db, event)
    ]
    return JSONResponse(body)


def offsets(event: Event) -> dict:
    """Character offsets in the article text of every part of the event that has them."""
    marks = event_marks(event.as_dict())
    return {mark.kind: {"start": mark.start, "end": mark.end} for mark in marks}


@router.get("/documents", tags=["documents"], summary="Stored articles, by doc_id")
def list_documents(
    db: Db,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    after: Annotated[str | None, Query(max_length=512, description="Last doc_id seen")] = None,
) -> dict:
    counts = (
        select(EventRow.document_id, func.count(EventRow.id).label("events"))
        .group_by(EventRow.document_id)
        .subquery()
    )
    selection = (
        select(DocumentRow, func.coalesce(counts.c.events, 0))
        .outerjoin(counts, counts.c.document_id == DocumentRow.id)
        .order_by(DocumentRow.doc_id)
        .limit(limit + 1)
    )
    if after:
        selection = selection.where(DocumentRow.doc_id > after)
    rows = db.execute(selection).all()
    documents = [document_json(row) | {"events": number} for row, number in rows[:limit]]
    more = len(rows) > limit
    return {"documents": documents, "next_after": documents[-1]["doc_id"] if more else None}


@router.get(
    "/documents/{doc_id:path}",
    tags=["documents"],
    summary="An article's text with its events and their spans",
)
def get_document(db: Db, doc_id: str) -> JSONResponse:
    row = db.scalar(select(DocumentRow).where(DocumentRow.doc_id == doc_id))
    if row is None:
        raise HTTPException(status_code=404, detail=f"no document with doc_id {doc_id!r}")
    events = list(queries.iter_events(db, EventQuery(doc_id=doc_id)))
    body = document_json(row)
    body["text"] = row.text
    body["events"] = [event_json(event) | {"offsets": offsets(event)} for event in events]
    return JSONResponse(body)


@router.get("/actors", tags=["actors"], summary="Actors seen in events, most active first")
def list_actors(
    db: Db,
    q: Annotated[str | None, Query(max_length=200, description="Name or alias (part)")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> JSONResponse:
    actors = [
        {
            "name": row.name,
            "id": row.kb_id,
            "country": row.country,
            "sector": row.sector,
            "aliases": list(row.aliases or []),
            "events": number,
        }
        for row, number in ranked_actors(db, q, limit)
    ]
    return JSONResponse({"actors": actors})


@router.get(
    "/actors/{name:path}",
    tags=["actors"],
    summary="One actor: roles, aliases, counterparts, knowledge-base entry",
)
def get_actor(db: Db, name: str) -> dict:
    found = actor_details(db, name)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no actor named {name!r} in any event")
    return found


@router.get(
    "/aggregates/timeline",
    tags=["aggregates"],
    summary="Events per day, week or month by type, with escalation",
)
def timeline(
    db: Db, filters: Counted, interval: Literal["day", "week", "month", ""] = ""
) -> JSONResponse:
    return JSONResponse(aggregates.timeline(db, filters, interval or None))


@router.get("/aggregates/types", tags=["aggregates"], summary="Events by PLOVER type")
def types(db: Db, filters: Counted) -> JSONResponse:
    return JSONResponse({"types": aggregates.by_type(db, filters)})


@router.get(
    "/aggregates/dyads", tags=["aggregates"], summary="Actor -> recipient pairs by number of events"
)
def dyads(
    db: Db,
    filters: Counted,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    min_count: Annotated[int, Query(ge=1, description="Leave out pairs with fewer events")] = 1,
    hide_generic: Annotated[
        bool, Query(description="Leave out generic actors (civilians, military, government...)")
    ] = False,
) -> JSONResponse:
    body = aggregates.dyads(db, filters, limit, min_count, hide_generic)
    return JSONResponse({"dyads": body})


@router.get("/aggregates/places", tags=["aggregates"], summary="Located events by place, for maps")
def places(
    db: Db, filters: Counted, limit: Annotated[int, Query(ge=1, le=5000)] = 1000
) -> JSONResponse:
    return JSONResponse({"places": aggregates.places(db, filters, limit)})


@router.get("/stats", tags=["stats"], summary="Counts of what is stored")
def stats(db: Db) -> dict:
    by_type = dict(
        db.execute(select(EventRow.event_type, func.count()).group_by(EventRow.event_type)).all()
    )
    first, last = db.execute(
        select(func.min(EventRow.date_start), func.max(EventRow.date_end))
    ).one()
    return {
        "documents": db.scalar(select(func.count(DocumentRow.id))) or 0,
        "events": sum(by_type.values()),
        "actors": db.scalar(select(func.count(ActorRow.id))) or 0,
        "events_by_type": by_type,
        "first_date": first.isoformat() if first else None,
        "last_date": last.isoformat() if last else None,
    }


@router.get(
    "/scores",
    tags=["stats"],
    summary="The PLOVER conflict-cooperation score table used for escalation",
)
def scores() -> dict:
    return {
        "source": "PLOVER 2.0 manual, Numeric conflict/cooperation scores",
        "scores": [
            {"event_type": event_type, "mode": mode or None, "score": value}
            for (event_type, mode), value in score_table().items()
        ],
    }
