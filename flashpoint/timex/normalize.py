"""Resolve the parts of a time expression against an anchor date, with the clause's tense.

The recogniser (rules.py) cuts expressions out of text; the functions here turn their parts
("Tuesday", "May", "third quarter", "two years ago") into TimeSpans. All of them take the
anchor (document date) and tense ("past" or "future"); news defaults to past.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..model import TimeSpan
from . import calendar
from .lexicon import lexicon

# How far after the anchor a past-tense "Aug. 16" may fall before it is read as last year's.
LOOKAHEAD_DAYS = 30


@dataclass
class Timex:
    """A time expression found in text: offsets, TimeML type and value, and its resolved range."""

    start: int
    end: int
    text: str
    kind: str = "DATE"  # TimeML type: DATE, TIME, DURATION, SET
    span: TimeSpan | None = None
    value: str | None = None  # TimeML value ("1998-02-13", "PAST_REF", "P6M")


@dataclass
class Context:
    anchor: date | None
    tense: str = "past"
    # Earlier expressions in the same text, for "a year earlier" after "the third quarter".
    previous: list[Timex] = field(default_factory=list)

    def last_with(self, precision: str, within: int) -> Timex | None:
        """The latest earlier expression of `precision` no further back than `within` chars."""
        for timex in reversed(self.previous):
            if timex.span is not None and timex.span.precision == precision:
                return timex
        return None


def future_tense(text: str, start: int, end: int) -> bool:
    """Whether the clause around text[start:end] speaks of the future (cheap, no parser)."""
    before = text[max(0, start - 60) : start]
    after = text[end : end + 30]
    # Stop at the clause or sentence boundary so a neighbouring sentence does not count.
    before = re.split(r"[.;!?\n]\s", before)[-1]
    after = re.split(r"[.;!?\n]", after)[0]
    markers = future_markers()
    if markers.search(before):
        return True
    # "said Friday it will ..." is a past statement about the future.
    previous_word = before.strip().rsplit(" ", 1)[-1].lower() if before.strip() else ""
    if previous_word.endswith("ed") or previous_word in {"said", "told", "says", "say"}:
        return False
    return bool(markers.search(after))


_FUTURE: list[re.Pattern] = []


def future_markers() -> re.Pattern:
    if not _FUTURE:
        words = sorted(lexicon().get("future_markers", []), key=len, reverse=True)
        body = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words)
        _FUTURE.append(re.compile(rf"(?<![\w'])(?:{body})(?!\w)", re.IGNORECASE))
    return _FUTURE[0]


def month_day(anchor: date, number: int, day_number: int, tense: str) -> date | None:
    """A month and day without a year: the year that puts it nearest the anchor, tense aware."""
    try:
        candidate = date(anchor.year, number, day_number)
    except ValueError:
        return None
    if tense == "future":
        if candidate < anchor - timedelta(days=LOOKAHEAD_DAYS):
            candidate = _replace_year(candidate, anchor.year + 1)
    elif candidate > anchor + timedelta(days=LOOKAHEAD_DAYS):
        candidate = _replace_year(candidate, anchor.year - 1)
    return candidate


def _replace_year(value: date, number_year: int) -> date:
    try:
        return value.replace(year=number_year)
    except ValueError:  # 29 February
        return value.replace(year=number_year, day=28)


def month_alone(anchor: date, number: int, tense: str) -> TimeSpan:
    """ "in May": the last May on or before the anchor's month, or the next one in the future."""
    number_year = anchor.year
    if tense == "future":
        if number < anchor.month:
            number_year += 1
    elif number > anchor.month:
        number_year -= 1
    return calendar.month(number_year, number)


def weekday(anchor: date, number: int, tense: str, relative: str | None = None) -> date:
    """A weekday name: the most recent one (past), the next one (future), or by "last"/"next"."""
    today = anchor.weekday()
    relative = (relative or "").lower().split()
    back = (today - number) % 7
    forward = (number - today) % 7
    if "last" in relative or "previous" in relative or "past" in relative:
        return anchor - timedelta(days=back or 7)
    if "next" in relative or "coming" in relative or "following" in relative:
        return anchor + timedelta(days=forward or 7)
    if "this" in relative:
        return anchor - timedelta(days=today) + timedelta(days=number)
    if tense == "future":
        return anchor + timedelta(days=forward)
    return anchor - timedelta(days=back)


def quarter_numbered(anchor: date, number: int, tense: str) -> TimeSpan:
    """ "the third quarter": the latest one begun by the anchor (the next one in the future)."""
    span = calendar.quarter(anchor.year, number)
    if tense == "future" and span.end < anchor:
        return calendar.quarter(anchor.year + 1, number)
    if span.start > anchor:
        return calendar.quarter(anchor.year - 1, number)
    return span


def season_named(anchor: date, name: str, step: int | None, tense: str) -> TimeSpan:
    """ "last fall", "this summer", "next spring", or a bare "in the spring" by tense."""
    candidates = [
        calendar.season(number, name) for number in range(anchor.year - 2, anchor.year + 2)
    ]
    if step == 0:
        holding = [span for span in candidates if span.start <= anchor <= span.end]
        return holding[0] if holding else calendar.season(anchor.year, name)
    if step == -1:
        return [span for span in candidates if span.end < anchor][-1]
    if step == 1:
        return [span for span in candidates if span.start > anchor][0]
    if tense == "future":
        return [span for span in candidates if span.end >= anchor][0]
    return [span for span in candidates if span.start <= anchor][-1]


def shifted_period(anchor: date, unit: str, count: int) -> TimeSpan:
    """The period of `unit` `count` steps from the anchor's own ("last week": -1)."""
    return calendar.period(calendar.shift(anchor, unit, count), unit)


def duration_value(count: int | None, unit: str) -> str:
    """TimeML duration value ("P6M", "P2Y", "PXY" when the amount is vague)."""
    letters = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}
    amount = "X" if count is None else str(count)
    if unit == "decade":
        return f"P{amount}DE" if count is None else f"P{count * 10}Y"
    if unit == "century":
        return f"P{amount}CE" if count is None else f"P{count * 100}Y"
    return f"P{amount}{letters[unit]}"


def length_days(count: int, unit: str) -> int:
    sizes = {"day": 1, "week": 7, "month": 30, "quarter": 91, "year": 365}
    sizes.update(decade=3652, century=36524)
    return count * sizes[unit]
