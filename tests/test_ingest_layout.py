"""The layout reader: headline, datelines, paragraphs and lead of a news article's text."""

from __future__ import annotations

import pytest

from flashpoint.ingest.layout import HEAD_CHARS, read_layout


def _text(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


# Datelines written for these tests in the shapes wire services use.
@pytest.mark.parametrize(
    ("text", "place", "region", "when", "source"),
    [
        ("KYIV, Ukraine (AP) — Russian forces shelled the city.", "KYIV", "Ukraine", None, "(AP)"),
        ("BAGHDAD, Jan. 8, 2020 - Iran fired missiles.", "BAGHDAD", None, "Jan. 8, 2020", None),
        ("NAIROBI - Kenyan police fired tear gas.", "NAIROBI", None, None, None),
        (
            "KRAMATORSK, Ukraine, April 8, 2022 — A missile struck.",
            "KRAMATORSK",
            "Ukraine",
            "April 8, 2022",
            None,
        ),
        ("HURRICANE, W.Va. - A man was arrested.", "HURRICANE", "W.Va.", None, None),
        ("ISLE OF PALMS -- The town voted.", "ISLE OF PALMS", None, None, None),
        ("COLUMBIA --- The governor said.", "COLUMBIA", None, None, None),
        ("Baghdad (Reuters) - Rockets hit the zone.", "Baghdad", None, None, "(Reuters)"),
        ("Goma, 27 January 2025 — Rebels entered.", "Goma", None, "27 January 2025", None),
        ("Jan. 10, 2020 - Protesters gathered.", None, None, "Jan. 10, 2020", None),
        # a byline's date run into the dateline, as in pages stripped of their line breaks
        (
            "Pastor picked. By Ann Lee Gannett March 24, 2009 MANSFIELD -- The mayor said.",
            "MANSFIELD",
            None,
            None,
            None,
        ),
    ],
)
def test_wire_datelines_are_read_into_place_region_date_and_source(
    text: str, place: str | None, region: str | None, when: str | None, source: str | None
) -> None:
    line = read_layout(text).dateline
    assert line is not None
    assert _text(text, line.place) == place
    assert _text(text, line.region) == region
    assert _text(text, line.date) == when
    assert _text(text, line.source) == source
    assert text[line.end - 1] in "-—"


@pytest.mark.parametrize(
    "text",
    [
        "Rockets hit the base on Friday. Nobody claimed the attack.",
        "Iraq's parliament voted - narrowly - to expel the troops.",
        "The strike - the third this week - killed two. Officials said so.",
        "Sanctions on Mali. The bloc met on Monday - and agreed.",
        "",
    ],
)
def test_text_without_a_dateline_has_none(text: str) -> None:
    assert read_layout(text).datelines == ()
    assert read_layout(text).dateline is None


def test_a_headline_line_stands_before_the_dateline() -> None:
    text = (
        "M23 rebels enter Goma\n\n"
        "GOMA, January 27, 2025 — Fighters marched into Goma on Monday. They met no one.\n\n"
        "Gunfire was heard."
    )
    layout = read_layout(text)
    assert _text(text, layout.headline) == "M23 rebels enter Goma"
    assert _text(text, layout.dateline.place) == "GOMA"
    assert [_text(text, span) for span in layout.paragraphs] == [
        "M23 rebels enter Goma",
        "GOMA, January 27, 2025 — Fighters marched into Goma on Monday. They met no one.",
        "Gunfire was heard.",
    ]
    assert layout.in_dateline_place(text.index("GOMA"), text.index("GOMA") + 4)
    assert not layout.in_dateline_place(text.index("Goma on"), text.index("Goma on") + 4)
    assert layout.names_dateline_place(text.index("GOMA"), text.index("GOMA") + 4)
    county = read_layout("PLYMOUTH CO. - A suspect was caught.")
    assert county.in_dateline_place(0, 8) and not county.names_dateline_place(0, 8)
    start = text.index("January 27")
    assert layout.in_dateline_date(start, start + len("January 27, 2025"))
    assert not layout.in_dateline_date(text.index("Monday"), text.index("Monday") + 6)


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Shelling hits market\n\nKHARKIV - Shells struck.", "Shelling hits market"),
        ("A first paragraph that ends like a sentence.\n\nAnother one.", None),
        ("One paragraph only", None),
        ("KHARKIV - Shells struck\n\nMore followed.", None),  # the dateline is no headline
        ("Published: 13 December 2019\n\nThe army said.", None),
    ],
)
def test_a_headline_is_a_short_first_line_set_apart(text: str, headline: str | None) -> None:
    assert _text(text, read_layout(text).headline) == headline


@pytest.mark.parametrize(
    ("text", "stamp"),
    [
        ("Published: 13 December 2019\n\nThe army said.", "13 December 2019"),
        ("Army moves in\nJan 3, 2020 / 10:15 AM\n\nThe army said.", "Jan 3, 2020"),
        ("Updated on Monday, March 2, 2020\n\nText.", "March 2, 2020"),
        ("The army said on March 2, 2020 that it moved.", None),
    ],
)
def test_a_published_line_or_a_date_alone_near_the_top_is_the_stamp(
    text: str, stamp: str | None
) -> None:
    assert _text(text, read_layout(text).stamp) == stamp


def test_a_dateline_far_down_is_kept_but_is_not_the_articles() -> None:
    text = "Filler sentence here. " * (HEAD_CHARS // 20) + "\nBAGHDAD - Rockets hit."
    layout = read_layout(text)
    assert len(layout.datelines) == 1
    assert layout.dateline is None


ARTICLE = (
    "Shelling hits market in Kharkiv\n\n"
    "KHARKIV, Ukraine, April 9, 2022 - Artillery shells struck a crowded market in Kharkiv on "
    "Saturday, killing two people, U.S. and Ukrainian officials said. Firefighters worked "
    "through the night.\n\n"
    "The city had been shelled a week earlier."
)


@pytest.mark.parametrize(
    ("phrase", "in_the_lede"),
    [
        ("Shelling hits", True),  # the headline
        ("Artillery shells struck", True),  # the lead, past the dateline's "April 9, 2022"
        ("Firefighters", False),  # the lead's second sentence
        ("The city had been shelled", False),  # a later paragraph
    ],
)
def test_headline_and_first_body_sentence_are_the_lede(phrase: str, in_the_lede: bool) -> None:
    assert read_layout(ARTICLE).in_lede(ARTICLE.index(phrase)) is in_the_lede


def test_an_initial_does_not_end_the_lead() -> None:
    # "U.S. and" continues the sentence; the lead ends after "said."
    assert ARTICLE[: read_layout(ARTICLE).lede_end].endswith("officials said.")


def test_a_text_without_a_headline_line_has_its_first_sentence_as_lede() -> None:
    text = "Rockets hit the base on Friday. Nobody claimed the attack."
    assert read_layout(text).in_lede(0)
    assert not read_layout(text).in_lede(text.index("Nobody"))
    assert not read_layout("").in_lede(0)


def test_reading_is_linear_in_the_texts_length() -> None:
    # a long text of dashes and capitals, the shapes the dateline pattern tries at each opening
    text = "NATO, Jan. - THE UN - Iraq (AP) 2020 - . " * 20_000
    layout = read_layout(text)
    assert len(layout.paragraphs) == 1
