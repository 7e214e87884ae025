"""HTML pages: the single-page UI shell, the event page, and the offline API docs page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from ..api import queries
from ..api.deps import session
from ..api.precision import date_precision, place_precision
from ..api.scores import score
from ..api.security import require_read
from ..model import PLOVER_TYPES
from .highlight import event_marks, render

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))

router = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)


def _context(request: Request, **values) -> dict:
    root = request.scope.get("root_path", "").rstrip("/")
    return {"root": root, "static": lambda path: f"{root}/static/{path}", **values}


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    context = _context(request, event_types=PLOVER_TYPES)
    context["config_json"] = json.dumps({"root": context["root"]})
    return templates.TemplateResponse(request, "index.html", context)


# The list's filters that the event page hands back to "All events".
LIST_FILTERS = frozenset(
    {"type", "actor", "recipient", "actor_id", "recipient_id", "country", "actor_country",
     "recipient_country", "place_country", "place", "start", "end", "min_confidence", "q",
     "merged", "qualifier"}
)  # fmt: skip


def _back_link(request: Request, root: str) -> str:
    params = request.query_params.multi_items()
    kept = [(key, value) for key, value in params if key in LIST_FILTERS]
    return f"{root}/" + (f"?{urlencode(kept)}" if kept else "") + "#list"


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(
    request: Request, event_id: str, db: Annotated[Session, Depends(session)]
) -> HTMLResponse:
    found = queries.event_by_id(db, event_id)
    if found is None:
        full = queries.full_event_id(db, event_id)
        if full is not None:
            target = f"{_context(request)['root']}/events/{full}"
            if request.url.query:
                target += f"?{request.url.query}"
            return RedirectResponse(target, status_code=307)
        context = _context(request, event_id=event_id)
        context["back"] = _back_link(request, context["root"])
        return templates.TemplateResponse(request, "not_found.html", context, status_code=404)
    event, document = found
    article = render(document.text, event_marks(event.as_dict())) if document.text else None
    sources = queries.documents_by_doc_id(db, event.to_record()["sources"]) or [document]
    actor = event.actor.name if event.actor else "?"
    recipient = f" → {event.recipient.name}" if event.recipient else ""
    context = _context(
        request,
        event=event,
        headline=f"{actor}{recipient}",
        article=article,
        sources=[
            {
                "id": row.doc_id,
                "title": row.title,
                "url": row.url if (row.url or "").startswith(("http://", "https://")) else None,
                "outlet": row.outlet,
                "published": row.published,
            }
            for row in sources
        ],
        score=score(event.event_type, event.mode),
        # One query each: the article's other events and the merged event's other reports.
        siblings=[
            other
            for other in queries.iter_events(db, queries.EventQuery(doc_id=event.doc_id))
            if other.id != event.id
        ],
        mentions=queries.same_event(db, event),
        date_precision=date_precision(event),
        place_precision=place_precision(event),
    )
    context["back"] = _back_link(request, context["root"])
    return templates.TemplateResponse(request, "event.html", context)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    root = request.scope.get("root_path", "").rstrip("/")
    return get_swagger_ui_html(
        openapi_url=f"{root}/openapi.json",
        title="flashpoint API",
        swagger_js_url=f"{root}/static/vendor/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url=f"{root}/static/vendor/swagger-ui/swagger-ui.css",
        swagger_favicon_url="data:,",
    )
