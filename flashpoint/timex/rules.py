"""Resolvers: one per rule in patterns.py, turning a regex match into a resolved expression.

resolver(match, context) -> (TimeSpan | None, TimeML type, TimeML value), or None when the
match is not a time expression after all (a lower-case "may"). The span is None when the
expression is relative and there is no anchor date to resolve it against.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from ..model import TimeSpan
from . import calendar, normalize
from .lexicon import lexicon, month_number, number_value, weekday_number
from .normalize import Context

# How far back (characters) "a year earlier" or "the quarter" looks for the period it refers to.
DISCOURSE_REACH = 1500
# Prepositions after which a month may lie on either side of the document date.
OPEN_ENDED = frozenset({"until", "till", "through", "by"})

Resolved = tuple[TimeSpan | None, str, str | None]
Resolver = Callable[[re.Match, Context], Resolved | None]


def dated(span: TimeSpan | None, kind: str = "DATE") -> Resolved:
    return span, kind, calendar.timeml_value(span) if span is not None else None


def apply_modifier(match: re.Match, span: TimeSpan | None) -> TimeSpan | None:
    """Apply "early", "mid-", "the end of" ... when the pattern captured one."""
    mod = match.groupdict().get("mod")
    if span is None or not mod:
        return span
    key = re.sub(r"[\s-]+", " ", mod.lower()).strip()
    first, last = lexicon()["part_modifiers"].get(key, (0.0, 1.0))
    return calendar.part(span, first, last)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _plausible_month(word: str) -> bool:
    """A lower-case "may" or "march" is a verb or a noun, not a month."""
    return _capitalised(word) or word.lower().rstrip(".") not in lexicon()["ambiguous_months"]


def year_of(text: str) -> int:
    return int(text)


def full_date(match: re.Match, context: Context) -> Resolved | None:
    groups = match.groupdict()
    month = month_number(groups["month"])
    if month is None or not _plausible_month(groups["month"]):
        return None
    day_text = groups["day"]
    day_number = int(re.sub(r"\D", "", day_text)) if day_text[0].isdigit() else None
    if day_number is None:
        day_number = lexicon()["ordinals"].get(day_text.lower())
    if not day_number:
        return None
    if groups.get("year"):
        try:
            return dated(calendar.day(date(year_of(groups["year"]), month, day_number)))
        except ValueError:
            return None
    if context.anchor is None:
        return None, "DATE", None
    named = weekday_number(groups["weekday"]) if groups.get("weekday") else None
    if named is not None:
        # "Saturday, April 25": the year in which that day is a Saturday, if one is near.
        for offset in (0, 1, -1):
            try:
                value = date(context.anchor.year + offset, month, day_number)
            except ValueError:
                continue
            if value.weekday() == named:
                return dated(calendar.day(value))
    value = normalize.month_day(context.anchor, month, day_number, context.tense)
    return dated(calendar.day(value)) if value else None


def day_range(match: re.Match, context: Context) -> Resolved | None:
    """ "March 3-5, 2020", "3–5 March": the days from the first to the last, in one month."""
    word = match["month"] or match["month2"]
    month = month_number(word)
    if month is None or not _plausible_month(word):
        return None
    first = int(re.sub(r"\D", "", match["day"] or match["day2"]))
    last = int(re.sub(r"\D", "", match["last"] or match["last2"]))
    if context.anchor is None and not match["year"]:
        return None, "DATE", None
    try:
        if match["year"]:
            start = date(year_of(match["year"]), month, first)
        else:
            start = normalize.month_day(context.anchor, month, first, context.tense)
        end = start.replace(day=last) if start else None
    except ValueError:
        return None
    if start is None or end is None or end < start:
        return None
    return TimeSpan(start, end, "span"), "DATE", start.isoformat()


def holiday(match: re.Match, context: Context) -> Resolved | None:
    """ "Christmas Eve", "New Year's Day": a fixed day, in the year the tense points to."""
    key = re.sub(r"\s+", " ", match["holiday"].lower()).replace("’", "'")
    month, day_number = lexicon()["holidays"][key]
    if context.anchor is None:
        return None, "DATE", None
    value = normalize.month_day(context.anchor, month, day_number, context.tense)
    return dated(calendar.day(value)) if value else None


def numeric_date(match: re.Match, context: Context) -> Resolved | None:
    groups = match.groupdict()
    first, second, year_text = int(groups["a"]), int(groups["b"]), groups["y"]
    number_year = int(year_text) if len(year_text) == 4 else 1900 + int(year_text)
    if len(year_text) == 2 and number_year < 1950:
        number_year += 100
    if groups.get("iso") is not None:
        month, day_number = first, second
    elif first > 12:  # only day-first reads it
        month, day_number = second, first
    else:  # US order by default
        month, day_number = first, second
    try:
        return dated(calendar.day(date(number_year, month, day_number)))
    except ValueError:
        return None


def month_year(match: re.Match, context: Context) -> Resolved | None:
    month = month_number(match["month"])
    if month is None or not _capitalised(match["month"]):
        return None
    return dated(apply_modifier(match, calendar.month(year_of(match["year"]), month)))


def month_relative(match: re.Match, context: Context) -> Resolved | None:
    word = match["month"] or match["month2"]
    month = month_number(word)
    if month is None or not _capitalised(word):
        return None
    if context.anchor is None:
        return None, "DATE", None
    anchor = context.anchor
    if match["rel2"]:  # "July last year"
        step = lexicon()["relative_words"][match["rel2"].lower()]
        return dated(apply_modifier(match, calendar.month(anchor.year + step, month)))
    step = lexicon()["relative_words"].get(match["rel"].split()[-1].lower(), 0)
    if step < 0:
        number_year = anchor.year if month < anchor.month else anchor.year - 1
    elif step > 0:
        number_year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        number_year = anchor.year
    return dated(apply_modifier(match, calendar.month(number_year, month)))


def month_only(match: re.Match, context: Context) -> Resolved | None:
    word = match["month"]
    month = month_number(word)
    if month is None or not _capitalised(word) or word.endswith("."):
        return None
    ambiguous = word.lower() in lexicon()["ambiguous_months"]
    if ambiguous and not (match["mod"] or match["prep"]):
        return None
    if len(word.rstrip(".")) <= 3 and word.lower() != "may":
        return None
    if context.anchor is None:
        return None, "DATE", None
    prep = (match["prep"] or "").lower()
    # "next May" looks ahead; "until/through/by January" may go either way: the nearest one.
    tense = "future" if prep == "next" else None if prep in OPEN_ENDED else context.tense
    span = normalize.month_alone(context.anchor, month, tense)
    return dated(apply_modifier(match, span))


def weekday_rule(match: re.Match, context: Context) -> Resolved | None:
    if not _capitalised(match["weekday"]):
        return None
    number = weekday_number(match["weekday"])
    kind = "TIME" if match["part"] else "DATE"
    if context.anchor is None or number is None:
        return None, kind, None
    value = normalize.weekday(context.anchor, number, context.tense, match["rel"])
    span, _, timeml = dated(calendar.day(value))
    return span, kind, timeml


def day_word(match: re.Match, context: Context) -> Resolved | None:
    kind = "TIME" if match["part"] else "DATE"
    if context.anchor is None:
        return None, kind, None
    offset = lexicon()["day_words"][match["word"].lower()]
    span = calendar.day(calendar.shift(context.anchor, "day", offset))
    return span, kind, calendar.timeml_value(span)


def same_day_time(match: re.Match, context: Context) -> Resolved | None:
    """ "tonight", "this morning": a TimeML TIME on the anchor day."""
    if context.anchor is None:
        return None, "TIME", None
    span = calendar.day(context.anchor)
    return span, "TIME", calendar.timeml_value(span)


def previous_day(match: re.Match, context: Context) -> Resolved | None:
    """ "the previous night", "the day before", "last night": the day before the anchor."""
    if context.anchor is None:
        return None, "TIME", None
    span = calendar.day(calendar.shift(context.anchor, "day", -1))
    kind = "DATE" if match["unit"].lower() == "day" else "TIME"
    return span, kind, calendar.timeml_value(span)


def relative_unit(match: re.Match, context: Context) -> Resolved | None:
    if context.anchor is None:
        return None, "DATE", None
    unit = match["unit"].lower()
    rel = match["rel"].lower().split()[-1]
    step = lexicon()["relative_words"].get(rel, 0)
    if rel in {"latest"}:
        step = -1 if unit == "quarter" else 0
    if unit == "weekend":
        saturday = normalize.weekday(context.anchor, 5, context.tense, match["rel"])
        span = TimeSpan(saturday, calendar.shift(saturday, "day", 1), "week")
        iso_year, iso_week, _ = saturday.isocalendar()
        return span, "DATE", f"{iso_year}-W{iso_week:02d}-WE"
    if unit == "season":
        return None
    if rel in {"following", "preceding", "previous"} and match["rel"].lower().startswith("the"):
        # "the following year" counts from the period last named, not from the document date.
        named = context.last_with(unit, within=DISCOURSE_REACH)
        if named is not None and named.span is not None:
            return dated(normalize.shifted_period(named.span.start, unit, step))
    return dated(apply_modifier(match, normalize.shifted_period(context.anchor, unit, step)))


def ago(match: re.Match, context: Context) -> Resolved | None:
    unit = lexicon()["units"][match["unit"].lower()]
    direction = match["dir"].lower()
    back = direction in {"ago", "earlier", "before", "previously"}
    if match["vague"]:
        return None, "DATE", "PAST_REF" if back else "FUTURE_REF"
    count = number_value(match["num"])
    if count is None:
        return None
    # Results reporting: "a year earlier" after "the third quarter" is that quarter last year.
    if unit == "year" and count == 1:
        quarter = context.last_with("quarter", within=DISCOURSE_REACH)
        if quarter is not None and quarter.span is not None:
            start = calendar.shift(quarter.span.start, "year", -1 if back else 1)
            return dated(calendar.period(start, "quarter"))
    step = -count if back else count
    # "On Monday militias attacked ... Two days later": counted from the day last named.
    if direction not in {"ago", "from now", "hence"}:
        named = _last_dated(context)
        if named is not None and RANK[named.precision] <= RANK.get(unit, 0):
            # As precise as the unit says: "a year later" after "May 3" is that next year.
            return dated(calendar.period(calendar.shift(named.start, unit, step), unit))
    if context.anchor is None:
        return None, "DATE", None
    moved = calendar.shift(context.anchor, unit, step)
    return dated(calendar.period(moved, unit))


# Calendar precisions from fine to coarse: "two days later" can count from a day, not a year.
RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}


def _last_dated(context: Context) -> TimeSpan | None:
    """The span of the nearest earlier expression with a calendar precision, if close enough."""
    for timex in reversed(context.previous):
        if context.position - timex.end > DISCOURSE_REACH:
            return None
        if timex.kind == "DATE" and timex.span is not None and timex.span.precision in RANK:
            return timex.span
    return None


def season_rule(match: re.Match, context: Context) -> Resolved | None:
    groups = match.groupdict()
    name = groups["season"].lower()
    if groups.get("year"):
        span = calendar.season(year_of(groups["year"]), name)
        return dated(apply_modifier(match, span))
    if not (groups.get("rel") or groups.get("prep")):
        return None
    if context.anchor is None:
        return None, "DATE", None
    rel = (groups.get("rel") or "").lower().split()
    step = lexicon()["relative_words"].get(rel[-1], 0) if rel else None
    span = normalize.season_named(context.anchor, name, step, context.tense)
    return dated(apply_modifier(match, span))


def reference(match: re.Match, context: Context) -> Resolved | None:
    value = lexicon()["references"][re.sub(r"\s+", " ", match["ref"].lower())]
    if context.anchor is None:
        return None, "DATE", value
    reach = lexicon().get("reference_reach_days", {}).get(value, 0)
    anchor = context.anchor
    if value == "PRESENT_REF":
        return calendar.day(anchor), "DATE", value
    if value == "PAST_REF":
        return TimeSpan(calendar.shift(anchor, "day", -reach), anchor, "span"), "DATE", value
    return TimeSpan(anchor, calendar.shift(anchor, "day", reach), "span"), "DATE", value


def duration(match: re.Match, context: Context) -> Resolved | None:
    """ "six months", "the past two weeks": a length; as a range it ends at the anchor."""
    unit = lexicon()["units"][match["unit"].lower()]
    count = number_value(match["num"]) if match["num"] else None
    value = normalize.duration_value(count, unit)
    if context.anchor is None:
        return None, "DURATION", value
    ahead = bool(match["lead"]) and match["lead"].lower().split()[-1] in {"next", "coming"}
    # "the past several months": a vague amount still gives a range, of a typical length.
    days = normalize.length_days(count or lexicon().get("vague_count", 3), unit)
    anchor = context.anchor
    if ahead:
        span = TimeSpan(anchor, calendar.shift(anchor, "day", days), "span")
    else:
        span = TimeSpan(calendar.shift(anchor, "day", -days), anchor, "span")
    return span, "DURATION", value
