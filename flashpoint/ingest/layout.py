"""The layout of a news article: headline, datelines, paragraphs and lead, read once.

Document-date inference, time anchoring, place finding and merging all ask the same questions
of an article's text ("is this date the dateline's?", "is this place where the story was filed
from?", "is this sentence in the lead?"); they read the answers here, from one pass over the
text made before the pipeline runs, rather than each guessing from the words around.

A dateline opens a line or a sentence and ends in a dash:

    KYIV, Ukraine (AP) —             place, region, source
    BAGHDAD, Jan. 8, 2020 -          place, date
    KRAMATORSK, Ukraine, April 8, 2022 —
    Jan. 10, 2020 -                  date alone
    Baghdad (Reuters) -              a place in title case, with its source
    ... Gannett March 24, 2009 MANSFIELD -- Mansfield Mayor ...   after a byline's date

Pure Python and regular expressions, linear in the text's length: no spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..timex.lexicon import abbreviations, alternation, lexicon

# Where the article's own dateline, or a "Published" line, can be: the first lines of the text.
HEAD_CHARS = 1500
# A blank line separates the headline from the body, and paragraphs from each other.
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A sentence end: terminal punctuation, optional closing quote, space, then a capital letter
# ("Dec. 30" is followed by a digit, so dates in datelines do not end the lead).
_SENTENCE_END = re.compile(r"([.!?])[\"'\u201d\u2019]?\s+(?=[A-Z\"\u201c])")
# A period after an initial ("U.S. officials", "J. Smith") does not end a sentence.
_INITIAL = re.compile(r"\b[A-Z](?:\.[A-Z])*$")
# A first line longer than this is a paragraph, not a headline.
MAX_HEADLINE_CHARS = 150

Span = tuple[int, int]


@dataclass(frozen=True)
class Dateline:
    """Where and when a story was filed: character spans in the text, None where not written."""

    start: int
    # Just past the dash.
    end: int
    # The place as written first ("KYIV"), and the region or country after it ("Ukraine").
    place: Span | None
    region: Span | None
    date: Span | None
    # The agency in brackets: "(AP)".
    source: Span | None


@dataclass(frozen=True)
class Layout:
    headline: Span | None
    # Every dateline in the text, in reading order (a digest holds one per story).
    datelines: tuple[Dateline, ...]
    # The date of a "Published: 13 December 2019" line, or of a line near the top holding only
    # a date ("Jan 3, 2020 / 10:15 AM").
    stamp: Span | None
    paragraphs: tuple[Span, ...]
    # Where the lead ends: the first sentence after the first paragraph (the headline, or what
    # stands in for one), or the first sentence when the text is one paragraph.
    lede_end: int

    @property
    def dateline(self) -> Dateline | None:
        """The article's own dateline: the first one, when it stands at the top."""
        first = self.datelines[0] if self.datelines else None
        return first if first is not None and first.start < HEAD_CHARS else None

    def in_dateline_place(self, start: int, end: int) -> bool:
        """Whether the text from `start` to `end` is (part of) a dateline's place or region."""
        return any(
            _overlaps(part, start, end)
            for line in self.datelines
            for part in (line.place, line.region)
        )

    def names_dateline_place(self, start: int, end: int) -> bool:
        """Whether the text from `start` to `end` is a dateline's whole place or region: not
        "PLYMOUTH" of "PLYMOUTH CO."."""
        return any((start, end) in (line.place, line.region) for line in self.datelines)

    def in_dateline_date(self, start: int, end: int) -> bool:
        return any(_overlaps(line.date, start, end) for line in self.datelines)

    def in_lede(self, start: int) -> bool:
        """True for a sentence starting in the headline or in the lead."""
        return 0 <= start < self.lede_end


def _overlaps(span: Span | None, start: int, end: int) -> bool:
    return span is not None and start < span[1] and end > span[0]


