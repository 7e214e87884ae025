"""Resolve a noun phrase to an Actor. (placeholder: replaced by the actors work)"""

from __future__ import annotations

from spacy.tokens import Span

from ..model import Actor


def resolve_span(span: Span) -> Actor | None:
    """The actor a noun-phrase span refers to, or None when it names no actor."""
    return None
