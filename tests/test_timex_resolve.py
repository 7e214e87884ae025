"""Time expressions resolve to the right range and precision against the document date."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.timex.recognize import find_timexes

THURSDAY = date(2020, 1, 2)  # a Thursday
FRIDAY_1998 = date(1998, 2, 13)  # a Friday


def resolve(text: str, anchor: date | None) -> tuple[str, date, date, str]:
    found = [timex for timex in find_timexes(text, anchor) if timex.span is not None]
    assert found, f"nothing resolved in {text!r}"
    timex = found[0]
    return timex.text, timex.span.start, timex.span.end, timex.span.precision


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        (
            "It happened on December 13, 2019.",
            None,
            ("December 13, 2019", date(2019, 12, 13), date(2019, 12, 13), "day"),
        ),
        (
            "It happened on 13 December 2019.",
            None,
            ("13 December 2019", date(2019, 12, 13), date(2019, 12, 13), "day"),
        ),
        (
            "Filed 2019-12-13 by staff.",
            None,
            ("2019-12-13", date(2019, 12, 13), date(2019, 12, 13), "day"),
        ),
        (
            "Filed 12/13/2019 by staff.",
            None,
            ("12/13/2019", date(2019, 12, 13), date(2019, 12, 13), "day"),
        ),
        (
            "A raid on Dec. 13 left two dead.",
            THURSDAY,
            ("Dec. 13", date(2019, 12, 13), date(2019, 12, 13), "day"),
        ),
        (
            "Talks resume on Jan. 9.",
            THURSDAY,
            ("Jan. 9", date(2020, 1, 9), date(2020, 1, 9), "day"),
        ),
        (
            "The offensive began in May.",
            THURSDAY,
            ("May", date(2019, 5, 1), date(2019, 5, 31), "month"),
        ),
        (
            "Elections will be held in May.",
            THURSDAY,
            ("May", date(2020, 5, 1), date(2020, 5, 31), "month"),
        ),
        (
            "It was signed in August 1988.",
            None,
            ("August 1988", date(1988, 8, 1), date(1988, 8, 31), "month"),
        ),
        (
            "Shelling resumed yesterday.",
            THURSDAY,
            ("yesterday", date(2020, 1, 1), date(2020, 1, 1), "day"),
        ),
        ("Shelling continued today.", THURSDAY, ("today", THURSDAY, THURSDAY, "day")),
        ("Talks open tomorrow.", THURSDAY, ("tomorrow", date(2020, 1, 3), date(2020, 1, 3), "day")),
        (
            "Clashes erupted last week.",
            THURSDAY,
            ("last week", date(2019, 12, 23), date(2019, 12, 29), "week"),
        ),
        (
            "Clashes erupted this week.",
            THURSDAY,
            ("this week", date(2019, 12, 30), date(2020, 1, 5), "week"),
        ),
        (
            "It came less than a week ago.",
            THURSDAY,
            ("less than a week ago", date(2019, 12, 23), date(2019, 12, 29), "week"),
        ),
        (
            "Fighting ended last month.",
            THURSDAY,
            ("last month", date(2019, 12, 1), date(2019, 12, 31), "month"),
        ),
        (
            "Two years ago the town fell.",
            THURSDAY,
            ("Two years ago", date(2018, 1, 1), date(2018, 12, 31), "year"),
        ),
        (
            "In the fall of 2019 protests spread.",
            None,
            ("the fall of 2019", date(2019, 9, 1), date(2019, 11, 30), "season"),
        ),
        (
            "Strikes rose last fall.",
            THURSDAY,
            ("last fall", date(2019, 9, 1), date(2019, 11, 30), "season"),
        ),
        (
            "Attacks grew in early 2021.",
            None,
            ("early 2021", date(2021, 1, 1), date(2021, 5, 4), "year"),
        ),
        (
            "Talks stalled late last year.",
            THURSDAY,
            ("late last year", date(2019, 9, 3), date(2019, 12, 31), "year"),
        ),
        (
            "A truce held in mid-March.",
            THURSDAY,
            ("mid-March", date(2019, 3, 12), date(2019, 3, 21), "month"),
        ),
        (
            "Insurgents were active in the 1990s.",
            None,
            ("the 1990s", date(1990, 1, 1), date(1999, 12, 31), "decade"),
        ),
        (
            "Output fell in the third quarter of 2019.",
            None,
            ("the third quarter of 2019", date(2019, 7, 1), date(2019, 9, 30), "quarter"),
        ),
        (
            "Output fell in Q2 2020.",
            None,
            ("Q2 2020", date(2020, 4, 1), date(2020, 6, 30), "quarter"),
        ),
        (
            "The ceasefire was agreed in 2018.",
            None,
            ("2018", date(2018, 1, 1), date(2018, 12, 31), "year"),
        ),
        (
            "Peace came in the nineteenth century.",
            None,
            ("the nineteenth century", date(1800, 1, 1), date(1899, 12, 31), "century"),
        ),
        (
            "The vote was set for nineteen ninety-six.",
            None,
            ("nineteen ninety-six", date(1996, 1, 1), date(1996, 12, 31), "year"),
        ),
    ],
)
def test_expression_resolves_to_range_and_precision(text, anchor, expected):
    assert resolve(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protesters stormed the embassy on New Year’s Eve.", date(2019, 12, 31)),
        ("A truce was agreed on Christmas Day.", date(2019, 12, 25)),
    ],
)
def test_fixed_holidays_resolve_to_their_day(text, expected):
    (timex,) = find_timexes(text, THURSDAY)
    assert timex.span.start == expected


def test_six_months_of_tensions_is_a_span_ending_at_the_document_date():
    (timex,) = find_timexes("This comes after six months of tensions.", THURSDAY)
    assert timex.kind == "DURATION"
    assert timex.value == "P6M"
    assert timex.span.end == THURSDAY
    assert timex.span.precision == "span"


def test_since_may_runs_from_may_to_the_document_date():
    (timex,) = find_timexes("Rockets have hit the base since May.", THURSDAY)
    assert timex.text == "May"
    assert (timex.span.start, timex.span.end) == (date(2019, 5, 1), THURSDAY)
    assert timex.value == "2019-05"  # the TimeML value names May itself


def test_in_recent_months_is_a_past_reference_ending_at_the_document_date():
    (timex,) = find_timexes("Attacks have grown in recent months.", THURSDAY)
    assert timex.value == "PAST_REF"
    assert timex.span.end == THURSDAY and timex.span.start < THURSDAY


def test_the_previous_night_is_the_day_before_the_document_date():
    (timex,) = find_timexes("Gunmen struck the previous night.", THURSDAY)
    assert timex.span.start == date(2020, 1, 1)
    assert timex.kind == "TIME"


def test_relative_expressions_stay_unresolved_without_a_document_date():
    found = find_timexes("Militias attacked on Tuesday and again on March 3, 2020.", None)
    assert [timex.span is not None for timex in found] == [False, True]


@pytest.mark.parametrize(
    "text",
    [
        "You may go.",
        "They will march on the capital.",
        "A sun hat.",
        "Theresa May spoke to reporters.",
        "Life changed since the fall of Mosul.",
    ],
)
def test_ordinary_words_are_not_dates(text):
    assert find_timexes(text, THURSDAY) == []


def test_dollar_amounts_and_counts_are_not_years():
    assert find_timexes("It cost $2019 and 1,998 people came.", THURSDAY) == []


def test_a_year_earlier_after_a_quarter_is_that_quarter_last_year():
    text = "Profit rose in the third quarter, up from a year earlier."
    values = [timex.value for timex in find_timexes(text, date(1989, 10, 25))]
    assert values == ["1989-Q3", "1988-Q3"]


def test_a_vague_duration_still_gives_a_range_ending_at_the_document_date():
    (timex,) = find_timexes("In the past several months, attacks grew.", THURSDAY)
    assert timex.value == "PXM"
    assert timex.span.end == THURSDAY and timex.span.start < date(2019, 12, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On Monday militias attacked the base. Two days later, the army struck.", "2020-01-01"),
        ("Talks began in May 2019. A year later they collapsed.", "2020"),
        ("Two years ago the town fell.", "2018"),
    ],
)
def test_later_and_earlier_count_from_the_last_named_date(text, expected):
    assert find_timexes(text, THURSDAY)[-1].value == expected


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Talks ran March 3-5, 2020 in Geneva.", date(2020, 3, 3), date(2020, 3, 5)),
        ("Talks ran 3–5 March 2020 in Geneva.", date(2020, 3, 3), date(2020, 3, 5)),
        ("Clashes raged Dec. 20-22 near the border.", date(2019, 12, 20), date(2019, 12, 22)),
    ],
)
def test_day_ranges_resolve_to_their_first_and_last_day(text, start, end):
    (timex,) = find_timexes(text, THURSDAY)
    assert (timex.span.start, timex.span.end, timex.span.precision) == (start, end, "span")
