"""Custom attributes the flashpoint components set on spaCy objects.

Set before the pipeline runs (by `flashpoint.pipeline`):
    Doc._.fp_doc_id      str            document id
    Doc._.fp_published   date | None    document date (publication or inferred)
    Doc._.fp_layout      Layout | None  headline, datelines, paragraphs (`ingest.layout`);
                                        read from the text by `doc_layout` where not set
Set by the components:
    doc.spans["fp_actors"]  Span._.fp_actor    Actor      (component "fp_actors")
    doc.spans["fp_timex"]   Span._.fp_time     TimeSpan   (component "fp_timex")
    doc.spans["fp_places"]  Span._.fp_place    Place      (component "fp_places")
    Doc._.fp_events         list[Event]                   (component "fp_events")
Before the parser, "fp_paragraphs" starts a sentence after every blank line.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..ingest.layout import Layout, read_layout


def register() -> None:
    for name, default in (
        ("fp_doc_id", ""),
        ("fp_published", None),
        ("fp_events", None),
        ("fp_layout", None),
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in ("fp_actor", "fp_time", "fp_place"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def doc_layout(doc: Doc) -> Layout:
    """The layout the pipeline read before it ran, or read now from the Doc's text (a Doc made
    outside `pipeline.annotate`), then kept."""
    layout = doc._.fp_layout
    if layout is None:
        layout = doc._.fp_layout = read_layout(doc.text)
    return layout


register()
