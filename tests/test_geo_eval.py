"""The geoparsing scorer on a tiny gold file in the LGL / TR-News layout, written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.evaluate.geo import evaluate, haversine_km, read_articles, score
from flashpoint.exceptions import EvalError
from flashpoint.model import Place

GOLD = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="a1">
    <text><![CDATA[Rockets struck Kirkuk on Monday. Officials in Baghdad condemned it.]]></text>
    <toponyms>
      <toponym><start>15</start><end>21</end><phrase>Kirkuk</phrase>
        <gaztag geonameid="94787"><name>Kirkuk</name><lat>35.46806</lat><lon>44.39222</lon>
        </gaztag></toponym>
      <toponym><start>46</start><end>53</end><phrase>Baghdad</phrase>
        <gaztag geonameid="98182"><name>Baghdad</name><lat>33.34058</lat><lon>44.40088</lon>
        </gaztag></toponym>
    </toponyms>
  </article>
  <article docid="a2">
    <text><![CDATA[Floods closed roads around Springfield, Illinois, and Nowhereville.]]></text>
    <toponyms>
      <toponym><start>27</start><end>38</end><phrase>Springfield</phrase>
        <gaztag geonameid="4250542"><name>Springfield</name><lat>39.80172</lat><lon>-89.64371</lon>
        </gaztag></toponym>
      <toponym><start>40</start><end>48</end><phrase>Illinois</phrase>
        <gaztag geonameid="4896861"><name>Illinois</name><lat>40.00032</lat><lon>-89.25037</lon>
        </gaztag></toponym>
      <toponym><start>54</start><end>66</end><phrase>Nowhereville</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.xml"
    path.write_text(GOLD, encoding="utf-8")
    return path


def test_reader_keeps_offsets_and_skips_nothing(gold):
    articles = read_articles(gold)
    assert [a.id for a in articles] == ["a1", "a2"]
    first = articles[0].toponyms[0]
    assert articles[0].text[first.start : first.end] == "Kirkuk"
    assert articles[1].toponyms[2].lat is None


def test_drifted_gold_offsets_are_moved_onto_their_phrase(tmp_path):
    path = tmp_path / "drift.xml"
    path.write_text(
        GOLD.replace("<start>15</start><end>21</end>", "<start>13</start><end>19</end>")
    )
    top = read_articles(path)[0].toponyms[0]
    assert (top.start, top.end) == (15, 21)


def test_distance_is_great_circle_km():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.2)
    assert haversine_km(33.34, 44.40, 33.34, 44.40) == 0


def test_score_separates_recognition_from_resolution(gold):
    articles = read_articles(gold)
    kirkuk = Place("Kirkuk", "IRQ", lat=35.47, lon=44.39, geonameid=94787, start=15, end=21)
    # Baghdad found but placed in Basra (~450 km off); one spurious place.
    baghdad = Place("Baghdad", "IRQ", lat=30.5, lon=47.8, start=46, end=53)
    spurious = Place("Monday", "LBR", lat=6.3, lon=-10.8, start=25, end=31)
    springfield = Place(
        "Springfield", "USA", lat=39.8, lon=-89.64, geonameid=4250542, start=27, end=38
    )
    metrics = score(articles, [[kirkuk, baghdad, spurious], [springfield]])
    assert metrics["n_gold"] == 4  # Nowhereville has no coordinates
    assert metrics["recall"] == 0.75
    assert metrics["precision"] == 0.75
    assert metrics["acc_161km"] == 0.5
    assert metrics["acc_161km_resolved"] == pytest.approx(2 / 3, abs=1e-4)
    assert metrics["exact_match"] == pytest.approx(2 / 3, abs=1e-4)


def _turkish_jets(tmp_path: Path, text: str) -> Path:
    """One article whose gold tags "Turkish" (as Turkey) and "Qamishli"."""
    path = tmp_path / "demonym.xml"
    toponyms = "".join(
        f"<toponym><start>{start}</start><end>{end}</end><phrase>{text[start:end]}</phrase>"
        f'<gaztag geonameid="1"><lat>{lat}</lat><lon>{lon}</lon></gaztag></toponym>'
        for start, end, lat, lon in [(0, 7, 39.0, 35.0), (20, 28, 37.05, 41.22)]
    )
    path.write_text(
        f'<articles><article docid="x"><text>{text}</text><toponyms>{toponyms}'
        "</toponyms></article></articles>"
    )
    return path


QAMISHLI = Place("Qamishli", "SYR", lat=37.05, lon=41.22, start=20, end=28)


def test_recall_without_demonyms_leaves_gold_nationality_words_out(tmp_path):
    path = _turkish_jets(tmp_path, "Turkish jets struck Qamishli.")
    metrics = score(read_articles(path), [[QAMISHLI]])
    assert metrics["recall"] == 0.5
    assert metrics["recall_no_demonyms"] == 1.0


def test_country_references_count_toward_accuracy_but_not_place_precision(tmp_path):
    path = _turkish_jets(tmp_path, "Turkish jets struck Qamishli. French diplomats objected.")
    turkey = Place("Turkey", "TUR", lat=39.0, lon=35.0, feature="country", start=0, end=7)
    # "French" is not in this gold: a spurious country reference
    france = Place("France", "FRA", lat=46.0, lon=2.0, feature="country", start=30, end=36)
    metrics = score(read_articles(path), [[QAMISHLI]], [[turkey, france]])
    assert metrics["acc_161km"] == 1.0
    assert metrics["acc_161km_places_only"] == 0.5
    assert metrics["precision"] == 1.0
    assert metrics["precision_country_refs"] == 0.5
    assert metrics["precision_all"] == pytest.approx(2 / 3, abs=1e-4)


@pytest.mark.parametrize(
    ("content", "problem"),
    [("<articles>", "not well-formed"), ("<articles></articles>", "no <article>")],
)
def test_bad_gold_files_raise_eval_errors(tmp_path, content, problem):
    path = tmp_path / "bad.xml"
    path.write_text(content)
    with pytest.raises(EvalError, match=problem):
        read_articles(path)


def test_missing_gold_file_is_an_eval_error(tmp_path):
    with pytest.raises(EvalError, match="not found"):
        read_articles(tmp_path / "none.xml")


@pytest.mark.slow
def test_evaluate_runs_recogniser_and_resolver_over_the_texts(gold):
    report = evaluate(gold)
    metrics = report.metrics
    assert metrics["n_gold"] == 4
    assert metrics["recall"] >= 0.75
    assert metrics["acc_161km_resolved"] == 1.0
    assert metrics["acc_161km_gold_spans"] >= 0.75  # the resolver alone, on the gold spans
    assert "acc_161km" in report.render()
    # One article per half: the even half holds Kirkuk and Baghdad.
    assert metrics["even_acc_161km_resolved"] == 1.0
    assert "odd_recall" in metrics


@pytest.mark.slow
def test_report_carries_exact_match_median_error_and_every_figure_per_half(gold):
    metrics = evaluate(gold).metrics
    assert 0.0 <= metrics["exact_match"] <= 1.0
    assert metrics["median_km"] < 161
    figures = ("acc_161km_resolved", "acc_161km", "recall", "precision", "exact_match", "median_km")
    for half in ("even", "odd"):
        assert all(f"{half}_{figure}" in metrics for figure in figures)


@pytest.mark.parametrize(
    ("tags", "outlet"),
    [
        ("<domain>www.thetowntalk.example</domain>", "thetowntalk.example"),
        ("<url>http://www.cnn.example/2015/01/02/us/story.html</url>", "cnn.example"),
        ("", None),
    ],
)
def test_reader_takes_the_outlet_from_the_domain_or_url(tmp_path, tags, outlet):
    path = tmp_path / "outlet.xml"
    path.write_text(GOLD.replace('<article docid="a1">', f'<article docid="a1">{tags}'), "utf-8")
    assert read_articles(path)[0].outlet == outlet
