"""Resolve the parts of a time expression against an anchor date, with the clause's tense.

The recogniser (rules.py) cuts expressions out of text; the functions here turn their parts
("Tuesday", "May", "third quarter", "two years ago") into TimeSpans. All of them take the
anchor (document date) and tense ("past" or "future"); news defaults to past.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from ..model import TimeSpan
from . import calendar
from .lexicon import lexicon

# Without a tense, a date ahead of the anchor counts this much farther than one behind it.
FORWARD_COST = 1.5
# With a tense, a day date in the other direction counts this much farther ("Nov. 21" in a
# past-tense clause of a Nov. 2 article is still this November, not last year's).
TENSE_COST = 8.0


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
    tense: str | None = None
    # Earlier expressions in the same text, for "a year earlier" after "the third quarter".
    previous: list[Timex] = field(default_factory=list)
    # Where the expression being resolved starts.
    position: int = 0

    def last_with(self, precision: str, within: int) -> Timex | None:
        """The latest earlier expression of `precision` no further back than `within` chars."""
        for timex in reversed(self.previous):
            if self.position - timex.end > within:
                return None
            if timex.span is not None and timex.span.precision == precision:
                return timex
        return None


def tense(text: str, start: int, end: int) -> str | None:
    """ "past", "present", "future" or None for the clause around text[start:end] (cheap, no
    parser). An expression usually modifies the verb before it in its clause ("attacked the
    base on Tuesday", "a truce signed in May is in doubt"), so the nearest marker before it
    wins; only a clause that opens with the expression ("In May, militias attacked") looks
    after it. Nearest matters: in "announced plans to expand" the past verb governs.
    """
    before = re.split(r"[.;!?\n]\s|, (?=and |but )", text[max(0, start - 80) : start])[-1]
    after = re.split(r"[.;!?\n]", text[end : end + 50])[0]
    for segment, backwards in ((before, True), (after, False)):
        best: tuple[int, str] | None = None
        for name, pattern in tense_markers().items():
            for match in pattern.finditer(segment):
                distance = len(segment) - match.end() if backwards else match.start()
                if best is None or distance < best[0]:
                    best = (distance, name)
                if not backwards:
                    break
        if best is not None:
            return "past" if best[1] == "regular past" else best[1]
    return None


@cache
def tense_markers() -> dict[str, re.Pattern]:
    """Marker patterns by tense, in order of precedence when two are equally near."""
    table = lexicon()
    bodies = {}
    for name in ("future", "present", "past"):
        words = sorted(table.get(f"{name}_markers", []), key=len, reverse=True)
        bodies[name] = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words)
    # "will be held": the participle belongs to the future, and ends nearer.
    bodies["future"] = r"(?:will|shall|'ll)\s+(?:not\s+)?(?:be|have)\s+[a-z]+|" + bodies["future"]
    # Regular past forms; a few words in -ed are not past verbs.
    exclude = "|".join(table.get("not_past", []))
    bodies["regular past"] = rf"(?!(?:{exclude})\b)[a-z]{{2,}}ed"
    return {
        name: re.compile(rf"(?<![\w'])(?:{body})(?!\w)", re.IGNORECASE)
        for name, body in bodies.items()
        if body
    }


def _nearest(candidates: list[date], anchor: date, tense: str | None, strict: bool) -> date:
    """The candidate nearest the anchor, counting distance in the direction the tense speaks
    against as `TENSE_COST` times farther (or, `strict`, ruling it out). Without a tense the
    lean is to the past, as news mostly reports what happened."""
    forward, backward = FORWARD_COST, 1.0
    if tense == "past":
        forward = TENSE_COST
    elif tense == "future":
        forward, backward = 1.0, TENSE_COST
    if strict and tense == "past":
        candidates = [value for value in candidates if value <= anchor] or candidates
    elif strict and tense == "future":
        candidates = [value for value in candidates if value >= anchor] or candidates

    def cost(value: date) -> float:
        days = (value - anchor).days
        return days * forward if days > 0 else -days * backward

    return min(candidates, key=cost)


def month_day(anchor: date, number: int, day_number: int, tense: str | None) -> date | None:
    """A month and day without a year, in the year the tense and the anchor point to."""
    candidates = []
    for number_year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(number_year, number, day_number))
        except ValueError:  # 29 February
            continue
    return _nearest(candidates, anchor, tense, strict=False) if candidates else None


def month_alone(anchor: date, number: int, tense: str | None) -> TimeSpan:
    """ "in May": the last May on or before the anchor's month (past), the next one (future)."""
    month_anchor = anchor.replace(day=1)
    candidates = [date(year, number, 1) for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
    chosen = _nearest(candidates, month_anchor, tense, strict=True)
    return calendar.month(chosen.year, number)


def weekday(anchor: date, number: int, tense: str | None, relative: str | None = None) -> date:
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


def quarter_numbered(anchor: date, number: int) -> TimeSpan:
    """ "the third quarter": the latest one begun by the anchor. Tense does not help here:
    "will report third-quarter results" speaks of a quarter already over."""
    span = calendar.quarter(anchor.year, number)
    if span.start > anchor:
        return calendar.quarter(anchor.year - 1, number)
    return span


def season_named(anchor: date, name: str, step: int | None, tense: str | None) -> TimeSpan:
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
