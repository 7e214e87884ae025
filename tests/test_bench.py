"""The benchmark reports ratios and shares; it asserts nothing about speed (machines are noisy)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flashpoint.cli import app

pytestmark = pytest.mark.slow


def test_bench_reports_ratios_against_bare_spacy_and_component_shares(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Strike on depot\n\nKYIV, May 3, 2024 — Russian drones hit a fuel depot on Friday, "
        "killing two workers, officials said.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["bench", str(tmp_path), "--rounds", "1", "--repeat", "1", "--json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["articles"] == 1
    assert figures["pipeline_ratio"] > 0
    assert figures["run_ratio"] > 0
    shares = {key: value for key, value in figures.items() if key.startswith("share_fp_")}
    assert set(shares) >= {
        "share_fp_actors",
        "share_fp_timex",
        "share_fp_places",
        "share_fp_events",
    }
    shares = list(shares.values())
    assert 0 < sum(shares) < 1


STARTUP_FIGURES = {
    "repeats",
    "run_s",
    "models_s",
    "overhead_s",
    "phase_imports_s",
    "phase_data_s",
    "phase_models_s",
    "phase_store_s",
    "phase_run_s",
    "short_articles",
    "short_run_s",
    "short_spacy_s",
    "short_ratio",
}


def test_bench_startup_reports_cold_start_by_phase_and_short_article_throughput() -> None:
    result = CliRunner().invoke(app, ["bench", "--startup", "--repeat", "1", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(figures) == STARTUP_FIGURES
    assert figures["repeats"] == 1
    assert figures["short_articles"] == 30
    for name in STARTUP_FIGURES - {"repeats", "short_articles", "overhead_s"}:
        assert figures[name] > 0, name
    # Each figure is rounded on its own: the difference of the rounded ones may be off by 0.001.
    overhead = figures["run_s"] - figures["models_s"]
    assert figures["overhead_s"] == pytest.approx(overhead, abs=0.0015)


def test_bench_startup_table_names_every_phase() -> None:
    from flashpoint.startup import PHASES, StartupResult, render

    result = StartupResult(
        repeats=3,
        run_s=1.5,
        models_s=1.1,
        phases_s=dict.fromkeys(PHASES, 0.1),
        articles=30,
        articles_run_s=4.0,
        articles_spacy_s=3.0,
    )
    text = "\n".join(render(result))
    for label in ("run, whole process", "models alone", "overhead", "imports", "store"):
        assert label in text
    assert "0.400 s" in text  # the overhead: run minus models
    assert "ratio 0.75" in text


def test_short_articles_are_distinct_leading_paragraphs_of_the_examples(tmp_path: Path) -> None:
    from flashpoint.startup import short_articles

    assert short_articles(tmp_path, count=30) == 30
    texts = [path.read_text(encoding="utf-8") for path in sorted(tmp_path.glob("*.txt"))]
    assert len(set(texts)) == 30
    assert all(0 < len(text) < 2000 for text in texts)
    # Named short-<order>-<example>-<paragraph>: every example gives its first paragraph before
    # any gives its second.
    ranks = [int(path.stem.split("-")[-1]) for path in sorted(tmp_path.glob("*.txt"))]
    assert ranks == sorted(ranks) and ranks[0] == 0


def test_bench_without_articles_or_startup_is_a_clear_error() -> None:
    from flashpoint.exceptions import InputError

    result = CliRunner().invoke(app, ["bench"])
    assert isinstance(result.exception, InputError)
    assert "--startup" in str(result.exception)


def test_tagged_sets_of_short_articles_are_new_documents_to_one_database(tmp_path: Path) -> None:
    from flashpoint.startup import short_articles

    names = []
    for tag in ("r0", "r1"):
        (tmp_path / tag).mkdir()
        short_articles(tmp_path / tag, count=5, tag=tag)
        names.append({path.name for path in (tmp_path / tag).glob("*.txt")})
        assert all(f"[{tag}]" in path.read_text("utf-8") for path in (tmp_path / tag).iterdir())
    assert len(names[0]) == len(names[1]) == 5 and not names[0] & names[1]
