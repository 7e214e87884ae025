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
