"""The TimeBank scorer reads TimeML, anchors on the creation time and scores DATE expressions."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.evaluate.timebank import evaluate, parse
from flashpoint.exceptions import EvalError
from flashpoint.timex.calendar import timeml_value
from flashpoint.timex.recognize import find_timexes

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST-1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2020-01-02"
 functionInDocument="CREATION_TIME">January 2, 2020</TIMEX3></DCT>
<TEXT>
Militias shelled the port <TIMEX3 tid="t1" type="DATE" value="2019-12-31">Tuesday</TIMEX3> after
<TIMEX3 tid="t2" type="DURATION" value="P6M">six months</TIMEX3> of talks &amp; threats.
The truce of <TIMEX3 tid="t3" type="DATE" value="2018">2018</TIMEX3> collapsed
<TIMEX3 tid="t4" type="DATE" value="2019-W52">last week</TIMEX3>, and a second truce signed in
<TIMEX3 tid="t5" type="DATE" value="2019-05">May</TIMEX3> is
<TIMEX3 tid="t6" type="DATE" value="PRESENT_REF">now</TIMEX3> in doubt.
Talks resume <TIMEX3 tid="t7" type="DATE" value="2020-W03">the week after next</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    (tmp_path / "test.tml").write_text(TIMEML, encoding="utf-8")
    return tmp_path


def test_parse_strips_tags_and_keeps_offsets(gold_dir):
    document = parse(gold_dir / "test.tml")
    assert str(document.anchor) == "2020-01-02"
    for timex in document.timexes:
        assert document.text[timex.start : timex.end] == timex.text
    assert "talks & threats" in document.text
    assert [timex.kind for timex in document.timexes].count("DATE") == 6


def test_scores_date_expressions_only(gold_dir):
    metrics = evaluate(gold_dir).metrics
    # Six gold DATEs; all but "the week after next" are found with the right value.
    assert metrics["n_gold"] == 6
    assert metrics["span_recall"] == pytest.approx(5 / 6)
    assert metrics["span_precision"] == 1.0  # "six months" is a DURATION: not scored
    assert metrics["span_f1_strict"] == metrics["span_f1"]
    assert metrics["value_accuracy"] == 1.0
    assert metrics["value_f1"] == pytest.approx(2 * (5 / 6) / (1 + 5 / 6))


def test_missing_gold_folder_is_an_eval_error(tmp_path):
    with pytest.raises(EvalError, match="no TimeML"):
        evaluate(tmp_path / "absent")


def test_file_without_text_element_is_an_eval_error(tmp_path):
    (tmp_path / "bad.tml").write_text("<TimeML><DOCID>x</DOCID></TimeML>", encoding="utf-8")
    with pytest.raises(EvalError, match="bad.tml"):
        evaluate(tmp_path)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("on March 3, 2020", "2020-03-03"),
        ("in the week of 2020-01-06 or next week", "2020-W02"),
        ("in the spring of 2019", "2019-SP"),
        ("in the fourth quarter of 2019", "2019-Q4"),
        ("in the 1990s", "199"),
        ("in the twentieth century", "19"),
        ("in June 2019", "2019-06"),
    ],
)
def test_timespans_render_as_timeml_values(text, value):
    from datetime import date

    rendered = [timeml_value(t.span) for t in find_timexes(text, date(2020, 1, 2)) if t.span]
    assert value in rendered


def test_timebank_reaches_its_targets(shared_dir):
    path = shared_dir / "eval" / "timebank"
    if not path.exists():
        pytest.skip("TimeBank is not present")
    metrics = evaluate(path).metrics
    assert metrics["value_accuracy"] >= 0.85
    assert metrics["span_f1"] >= 0.85