def date_pattern() -> str:
    """A written day of a month, year optional: "Jan. 8, 2020", "8 January"."""
    months = alternation(lexicon()["months"], abbreviations(lexicon()["months"]))
    # Case-insensitive inside only: the lexicon's words are lower case, the dateline's city is not.
    return (
        rf"(?i:(?:{months})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
        rf"|\d{{1,2}}\s+(?:{months})(?:,?\s+\d{{4}})?)"
    )


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    when = date_pattern()
    upper = r"[A-Z][A-Z.'’-]{2,}(?:[ \t]+[A-Z][A-Z.'’-]*){0,3}"
    title = r"[A-Z][a-z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2}"
    region = r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2}"
    source = r"\([A-Za-z][\w .&/-]{0,30}\)"
    dash = r"(?:-{1,3}|[—–])(?=[ \t])"
    # A line's start, a sentence's, or the gap after a byline's year.
    opening = r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”’]\s)|(?<=\d{4}\s))[ \t]*"
    return {
        "dateline": re.compile(
            opening + r"(?:"
            # an upper-case place, with region, date and source each where written
            rf"(?P<place>{upper})(?:,[ \t]*(?P<region>{region}))?"
            rf"(?:,?[ \t]*(?P<date>{when}))?[ \t]*(?P<source>{source})?"
            # a place in title case needs a date or a source to be told from a sentence
            rf"|(?P<tplace>{title})(?:,[ \t]*(?P<tregion>{region}))?"
            rf"(?:,?[ \t]*(?P<tdate>{when})[ \t]*(?P<tsource>{source})?"
            rf"|[ \t]*(?P<tsource2>{source}))"
            # a date alone
            rf"|(?P<ddate>{when})[ \t]*(?P<dsource>{source})?"
            rf")[ \t]*{dash}",
            re.MULTILINE,
        ),
        "published": re.compile(
            r"^[ \t]*(?:Published|Updated|Posted|Date|Last\s+updated)(?:\s+on)?\s*:?\s*"
            rf"(?:\w+day,?\s+)?(?P<date>{when}|\d{{4}}-\d{{2}}-\d{{2}})",
            re.MULTILINE | re.IGNORECASE,
        ),
        "date-line": re.compile(
            # A line near the top that is only a date, maybe with a time: "Jan 3, 2020 / 10:15 AM".
            rf"^[ \t]*(?:\w+day,?\s+)?(?P<date>{when}|\d{{4}}-\d{{2}}-\d{{2}})"
            r"(?:\s*(?:/|\||·|,|at|-)\s*[\w: .]{0,30})?[ \t]*$",
            re.MULTILINE,
        ),
    }


def _group(match: re.Match, *names: str) -> Span | None:
    for name in names:
        if match[name] is not None:
            return match.span(name)
    return None


def _datelines(text: str) -> tuple[Dateline, ...]:
    return tuple(
        Dateline(
            start=match.start(),
            end=match.end(),
            place=_group(match, "place", "tplace"),
            region=_group(match, "region", "tregion"),
            date=_group(match, "date", "tdate", "ddate"),
            source=_group(match, "source", "tsource", "tsource2", "dsource"),
        )
        for match in _patterns()["dateline"].finditer(text)
    )


def _stamp(head: str) -> Span | None:
    for key in ("published", "date-line"):
        match = _patterns()[key].search(head)
        if match:
            return match.span("date")
    return None


def _paragraphs(text: str) -> tuple[Span, ...]:
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return tuple(spans)


def _headline(
    text: str, paragraphs: tuple[Span, ...], datelines: tuple[Dateline, ...]
) -> Span | None:
    """A short first paragraph of one line without a sentence's final stop, before others."""
    if len(paragraphs) < 2:
        return None
    start, end = paragraphs[0]
    if datelines and datelines[0].start < end:
        return None
    line = text[start:end].strip()
    if "\n" in line or len(line) > MAX_HEADLINE_CHARS or line.endswith((".", ":", ";", ",")):
        return None
    return start, end


def _lede_end(text: str) -> int:
    first_break = _PARAGRAPH_BREAK.search(text)
    body = first_break.end() if first_break else 0
    paragraph = _PARAGRAPH_BREAK.search(text, body)
    end = paragraph.start() if paragraph else len(text)
    for match in _SENTENCE_END.finditer(text, body, end):
        if not _INITIAL.search(text, body, match.start(1)):
            return match.end(1)
    return end


@lru_cache(maxsize=32)
def read_layout(text: str) -> Layout:
    """The layout of `text`; the last few are kept, since merging asks once per event."""
    paragraphs = _paragraphs(text)
    datelines = _datelines(text)
    stamp = _stamp(text[:HEAD_CHARS])
    headline = _headline(text, paragraphs, datelines)
    if headline is not None and stamp is not None and stamp[0] < headline[1]:
        headline = None  # "Published: 13 December 2019" heads the page, not the story
    return Layout(
        headline=headline,
        datelines=datelines,
        stamp=stamp,
        paragraphs=paragraphs,
        lede_end=_lede_end(text),
    )
