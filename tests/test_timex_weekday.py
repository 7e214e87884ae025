"""Weekday names resolve by the document date and the tense of their clause."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.timex.recognize import find_timexes

THURSDAY = date(2020, 1, 2)
FRIDAY = date(2020, 1, 3)


def day_of(text: str, anchor: date) -> date:
    found = [timex for timex in find_timexes(text, anchor) if timex.span is not None]
    assert len(found) == 1, found
    return found[0].span.start


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("Militias stormed the embassy on Tuesday.", THURSDAY, date(2019, 12, 31)),
        ("The minister resigned on Friday.", FRIDAY, FRIDAY),
        ("Officials said Thursday the base was hit.", THURSDAY, THURSDAY),
        ("The council will meet on Friday.", THURSDAY, FRIDAY),
        ("The council will meet on Tuesday.", THURSDAY, date(2020, 1, 7)),
        ("Talks are scheduled for Monday.", THURSDAY, date(2020, 1, 6)),
        ("A drone was shot down last Thursday.", THURSDAY, date(2019, 12, 26)),
        ("They return next Friday.", FRIDAY, date(2020, 1, 10)),
        ("Protests continued on Saturday, January 4.", FRIDAY, date(2020, 1, 4)),
    ],
)
def test_weekday_resolves_by_tense(text, anchor, expected):
    assert day_of(text, anchor) == expected


def test_weekday_with_a_part_of_day_is_a_time():
    (timex,) = find_timexes("Rockets landed on Tuesday night.", THURSDAY)
    assert timex.kind == "TIME"
    assert timex.span.start == date(2019, 12, 31)


def test_lower_case_weekday_abbreviation_is_not_a_date():
    assert find_timexes("They sat in the sun.", THURSDAY) == []
