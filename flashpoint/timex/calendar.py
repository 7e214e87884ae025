"""Calendar arithmetic on TimeSpans: periods by precision, shifts, parts, and TimeML values."""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta

from ..model import TimeSpan
from .lexicon import lexicon

# TimeML code of a season by its first month.
SEASON_CODES = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}


def day(value: date, text: str | None = None) -> TimeSpan:
    return TimeSpan(value, value, "day", text)


def month(year: int, number: int) -> TimeSpan:
    last = _calendar.monthrange(year, number)[1]
    return TimeSpan(date(year, number, 1), date(year, number, last), "month")


def year(number: int) -> TimeSpan:
    return TimeSpan(date(number, 1, 1), date(number, 12, 31), "year")


def quarter(number_year: int, number: int) -> TimeSpan:
    first = 3 * (number - 1) + 1
    end = month(number_year, first + 2).end
    return TimeSpan(date(number_year, first, 1), end, "quarter")


def decade(first_year: int) -> TimeSpan:
    first_year -= first_year % 10
    return TimeSpan(date(first_year, 1, 1), date(first_year + 9, 12, 31), "decade")


def century(first_year: int) -> TimeSpan:
    first_year -= first_year % 100
    return TimeSpan(date(first_year, 1, 1), date(first_year + 99, 12, 31), "century")


def week(anchor: date) -> TimeSpan:
    """The ISO week (Monday to Sunday) holding `anchor`."""
    start = anchor - timedelta(days=anchor.weekday())
    return TimeSpan(start, start + timedelta(days=6), "week")


def season(number_year: int, name: str) -> TimeSpan:
    first, length, _code = lexicon()["seasons"][name.lower()]
    start = date(number_year, first, 1)
    end_month = first + length - 1
    end_year = number_year + (end_month - 1) // 12
    end_month = (end_month - 1) % 12 + 1
    return TimeSpan(start, month(end_year, end_month).end, "season")


def season_of(anchor: date) -> tuple[int, str]:
    """(year, season name) that `anchor` falls in; winter belongs to the year it starts in."""
    for name, (first, _length, _code) in lexicon()["seasons"].items():
        start_year = anchor.year - 1 if first == 12 and anchor.month < 3 else anchor.year
        span = season(start_year, name)
        if span.start <= anchor <= span.end:
            return start_year, name
    raise AssertionError("seasons do not cover the year")


def period(anchor: date, unit: str) -> TimeSpan:
    """The period of kind `unit` ("day", "week", "month", ...) that holds `anchor`."""
    if unit == "day":
        return day(anchor)
    if unit == "week":
        return week(anchor)
    if unit == "month":
        return month(anchor.year, anchor.month)
    if unit == "quarter":
        return quarter(anchor.year, (anchor.month - 1) // 3 + 1)
    if unit == "year":
        return year(anchor.year)
    if unit == "decade":
        return decade(anchor.year)
    if unit == "century":
        return century(anchor.year)
    if unit == "season":
        start_year, name = season_of(anchor)
        return season(start_year, name)
    raise ValueError(f"unknown unit {unit!r}")


def add_months(value: date, count: int) -> date:
    total = value.year * 12 + value.month - 1 + count
    number_year, number = divmod(total, 12)
    last = _calendar.monthrange(number_year, number + 1)[1]
    return date(number_year, number + 1, min(value.day, last))


def shift(anchor: date, unit: str, count: int) -> date:
    """`anchor` moved by `count` units (negative: back)."""
    if unit == "day":
        return anchor + timedelta(days=count)
    if unit == "week":
        return anchor + timedelta(weeks=count)
    months = {"month": 1, "quarter": 3, "season": 3, "year": 12, "decade": 120, "century": 1200}
    return add_months(anchor, months[unit] * count)


def part(span: TimeSpan, first: float, last: float) -> TimeSpan:
    """A fraction of `span` ("early 2021" is the first third), keeping its precision."""
    length = (span.end - span.start).days + 1
    start = span.start + timedelta(days=round(length * first))
    end = span.start + timedelta(days=max(round(length * last) - 1, 0))
    return TimeSpan(start, max(start, end), span.precision)


def timeml_value(span: TimeSpan) -> str:
    """The TimeML VALUE of a span, as precise as its precision says ("1998-W08", "199")."""
    start = span.start
    if span.precision == "day":
        return start.isoformat()
    if span.precision == "week":
        iso_year, iso_week, _ = start.isocalendar()
        return f"{iso_year}-W{iso_week:02d}"
    if span.precision == "month":
        return f"{start.year}-{start.month:02d}"
    if span.precision == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if span.precision == "season":
        # Parts of a season ("late summer") start mid-season; the season is the one begun before.
        first = start.month - (start.month % 3)
        first = 12 if first == 0 else first
        season_year = start.year - 1 if first == 12 and start.month < 3 else start.year
        return f"{season_year}-{SEASON_CODES[first]}"
    if span.precision == "year":
        return str(start.year)
    if span.precision == "decade":
        return str(start.year)[:3]
    if span.precision == "century":
        return str(start.year)[:2]
    # A range without a calendar unit: TimeML can only say where it starts.
    return start.isoformat()
