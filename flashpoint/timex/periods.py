"""Resolvers for periods of a quarter and longer: quarters, years, decades, centuries,
and the "year-ago" comparisons of results reporting. Same contract as rules.py.
"""

from __future__ import annotations

import re

from . import calendar, normalize
from .lexicon import lexicon, number_value
from .normalize import Context
from .rules import DISCOURSE_REACH, Resolved, apply_modifier, dated, year_of


def year_adjective(match: re.Match, context: Context) -> Resolved | None:
    """ "year-earlier", "the year-ago quarter": the same period a year before."""
    quarter = context.last_with("quarter", within=DISCOURSE_REACH)
    if quarter is not None and quarter.span is not None:
        return dated(calendar.period(calendar.shift(quarter.span.start, "year", -1), "quarter"))
    if context.anchor is None:
        return None, "DATE", None
    return dated(calendar.year(context.anchor.year - 1))


def quarter_rule(match: re.Match, context: Context) -> Resolved | None:
    groups = match.groupdict()
    ordinal = (groups.get("ord") or groups.get("q") or "").lower().lstrip("q")
    number = int(ordinal) if ordinal.isdigit() else lexicon()["ordinals"].get(ordinal)
    if not number or number > 4:
        return None
    year_text = groups.get("year") or groups.get("year2") or groups.get("year3")
    if year_text:
        return dated(calendar.quarter(year_of(year_text), number))
    if context.anchor is None:
        return None, "DATE", None
    relative = (groups.get("relyear") or groups.get("relyear2") or "").lower()
    if relative:
        step = lexicon()["relative_words"].get(relative.split()[0], 0)
        return dated(calendar.quarter(context.anchor.year + step, number))
    return dated(normalize.quarter_numbered(context.anchor, number))


def quarter_reference(match: re.Match, context: Context) -> Resolved | None:
    """ "the quarter", "the latest period": the quarter last named, else the last one ended."""
    previous = context.last_with("quarter", within=DISCOURSE_REACH)
    if previous is not None:
        return dated(previous.span)
    if "latest" not in match[0].lower() and match["unit"].lower() == "period":
        # A bare "the period" is a quarter only after one has been named.
        return None
    if context.anchor is None:
        return None, "DATE", None
    return dated(normalize.shifted_period(context.anchor, "quarter", -1))


def year_rule(match: re.Match, context: Context) -> Resolved | None:
    return dated(apply_modifier(match, calendar.year(year_of(match["year"]))))


def year_relative_mod(match: re.Match, context: Context) -> Resolved | None:
    """ "the end of the year", "year-end", "the end of the month": the anchor's own period
    (or its part)."""
    if context.anchor is None:
        return None, "DATE", None
    span = calendar.period(context.anchor, (match["unit"] or "year").lower())
    if match["end"]:
        return dated(calendar.part(span, *lexicon()["part_modifiers"]["the end of"]))
    return dated(apply_modifier(match, span))


def spelled_year(match: re.Match, context: Context) -> Resolved | None:
    """ "nineteen ninety-six", "the year two thousand": a year in words."""
    table = lexicon()
    base = table["century_words"][re.sub(r"\s+", " ", match["century"].lower())]
    tens = table["tens_words"].get((match["tens"] or "").lower(), 0)
    ones = number_value(match["ones"]) if match["ones"] else 0
    if not (tens or ones or match[0].lower().startswith("the year")):
        return None
    # "nineteen six" or "twenty five" is not a year; "two thousand five" is.
    if not tens and " " not in match["century"].strip():
        return None
    return dated(calendar.year(base + tens + (ones or 0)))


def decade_rule(match: re.Match, context: Context) -> Resolved | None:
    groups = match.groupdict()
    if groups.get("digits"):
        first = int(groups["digits"])
    elif groups.get("short"):
        first = 1900 + int(groups["short"])
    else:
        first = 1900 + 10 * lexicon()["decade_words"][groups["word"].lower()]
    return dated(apply_modifier(match, calendar.decade(first)))


def century_rule(match: re.Match, context: Context) -> Resolved | None:
    ordinal = match["ord"].lower()
    number = int(re.sub(r"\D", "", ordinal)) if ordinal[0].isdigit() else None
    number = number or lexicon()["ordinals"].get(ordinal)
    if not number:
        return None
    return dated(apply_modifier(match, calendar.century((number - 1) * 100)))
