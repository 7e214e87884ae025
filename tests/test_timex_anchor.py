"""The spaCy component marks time expressions, and event_time picks the one governing an event."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.model import TimeSpan
from flashpoint.timex.anchor import DOCUMENT_DATE, GOVERNED, event_time, is_historical

pytestmark = pytest.mark.slow

THURSDAY = date(2020, 1, 2)


def annotate(nlp, text: str, published: date | None):
    doc = nlp.make_doc(text)
    doc._.fp_published = published
    return nlp(doc)


def trigger_of(doc, word: str):
    token = next(token for token in doc if token.text == word)
    return token.sent, token


def test_component_fills_span_group_with_resolved_timespans(nlp):
    doc = annotate(
        nlp, "Militias attacked the base on Tuesday and again on March 3, 2020.", THURSDAY
    )
    spans = {span.text: span._.fp_time for span in doc.spans["fp_timex"]}
    assert spans["Tuesday"].start == date(2019, 12, 31)
    assert spans["March 3, 2020"].start == date(2020, 3, 3)
    assert all(span.label_ == "DATE" for span in doc.spans["fp_timex"])
    assert spans["Tuesday"].char_start == doc.text.index("Tuesday")
    assert [span.kb_id_ for span in doc.spans["fp_timex"]] == ["2019-12-31", "2020-03-03"]


def test_without_a_document_date_only_absolute_expressions_are_kept(nlp):
    doc = annotate(nlp, "Militias attacked the base on Tuesday and again on March 3, 2020.", None)
    assert [span.text for span in doc.spans["fp_timex"]] == ["March 3, 2020"]


def test_event_time_takes_the_expression_attached_to_the_trigger(nlp):
    text = "Rockets hit the airport on Sunday, a week after gunmen stormed a checkpoint on Monday."
    doc = annotate(nlp, text, THURSDAY)
    sentence, trigger = trigger_of(doc, "hit")
    span, confidence = event_time(doc, sentence, trigger)
    assert span.text == "Sunday"
    assert span.start == date(2019, 12, 29)
    assert confidence == GOVERNED


@pytest.mark.parametrize(
    "dateline",
    ["WASHINGTON, Dec. 30, 2019 - ", "KIRKUK, Iraq, Dec. 30, 2019 - ", "Dec. 30, 2019 - "],
)
def test_a_dateline_dates_the_report_not_the_event(nlp, dateline):
    text = f"{dateline}American warplanes bombed five militia sites on Sunday, officials said."
    doc = annotate(nlp, text, date(2019, 12, 30))
    sentence, trigger = trigger_of(doc, "bombed")
    span, _ = event_time(doc, sentence, trigger)
    assert span.start == date(2019, 12, 29)


def test_event_time_falls_back_to_the_paragraph_then_the_document_date(nlp):
    text = "Clashes broke out in Basra on Monday.\n\nNo group claimed the attack."
    doc = annotate(nlp, text, THURSDAY)
    sentence, trigger = trigger_of(doc, "claimed")
    span, confidence = event_time(doc, sentence, trigger)
    assert (span.start, span.end) == (THURSDAY, THURSDAY)
    assert confidence == DOCUMENT_DATE

    doc = annotate(
        nlp, "Clashes broke out in Basra on Monday. No group claimed the attack.", THURSDAY
    )
    sentence, trigger = trigger_of(doc, "claimed")
    span, confidence = event_time(doc, sentence, trigger)
    assert span.text == "Monday"
    assert DOCUMENT_DATE < confidence < GOVERNED


def test_event_time_ignores_a_nearby_reference_to_the_present(nlp):
    doc = annotate(
        nlp, "Gunmen struck on Monday.\n\nThe town now fears that militias attack.", THURSDAY
    )
    sentence, trigger = trigger_of(doc, "attack")
    span, confidence = event_time(doc, sentence, trigger)
    assert confidence == DOCUMENT_DATE


def test_event_time_is_none_without_any_date(nlp):
    doc = annotate(nlp, "No group claimed the attack.", None)
    sentence, trigger = trigger_of(doc, "claimed")
    assert event_time(doc, sentence, trigger) is None


@pytest.mark.parametrize(
    ("start", "end", "historical"),
    [
        (date(2018, 1, 1), date(2018, 12, 31), True),  # "in 2018" in a 2020 article
        (date(2019, 12, 23), date(2019, 12, 29), False),  # "last week"
        (date(2019, 5, 1), date(2019, 5, 31), True),  # "in May"
        (date(2019, 7, 6), THURSDAY, False),  # "six months of tensions", up to now
    ],
)
def test_is_historical_marks_spans_ending_before_the_reporting_window(start, end, historical):
    assert is_historical(TimeSpan(start, end, "span"), THURSDAY) is historical


def test_nothing_is_historical_without_a_document_date():
    assert not is_historical(TimeSpan(date(1990, 1, 1), date(1990, 12, 31), "year"), None)


@pytest.mark.parametrize(
    "text",
    [
        "Militias fired rockets at the base on Wednesday in revenge for the raid on their camp.",
        "Crowds marched through the capital on Monday in protest over the arrest of the mayor.",
    ],
)
def test_a_recalled_cause_does_not_take_the_date_of_the_act_it_provoked(nlp, text):
    doc = annotate(nlp, text, THURSDAY)
    trigger_word = "raid" if "raid" in text else "arrest"
    sentence, trigger = trigger_of(doc, trigger_word)
    span, confidence = event_time(doc, sentence, trigger)
    assert span.text is None and span.start == THURSDAY
    assert confidence == DOCUMENT_DATE


def test_a_recalled_cause_keeps_a_date_of_its_own_phrase(nlp):
    text = "Militias fired rockets at the base on Wednesday in revenge for the raid on Sunday."
    doc = annotate(nlp, text, THURSDAY)
    sentence, trigger = trigger_of(doc, "raid")
    span, _ = event_time(doc, sentence, trigger)
    assert span.text == "Sunday"


def test_the_act_itself_still_takes_the_sentence_date(nlp):
    text = "Militias fired rockets at the base on Wednesday in revenge for the raid on their camp."
    doc = annotate(nlp, text, THURSDAY)
    sentence, trigger = trigger_of(doc, "fired")
    span, _ = event_time(doc, sentence, trigger)
    assert span.text == "Wednesday"


def test_an_event_that_followed_another_does_not_take_that_events_date(nlp):
    text = "The riots followed the arrest of the opposition leader on Monday."
    doc = annotate(nlp, text, THURSDAY)
    sentence, trigger = trigger_of(doc, "riots")
    span, confidence = event_time(doc, sentence, trigger)
    assert span.text is None and confidence == DOCUMENT_DATE
