"""The document date is inferred from datelines, embedded posts, and the latest full date."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.ingest.docdate import infer_date, weekday_agrees


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "KABUL, Afghanistan, March 3, 2021 — Gunmen attacked a checkpoint overnight.",
            (date(2021, 3, 3), "dateline"),
        ),
        (
            "Published: 14 March 2021\nMOGADISHU - A car bomb exploded near the port.",
            (date(2021, 3, 14), "dateline"),
        ),
        (
            # No year in the dateline: it takes the year of the dates in the text.
            "ADEN, Jan. 2 (Reuters) - Shelling resumed. A truce had begun on December 20, 2019.",
            (date(2020, 1, 2), "dateline"),
        ),
        (
            "Skip to content\n\nJan 3, 2020 / 10:15 AM\nMilitias shelled the airport.",
            (date(2020, 1, 3), "dateline"),
        ),
        (
            "The ministry condemned the raid.\n— Jane Roe (@janeroe_news) December 13, 2019\n"
            "Earlier, on March 3, 2018, a similar raid took place.",
            (date(2019, 12, 13), "statement"),
        ),
        (
            "A convoy was ambushed on 4 June 2020 and again on 9 June 2020.",
            (date(2020, 6, 9), "latest-mention"),
        ),
    ],
)
def test_infers_date_and_method(text, expected):
    assert infer_date(text) == expected


def test_city_and_weekday_without_a_date_is_not_a_dateline():
    assert infer_date("WASHINGTON — The Pentagon said Thursday it would respond.") is None


def test_text_without_any_full_date_gives_none():
    assert infer_date("Fighting continued in the north, residents said.") is None


def test_newest_post_wins_among_several_statements():
    text = (
        "First post.\n— A. Writer (@awriter) May 2, 2020\n"
        "Second post.\n— B. Writer (@bwriter) May 4, 2020\n"
    )
    assert infer_date(text) == (date(2020, 5, 4), "statement")


def test_future_plans_do_not_count_as_the_latest_mention():
    text = "A contractor was killed on December 27, 2019. Elections will be held on June 5, 2022."
    assert infer_date(text) == (date(2019, 12, 27), "latest-mention")


def test_lede_weekday_after_the_latest_date_moves_the_estimate_forward():
    # December 27, 2019 was a Friday; the lede's Tuesday is December 31.
    text = "Militias stormed the embassy on Tuesday. A contractor was killed on December 27, 2019."
    assert infer_date(text) == (date(2019, 12, 31), "latest-mention")


def test_lede_weekday_that_agrees_keeps_the_latest_date():
    text = "On Friday, December 27, 2019, a contractor was killed, officials said Friday."
    assert infer_date(text) == (date(2019, 12, 27), "latest-mention")
    assert weekday_agrees(text, date(2019, 12, 27))
    assert not weekday_agrees(text, date(2019, 12, 28))


def test_seed_with_embedded_posts_dates_from_the_posts(seeds_dir):
    texts = [path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))]
    found = [infer_date(text) for text in texts if "(@" in text]
    assert found, "expected a seed article with embedded posts"
    assert all(result is not None and result[1] == "statement" for result in found)
