"""Choose when an event happened. (placeholder: replaced by the timex work)"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..model import TimeSpan


def event_time(doc: Doc, sentence: Span, trigger: Token) -> tuple[TimeSpan, float] | None:
    """(time span, confidence) for the event triggered by `trigger`, or None."""
    return None
