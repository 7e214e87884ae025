from __future__ import annotations

import pytest

from flashpoint import config
from flashpoint.exceptions import ConfigError


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FLASHPOINT_DB", raising=False)
    monkeypatch.delenv("FLASHPOINT_CONFIG", raising=False)
    config._file_values.cache_clear()
    yield
    config._file_values.cache_clear()


def test_default_database_is_a_sqlite_file_in_the_working_directory():
    assert config.db_url() == "sqlite:///flashpoint.db"


def test_environment_overrides_the_settings_file(monkeypatch, tmp_path):
    (tmp_path / "flashpoint.toml").write_text('[flashpoint]\ndb = "from-file.db"\n')
    assert config.db_url() == "sqlite:///from-file.db"
    monkeypatch.setenv("FLASHPOINT_DB", "postgresql+psycopg://u@h/db")
    assert config.db_url() == "postgresql+psycopg://u@h/db"


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("events.db", "sqlite:///events.db"),
        ("/tmp/x/events.db", "sqlite:////tmp/x/events.db"),
        ("sqlite:///a.db", "sqlite:///a.db"),
    ],
)
def test_a_bare_path_becomes_a_sqlite_url(given, url):
    assert config.db_url(given) == url


def test_unknown_setting_in_the_file_is_named(tmp_path):
    (tmp_path / "flashpoint.toml").write_text('[flashpoint]\ndatabase = "x"\n')
    with pytest.raises(ConfigError, match="unknown settings: database"):
        config.get("db")


def test_unreadable_settings_file_names_the_file(tmp_path):
    (tmp_path / "flashpoint.toml").write_text("[flashpoint\n")
    with pytest.raises(ConfigError, match="flashpoint.toml"):
        config.get("db")
