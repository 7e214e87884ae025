"""HTML pages: the article's main text and metadata, without navigation, share links or comments."""

from __future__ import annotations

from pathlib import Path

from ..exceptions import InputError
from ..model import Document
from .common import MAX_PAGE_BYTES, normalize_text, parse_date, read_text

# Dates only from the page's own metadata (meta tags, JSON-LD, URL): guessing from the body text
# is the job of `docdate.infer_date`, which knows about datelines.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Fewer words than this is a menu or cookie notice the extractor fell back to, not an article.
_MIN_WORDS = 5


def read_html(path: Path) -> Document:
    html = read_text(path, limit=MAX_PAGE_BYTES)
    return parse_html(html, source=str(path), doc_id=path.name, doc_path=str(path))


def parse_html(
    html: str, source: str, doc_id: str, doc_path: str | None = None, url: str | None = None
) -> Document:
    # trafilatura (with lxml and its date finders) takes longer to import than a small run of
    # plain text files: only for HTML.
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_links=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError(source, f"cannot parse HTML: {exc}") from exc
    if result is None:
        raise InputError(source, "no article text found in the HTML page")
    meta = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    title = (meta.get("title") or "").strip() or None
    lines = [line.strip() for line in (meta.get("text") or "").split("\n")]
    # trafilatura repeats the headline as the first line of the text; keep it once, as the title.
    if title and lines and lines[0] == title:
        lines = lines[1:]
    # One paragraph per line in trafilatura's output; blank lines keep them apart for the parser.
    body = normalize_text("\n\n".join(line for line in lines if line))
    if len(body.split()) < _MIN_WORDS:
        raise InputError(source, "no article text found in the HTML page")
    published = parse_date(meta.get("date"))
    return Document(
        id=doc_id,
        text=body,
        title=title,
        url=meta.get("url") or url,
        outlet=(meta.get("sitename") or "").strip() or None,
        published=published,
        date_source="metadata" if published else None,
        path=doc_path,
    )
