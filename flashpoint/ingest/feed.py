"""RSS 2.0 and Atom feeds: every item or entry is one Document."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from ..exceptions import InputError
from ..model import Document
from .common import MAX_COLLECTION_BYTES, normalize_text, parse_date, read_text

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"

# Tags after which the text starts a new paragraph, so sentences do not run together.
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}
_SKIP_TAGS = {"script", "style"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def strip_html(fragment: str) -> str:
    """Readable text from an HTML fragment: tags dropped, entities decoded, paragraphs kept."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    paragraphs = ("".join(collector.parts)).split("\n\n")
    return normalize_text("\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip()))


def _text(element: ET.Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def _content(element: ET.Element | None) -> str | None:
    """Text or HTML of an Atom content element, including inline XHTML children."""
    if element is None:
        return None
    if len(element):
        return "\n\n".join(" ".join(child.itertext()) for child in element).strip() or None
    return _text(element)


def read_feed(path: Path) -> Iterator[Document | InputError]:
    source = str(path)
    try:
        root = ET.fromstring(read_text(path, MAX_COLLECTION_BYTES).lstrip("\ufeff").strip())
    except ET.ParseError as exc:
        raise InputError(source, f"invalid XML: {exc}") from exc
    if root.tag == "rss" or root.find("channel") is not None:
        channel = root.find("channel")
        if channel is None:
            raise InputError(source, "RSS file without a <channel>")
        outlet = _text(channel.find("title"))
        if not channel.findall("item"):
            raise InputError(source, "feed has no items")
        for number, item in enumerate(channel.findall("item"), start=1):
            yield _guarded(source, number, lambda item=item: _rss_item(item, path, outlet))
    elif root.tag == f"{ATOM}feed":
        outlet = _text(root.find(f"{ATOM}title"))
        if not root.findall(f"{ATOM}entry"):
            raise InputError(source, "feed has no entries")
        for number, entry in enumerate(root.findall(f"{ATOM}entry"), start=1):
            yield _guarded(source, number, lambda entry=entry: _atom_entry(entry, path, outlet))
    else:
        raise InputError(source, f"not an RSS 2.0 or Atom feed (root element <{root.tag}>)")


def _guarded(source: str, number: int, build) -> Document | InputError:
    try:
        return build()
    except InputError as error:
        return InputError(f"{source}: item {number}", error.reason)


def _document(
    path: Path, ident: str | None, title, link, when, body: str | None, outlet
) -> Document:
    text = strip_html(body) if body else ""
    if not text:
        raise InputError(str(path), "item has no description or content")
    published = parse_date(when)
    return Document(
        id=ident or link or f"{path.name}:{title}",
        text=text,
        title=strip_html(title) if title else None,
        url=link,
        outlet=outlet,
        published=published,
        date_source="metadata" if published else None,
        path=str(path),
    )


def _rss_item(item: ET.Element, path: Path, outlet: str | None) -> Document:
    link = _text(item.find("link"))
    body = _text(item.find(f"{CONTENT}encoded")) or _text(item.find("description"))
    when = _text(item.find("pubDate")) or _text(item.find(f"{DC}date"))
    return _document(
        path, _text(item.find("guid")), _text(item.find("title")), link, when, body, outlet
    )


def _atom_entry(entry: ET.Element, path: Path, outlet: str | None) -> Document:
    link = None
    for candidate in entry.findall(f"{ATOM}link"):
        if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
            link = candidate.get("href")
            break
    body = _content(entry.find(f"{ATOM}content")) or _content(entry.find(f"{ATOM}summary"))
    when = _text(entry.find(f"{ATOM}published")) or _text(entry.find(f"{ATOM}updated"))
    title = _text(entry.find(f"{ATOM}title"))
    return _document(path, _text(entry.find(f"{ATOM}id")), title, link, when, body, outlet)
