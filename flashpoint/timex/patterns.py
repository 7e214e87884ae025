"""The rule table: which pattern resolves how. Order breaks ties between equally long matches.

Placeholders in capitals (MONTH, DAY, YEAR, ORD, ...) stand for word classes from the lexicon.
A group named "body" marks the expression inside a larger match ("in May" -> "May").
Each rule names the trigger words its matches must contain, so that the recogniser runs it
only near those words instead of over the whole text (one quick pass finds the triggers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import periods, rules
from .lexicon import abbreviations, alternation, lexicon
from .rules import Resolver


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    resolve: Resolver
    # Trigger classes one of which every match contains; None: scan the whole text.
    triggers: tuple[str, ...] | None = None


@cache
def words() -> dict[str, str]:
    """Regex alternations for each word class in the lexicon."""
    table = lexicon()
    weekdays = [word for word in table["weekdays"] if len(word) > 5]
    units = alternation(
        [word for word, value in table["numbers"].items() if 0 < value < 10 < len(word) * 4]
    )
    return {
        "MONTH": alternation(table["months"], abbreviations(table["months"])),
        "WEEKDAY": alternation(weekdays),
        "WEEKDAY_ANY": alternation(table["weekdays"], abbreviations(table["weekdays"])),
        "SEASON": alternation(table["seasons"]),
        "ORD": alternation(table["ordinals"]),
        # "twenty-five": a tens word may take a units word after it.
        "NUM": r"(?:\d+|" + alternation(table["numbers"])[3:-1] + ")" + rf"(?:[- ]{units})?",
        "VAGUE": alternation(table["vague_numbers"]),
        "UNIT": alternation(table["units"]),
        "REL": alternation(table["relative_words"]),
        "MOD": alternation(table["part_modifiers"]),
        "PART": alternation(table["day_parts"]),
        "DECADE": alternation(table["decade_words"]),
        "REF": alternation(table["references"]),
        "DAYWORD": alternation(table["day_words"]),
        "YEAR": r"(?:1[5-9]\d\d|20\d\d)",
        "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?",
        "CENTURY_WORD": alternation(table.get("century_words", {})),
        "TENS_WORD": alternation(table.get("tens_words", {})),
        "UNITS_WORD": units,
        "HOLIDAY": alternation(table.get("holidays", {})),
    }


def compile_rule(template: str) -> re.Pattern:
    body = template
    for key, value in sorted(words().items(), key=lambda item: -len(item[0])):
        body = body.replace(key, value)
    # Whole words only; a year must not be part of a larger number or an amount ("$1998").
    # A leading \b lets the engine skip positions inside words quickly.
    return re.compile(rf"\b(?<![\w$£€./-])(?:{body})(?![\w%]|[.,/-]\d)", re.IGNORECASE)


FILLER = r"(?:about|nearly|almost|more\s+than|less\s+than|over|some|at\s+least|just|only|roughly)"
# "early Tuesday", "later yesterday": part of the same day.
DAY_MOD = r"(?:early|late|earlier|later)"
PREP = r"(?:in|since|until|till|by|during|from|through|before|after|of|between|and|to|next|or)"

TABLE: tuple[tuple[str, str, rules.Resolver], ...] = (
    ("iso", r"(?P<iso>)(?P<y>YEAR)-(?P<a>[01]\d)-(?P<b>[0-3]\d)", rules.numeric_date),
    ("slashed", r"(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})", rules.numeric_date),
    (
        "month-day",
        r"(?:(?P<weekday>WEEKDAY_ANY)\.?,?\s+)?(?P<month>MONTH)\s+(?:the\s+)?(?P<day>DAY|ORD)"
        r"(?:,?\s+(?P<year>YEAR))?",
        rules.full_date,
    ),
    (
        "day-range",
        r"(?:(?P<month>MONTH)\s+(?P<day>DAY)\s*[-–]\s*(?P<last>DAY)"
        r"|(?P<day2>DAY)\s*[-–]\s*(?P<last2>DAY)\s+(?:of\s+)?(?P<month2>MONTH))"
        r"(?:,?\s+(?P<year>YEAR))?",
        rules.day_range,
    ),
    ("holiday", r"(?P<holiday>HOLIDAY)", rules.holiday),
    (
        "day-month",
        r"(?:(?P<weekday>WEEKDAY_ANY)\.?,?\s+)?(?:the\s+)?(?P<day>DAY|ORD)\s+(?:of\s+)?(?P<month>MONTH)"
        r"(?:,?\s+(?P<year>YEAR))?",
        rules.full_date,
    ),
    (
        "month-year",
        r"(?:(?P<mod>MOD)[\s-]*)?(?P<month>MONTH),?\s+(?:of\s+)?(?P<year>YEAR)",
        rules.month_year,
    ),
    (
        "relative-month",
        r"(?:(?P<mod>MOD)[\s-]*)?(?:(?P<rel>this\s+past|REL)\s+(?P<month>MONTH)"
        r"|(?P<month2>MONTH)\s+(?:of\s+)?(?P<rel2>last|this|next)\s+year)",
        rules.month_relative,
    ),
    (
        "quarter",
        r"(?:(?P<year>YEAR)(?:'s)?\s+|(?P<relyear>this|last|next)\s+year's\s+"
        r"|the\s+(?:(?P<year2>YEAR)\s+|latest\s+|current\s+)?)?(?:fiscal[\s-]+)?(?P<ord>ORD)"
        r"\s+(?:fiscal[\s-]+)?quarter(?:\s+of\s+(?:(?:fiscal\s+)?(?P<year3>YEAR)"
        r"|(?P<relyear2>this|last|next)\s+year))?",
        periods.quarter_rule,
    ),
    (
        "quarter-adjective",
        r"(?:(?P<year>YEAR)(?:'s)?\s+|(?P<relyear>this|last|next)\s+year's\s+)?(?:fiscal[\s-]+)?"
        r"(?P<ord>ORD)-quarter",
        periods.quarter_rule,
    ),
    ("q-quarter", r"(?P<q>Q[1-4])(?:\s+(?P<year>YEAR))?", periods.quarter_rule),
    (
        "year-ago-period",
        r"the\s+(?:same|corresponding|comparable)\s+(?:period|quarter)\s+(?:last\s+year"
        r"|a\s+year\s+(?:ago|earlier))|the\s+quarter\s+a\s+year\s+(?:ago|earlier)"
        r"|(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?year[\s-](?:earlier|ago|before)"
        r"(?:\s+(?:ORD\s+)?(?:quarter|period))?",
        periods.year_adjective,
    ),
    (
        "ago",
        rf"(?:{FILLER}\s+)?(?:(?P<vague>VAGUE)|(?P<num>NUM))[\s-]+(?P<unit>UNIT)\s+"
        r"(?P<dir>ago|earlier|before|later|from\s+now|hence|previously)",
        rules.ago,
    ),
    (
        "relative-unit",
        r"(?:(?P<mod>MOD)[\s-]*)?(?P<rel>the\s+(?:past|previous|coming|next|current|following"
        r"|latest|last)|this\s+past|REL|latest)\s+(?:fiscal\s+|calendar\s+)?"
        r"(?P<unit>week|weekend|month|quarter|year"
        r"|decade|century)",
        rules.relative_unit,
    ),
    (
        "quarter-reference",
        r"(?:the|that|this)\s+(?:latest\s+|same\s+)?(?P<unit>quarter|period)",
        periods.quarter_reference,
    ),
    (
        "year-part",
        r"(?:(?P<mod>MOD)[\s-]*(?:the\s+)?(?P<unit>year|month|week)|(?P<end>year[\s-]end"
        r"|year's\s+end)"
        r"|the\s+(?:full\s+|fiscal\s+|calendar\s+)?year(?!\s+(?:before|after|earlier|later)))",
        periods.year_relative_mod,
    ),
    (
        "weekend",
        r"(?P<rel>the|this|last|next|this\s+past|this\s+coming)\s+(?P<unit>weekend)",
        rules.relative_unit,
    ),
    (
        "spelled-year",
        r"(?:the\s+year\s+)?(?P<century>CENTURY_WORD)(?:[\s-]+(?:and\s+)?(?P<tens>TENS_WORD))?"
        r"(?:[\s-]+(?P<ones>UNITS_WORD))?(?![\s-]+(?:hundred|thousand|million))",
        periods.spelled_year,
    ),
    (
        "year",
        r"(?:(?P<mod>MOD)[\s-]*)?(?:fiscal\s+(?:year\s+)?)?(?P<year>(?:19|20)\d\d)",
        periods.year_rule,
    ),
    (
        "decade",
        r"(?:the\s+)?(?:(?P<mod>MOD)[\s-]*)?(?:(?P<digits>(?:1[5-9]|20)\d0)'?s|'(?P<short>\d0)s"
        r"|(?<=the\s)(?P<word>DECADE))",
        periods.decade_rule,
    ),
    (
        "century",
        r"(?:the\s+)?(?:(?P<mod>MOD)[\s-]*)?(?P<ord>ORD|\d{1,2}(?:st|nd|rd|th))[\s-]+century",
        periods.century_rule,
    ),
    (
        "season",
        r"(?:(?P<prep>in|during|over|by|until|since|through|throughout)\s+)?(?P<body>"
        r"(?:(?P<mod>MOD)[\s-]*)?(?:(?P<rel>this\s+past|the\s+past|REL)\s+)?(?:the\s+)?"
        r"(?P<season>SEASON)(?:\s+(?:of\s+)?(?P<year>YEAR))?)"
        # "since the fall of Mosul" is an event, not a season.
        r"(?!\s+of\s+[A-Za-z])",
        rules.season_rule,
    ),
    (
        "weekday",
        rf"(?:{DAY_MOD}\s+)?(?:(?P<rel>this\s+coming|this\s+past|the\s+previous|the\s+following"
        r"|the\s+next|last|this|next|coming|past)\s+)?(?P<weekday>WEEKDAY)(?:\s+(?P<part>PART))?",
        rules.weekday_rule,
    ),
    (
        "previous-day",
        r"(?:the\s+(?:previous|preceding)\s+|last\s+)(?P<unit>day|night|evening|morning|afternoon)",
        rules.previous_day,
    ),
    ("same-day", r"tonight|this\s+(?:morning|afternoon|evening)", rules.same_day_time),
    (
        "day-word",
        rf"(?:{DAY_MOD}\s+)?(?P<word>DAYWORD)(?:\s+(?P<part>PART))?",
        rules.day_word,
    ),
    (
        "month",
        rf"(?:(?P<prep>{PREP})\s+)?(?P<body>(?:(?P<mod>MOD)[\s-]*)?(?P<month>MONTH))",
        rules.month_only,
    ),
    ("reference", r"(?P<ref>REF)", rules.reference),
    (
        "duration",
        r"(?:(?P<lead>the\s+(?:past|last|next|previous|first|coming|following))\s+)?"
        rf"(?:{FILLER}\s+)?(?:(?P<num>NUM)|VAGUE)[\s-]+(?P<unit>UNIT)",
        rules.duration,
    ),
)


# Trigger classes: the words (from the lexicon) whose presence lets a rule run nearby.
TRIGGER_TABLES: dict[str, tuple[str, ...]] = {
    "month": ("months",),
    "weekday": ("weekdays",),
    "unit": ("units",),
    "daypart": ("day_parts",),
    "dayword": ("day_words",),
    "season": ("seasons",),
    "decade": ("decade_words",),
    "spelled": ("century_words",),
    "reference": ("references",),
    "holiday": ("holidays",),
}
TRIGGER_WORDS: dict[str, tuple[str, ...]] = {
    "weekend": ("unit",),
    "period": ("unit",),
    "ago": ("unit",),
    "tonight": ("daypart",),
    "q": ("q",),
}
RULE_TRIGGERS: dict[str, tuple[str, ...]] = {
    "iso": ("year",),
    "slashed": ("slashed",),
    "month-day": ("month",),
    "day-month": ("month",),
    "day-range": ("month",),
    "holiday": ("holiday",),
    "month-year": ("month",),
    "relative-month": ("month",),
    "quarter": ("unit",),
    "quarter-adjective": ("unit",),
    "q-quarter": ("q",),
    "year-ago-period": ("unit",),
    "ago": ("unit",),
    "relative-unit": ("unit",),
    "quarter-reference": ("unit",),
    "year-part": ("unit",),
    "weekend": ("unit",),
    "spelled-year": ("spelled",),
    "year": ("year",),
    "decade": ("decade",),
    "century": ("unit",),
    "season": ("season",),
    "weekday": ("weekday",),
    "previous-day": ("unit", "daypart"),
    "same-day": ("daypart",),
    "day-word": ("dayword",),
    "month": ("month",),
    "duration": ("unit",),
    "reference": ("reference",),
}


@cache
def trigger_words() -> dict[str, tuple[str, ...]]:
    """Word -> the trigger classes it belongs to ("march" -> ("month",)). The first and last
    word of a phrase both count: "the near future" is found by "future"."""
    table = lexicon()
    found: dict[str, set[str]] = {}
    for name, keys in TRIGGER_TABLES.items():
        for key in keys:
            for entry in table.get(key, {}):
                words = entry.lower().split()
                for word in {words[0], words[-1]} - {"the", "a", "at", "in"}:
                    found.setdefault(word, set()).add(name)
    for word, names in TRIGGER_WORDS.items():
        found.setdefault(word, set()).update(names)
    return {word: tuple(sorted(names)) for word, names in found.items()}


@cache
def compiled() -> tuple[Rule, ...]:
    return tuple(
        Rule(name, compile_rule(body), resolve, RULE_TRIGGERS.get(name))
        for name, body, resolve in TABLE
    )
