"""Exports of the filtered events, and ingestion of articles over HTTP."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..exceptions import FlashpointError
from ..ingest.common import MAX_DOCUMENT_CHARS
from ..model import Document, Event
from ..store.schema import DocumentRow
from . import exports, queries
from .deps import event_query, known_parameters, session
from .errors import ERROR_RESPONSES
from .queries import EventQuery
from .routes_read import event_json
from .security import require_read, require_write

router = APIRouter(prefix="/api")

FORMATS = {
    "jsonl": ("application/x-ndjson", exports.jsonl),
    "csv": ("text/csv; charset=utf-8", exports.csv_rows),
    "geojson": ("application/geo+json", exports.geojson),
    "graphml": ("application/graphml+xml", exports.graphml),
}

MAX_TEXT_CHARS = MAX_DOCUMENT_CHARS
MAX_BATCH = 50


@router.get(
    "/export/{format}",
    summary="Every event matching the filters as JSONL, CSV, GeoJSON or GraphML",
    tags=["exports"],
    responses=ERROR_RESPONSES,
    dependencies=[Depends(require_read), Depends(known_parameters)],
)
def export(
    request: Request,
    format: Literal["jsonl", "csv", "geojson", "graphml"],
    filters: Annotated[EventQuery, Depends(event_query)],
) -> StreamingResponse:
    media_type, writer = FORMATS[format]
    engine = request.app.state.store.engine

    def stream() -> Iterator[str]:
        # Its own session: the request's closes before a streamed body is finished.
        with Session(engine) as db:
            yield from writer(queries.iter_events(db, filters))

    name = exports.file_name(request.query_params.multi_items(), format)
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return StreamingResponse(stream(), media_type=media_type, headers=headers)


class ArticleIn(BaseModel):
    """One article to read; `id` defaults to a hash of the text."""

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    id: str | None = Field(default=None, min_length=1, max_length=512)
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=4000)
    outlet: str | None = Field(default=None, max_length=256)
    published: date | None = None

    @field_validator("text")
    @classmethod
    def _has_words(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty")
        return value

    def document(self) -> Document:
        document = Document(
            id="",
            text=self.text,
            title=self.title,
            url=self.url,
            outlet=self.outlet,
            published=self.published,
        )
        document.id = self.id or f"api-{document.content_hash[:16]}"
        return document


class BatchIn(BaseModel):
    documents: list[ArticleIn] = Field(min_length=1, max_length=MAX_BATCH)


# spaCy pipelines are not safe to share between threads; one article batch at a time.
_PIPELINE_LOCK = threading.Lock()


def _check_ids(db: Session, documents: list[Document]) -> None:
    """Refuse the whole request before anything is read or stored if any id is unusable."""
    seen: set[str] = set()
    for document in documents:
        if document.id in seen:
            raise HTTPException(400, detail=f"document id {document.id!r} appears twice")
        seen.add(document.id)
        stored = db.execute(
            select(DocumentRow.content_hash).where(DocumentRow.doc_id == document.id)
        ).scalar_one_or_none()
        if stored is not None and stored != document.content_hash:
            raise HTTPException(
                409,
                detail=f"a different document with id {document.id!r} is already stored; "
                "send another id",
            )


def _ingest(request: Request, db: Session, articles: list[ArticleIn], response: Response) -> dict:
    """Read, extract and store each article; one that cannot be is reported, the rest stored.

    Answers 201 when something was stored, 200 when all was stored already, and 422 (409 for an
    id conflict met while storing) when any article failed: its entry under "errors" says why.
    """
    from .. import config
    from ..ingest.batch import annotate_safely
    from ..ingest.common import check_length, check_published
    from ..nlp import build_pipeline

    documents = [article.document() for article in articles]
    _check_ids(db, documents)
    db.close()  # the pipeline takes a while; do not hold a connection meanwhile
    errors: dict[str, tuple[int, str]] = {}
    readable = []
    for document in documents:
        try:
            check_length(document.id, document.text)
            check_published(document.id, document.published)
        except FlashpointError as exc:
            errors[document.id] = (422, str(exc))
            continue
        readable.append(document)
    extracted: dict[str, tuple[Document, list[Event]]] = {}
    if readable:
        batch_size = max(1, int(config.get("batch_size") or 16))
        with _PIPELINE_LOCK:
            for document, doc, error in annotate_safely(readable, build_pipeline(), batch_size):
                if doc is None:
                    errors[document.id] = (
                        422,
                        f"{document.id}: cannot be read: {type(error).__name__}: {error}",
                    )
                else:
                    extracted[document.id] = (document, list(doc._.fp_events or []))
    store = request.app.state.store
    results = []
    for document in documents:
        if document.id not in extracted:
            continue
        document, events = extracted[document.id]
        try:
            stored = store.save(document, events)
        except FlashpointError as exc:
            errors[document.id] = (409, str(exc))
            continue
        results.append(
            {
                "doc_id": document.id,
                "stored": stored,
                "published": document.published.isoformat() if document.published else None,
                "events": [event_json(event) for event in events],
            }
        )
    if errors:
        statuses = {status for status, _ in errors.values()}
        response.status_code = 422 if 422 in statuses else 409
    else:
        response.status_code = 201 if any(result["stored"] for result in results) else 200
    failed = [
        {"doc_id": doc_id, "status": status, "detail": detail}
        for doc_id, (status, detail) in errors.items()
    ]
    return {"documents": results, "errors": failed}


@router.post(
    "/documents",
    summary="Read one article, store it with its events, and return them",
    dependencies=[Depends(require_write)],
    status_code=201,
)
def ingest_one(
    request: Request,
    article: ArticleIn,
    response: Response,
    db: Annotated[Session, Depends(session)],
) -> dict:
    answer = _ingest(request, db, [article], response)
    if answer["errors"]:
        [failed] = answer["errors"]
        raise HTTPException(failed["status"], detail=failed["detail"])
    return answer["documents"][0]


@router.post(
    "/documents/batch",
    summary=f"Read up to {MAX_BATCH} articles, store them, and return their events",
    dependencies=[Depends(require_write)],
    status_code=201,
)
def ingest_batch(
    request: Request,
    batch: BatchIn,
    response: Response,
    db: Annotated[Session, Depends(session)],
) -> dict:
    return _ingest(request, db, batch.documents, response)
