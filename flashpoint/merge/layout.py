"""Where in a news article a sentence stands: the headline and the lead tell one story.

A news article's headline summarises its lead (the body's first sentence), so two mentions of one
type there are almost always one event, even when an extractor read their participants
differently ("Rocket attack on Iraqi base kills contractor" / "Thirty rockets struck the K-1
base"). Later sentences bring in background events, so they earn no such presumption.
"""

from __future__ import annotations

import re

# A blank line separates the headline from the body, and paragraphs from each other.
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A sentence end: terminal punctuation, optional closing quote, space, then a capital letter
# ("Dec. 30" is followed by a digit, so dates in datelines do not end the lead).
_SENTENCE_END = re.compile(r"([.!?])[\"'\u201d\u2019]?\s+(?=[A-Z\"\u201c])")
# A period after an initial ("U.S. officials", "J. Smith") does not end a sentence.
_INITIAL = re.compile(r"\b[A-Z](?:\.[A-Z])*$")


def lede_end(text: str) -> int:
    """Offset where the lead ends: the end of the first sentence after the headline, or of the
    first sentence when the text has no headline line. 0 for an empty text."""
    first_break = _PARAGRAPH_BREAK.search(text)
    body = first_break.end() if first_break else 0
    paragraph = _PARAGRAPH_BREAK.search(text, body)
    end = paragraph.start() if paragraph else len(text)
    for match in _SENTENCE_END.finditer(text, body, end):
        if not _INITIAL.search(text, body, match.start(1)):
            return match.end(1)
    return end


def in_lede(start: int, text: str | None) -> bool:
    """True for a sentence starting in the headline or in the lead of `text`."""
    if not text:
        return False
    return 0 <= start < lede_end(text)
