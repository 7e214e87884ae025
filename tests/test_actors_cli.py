"""`flashpoint actors`, `flashpoint actors show` and `flashpoint kb add`."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from flashpoint.actors.commands import register
from flashpoint.exceptions import KnowledgeBaseError


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test root."""

    register(app)
    return app


def test_actors_search_lists_matching_entries(app) -> None:
    result = CliRunner().invoke(app, ["actors", "hezbollah"])
    assert result.exit_code == 0
    assert "org/kataib-hezbollah" in result.output
    assert "org/hezbollah" in result.output


def test_actors_show_prints_aliases_roles_and_relations(app) -> None:
    result = CliRunner().invoke(app, ["actors", "show", "org/kataib-hezbollah"])
    assert result.exit_code == 0
    assert "Kata'ib Hezbollah" in result.output
    assert "designated_by USA [FTO] since 2009-07-02" in result.output
    person = CliRunner().invoke(app, ["actors", "show", "person/mike-pompeo"])
    assert "foreign_minister USA (2018-04-26 to 2021-01-20)" in person.output


def test_actors_show_unknown_id_is_a_clear_error(app) -> None:
    result = CliRunner().invoke(app, ["actors", "show", "org/nope"])
    assert isinstance(result.exception, KnowledgeBaseError)
    assert "no entry 'org/nope'" in str(result.exception)


def test_kb_add_validates_and_copies_into_the_overlay(app, tmp_path: Path, monkeypatch) -> None:
    overlay = tmp_path / "overlay"
    monkeypatch.setenv("FLASHPOINT_KB_OVERLAY", str(overlay))
    good = tmp_path / "extra.yaml"
    good.write_text("- {id: org/river-guard, name: River Guard, country: COL, sector: REB}\n")
    result = CliRunner().invoke(app, ["kb", "add", str(good)])
    assert result.exit_code == 0, result.output
    assert (overlay / "extra.yaml").read_text() == good.read_text()


def test_kb_add_rejects_bad_entries_naming_file_and_entry(app, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FLASHPOINT_KB_OVERLAY", str(tmp_path / "overlay"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: org/x, name: X, country: ZZZ}\n")
    result = CliRunner().invoke(app, ["kb", "add", str(bad)])
    assert isinstance(result.exception, KnowledgeBaseError)
    assert str(bad) in str(result.exception) and "org/x" in str(result.exception)
    assert not (tmp_path / "overlay").exists()


def test_kb_add_rejects_links_to_unknown_entries(app, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FLASHPOINT_KB_OVERLAY", str(tmp_path / "overlay"))
    bad = tmp_path / "links.yaml"
    bad.write_text(
        "- {id: org/new-brigade, name: New Brigade, part_of: [{id: org/hezbollah}]}\n"
        "- {id: org/other, name: Other Brigade, backed_by: [{id: org/does-not-exist}]}\n"
    )
    result = CliRunner().invoke(app, ["kb", "add", str(bad)])
    assert isinstance(result.exception, KnowledgeBaseError)
    assert "org/other" in str(result.exception) and "org/does-not-exist" in str(result.exception)
