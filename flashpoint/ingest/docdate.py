"""Infer a document's date from its text when the metadata has none.

In order of trust:
  dateline        "BAGHDAD, Jan. 2 (Reuters) -", or a "Published: 13 December 2019" line or a
                  line holding only a date ("Jan 3, 2020 / 10:15 AM") at the top;
  statement       the date under an embedded post ("— Name (@handle) December 13, 2019"):
                  the article cannot be older than the newest post it quotes;
  latest-mention  the latest full date (day, month and year) written anywhere in the text.
A weekday named in the lede ("militias stormed the embassy on Tuesday") that falls in the
days just after the latest mentioned date moves the estimate to that day: the article
reports it, so it cannot be older. A dateline without a year ("Jan. 2") takes the year of
the full dates mentioned. The dateline and the "Published" line are found by `ingest.layout`.
Pure Python and regular expressions: no spaCy.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from ..timex.lexicon import alternation, lexicon, weekday_number
from ..timex.normalize import tense
from ..timex.recognize import find_timexes
from .layout import Layout, date_pattern, read_layout

# A weekday name, with "last"/"next"/"this" before it when there is one.
DAY_TEMPLATE = r"(?<![\w-])(?P<rel>(?:last|next|this)\s+)?(?P<day>{weekdays})\b"
# The lede, where a weekday names the news the article reports.
LEDE_CHARS = 600


@lru_cache(maxsize=1)
def _statement() -> re.Pattern:
    when = date_pattern()
    # "(@handle) December 13, 2019", or a signature line "— Name, 13 December 2019".
    return re.compile(
        rf"\(@\w+\)\s*(?:on\s+)?(?P<date>{when})"
        rf"|^[ \t]*[—–]\s*[^\n(]{{1,80}}\s+(?P<date2>{when})\s*$",
        re.MULTILINE,
    )


def _full_dates(text: str) -> list[tuple[date, bool]]:
    """Dates written with day, month and year, in reading order, each with whether its clause
    speaks of the future ("elections due on June 5, 2022"); relative ones are skipped."""
    return [
        (timex.span.start, tense(text, timex.start, timex.end) == "future")
        for timex in find_timexes(text, None)
        if timex.span is not None and timex.span.precision == "day" and timex.kind == "DATE"
    ]


def _parse(fragment: str, year_hint: int | None) -> date | None:
    found = _full_dates(fragment)
    if found:
        return found[0][0]
    if year_hint is None:
        return None
    # No year written: read it as of the year the text's full dates are in.
    anchored = [
        timex.span.start
        for timex in find_timexes(fragment, date(year_hint, 12, 31))
        if timex.span is not None and timex.span.precision == "day"
    ]
    return anchored[0] if anchored else None


def _lede_weekday_shift(text: str, latest: date) -> date:
    """Move `latest` forward to the lede's weekday when that weekday comes within the week after."""
    weekdays = alternation([word for word in lexicon()["weekdays"] if len(word) > 5])
    lede = text[:LEDE_CHARS]
    if weekday_agrees(lede, latest):
        return latest
    for match in re.finditer(DAY_TEMPLATE.format(weekdays=weekdays), lede, re.IGNORECASE):
        if match["rel"] or not match["day"][0].isupper():
            continue
        if tense(lede, match.start(), match.end()) == "future":
            continue
        number = weekday_number(match["day"])
        if number is None:
            continue
        ahead = (number - latest.weekday()) % 7
        return latest + timedelta(days=ahead)
    return latest


def infer_date(text: str, layout: Layout | None = None) -> tuple[date, str] | None:
    """(date, method) or None. Methods: "dateline", "statement", "latest-mention". `layout`
    is the text's (`ingest.layout`), read here when not given."""
    layout = layout or read_layout(text)
    dates = _full_dates(text)
    mentioned = [value for value, future in dates if not future] or [value for value, _ in dates]
    year_hint = max(mentioned).year if mentioned else None
    dateline = layout.dateline
    for span in (dateline.date if dateline else None, layout.stamp):
        if span is not None:
            found = _parse(text[span[0] : span[1]], year_hint)
            if found is not None:
                return found, "dateline"
    statements = []
    for match in _statement().finditer(text):
        found = _parse(match["date"] or match["date2"], None)
        if found is not None:
            statements.append(found)
    if statements:
        return max(statements), "statement"
    if not mentioned:
        return None
    latest = max(mentioned)
    return _lede_weekday_shift(text, latest), "latest-mention"


def weekday_agrees(text: str, candidate: date) -> bool:
    """Whether a weekday named in the text (not "next ...") is the candidate's own weekday."""
    weekdays = alternation([word for word in lexicon()["weekdays"] if len(word) > 5])
    for match in re.finditer(DAY_TEMPLATE.format(weekdays=weekdays), text, re.IGNORECASE):
        if match["rel"] or not match["day"][0].isupper():
            continue
        if weekday_number(match["day"]) == candidate.weekday():
            return True
    return False
