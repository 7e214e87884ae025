"""Choose where an event happened. (placeholder: replaced by the geo work)"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..model import Place


def event_location(doc: Doc, sentence: Span, trigger: Token) -> tuple[Place, float] | None:
    """(place, confidence) for the event triggered by `trigger` in `sentence`, or None."""
    return None
