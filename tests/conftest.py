"""Shared fixtures: the pipeline built once, the shared/ folder when present, a temp database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FLASHPOINT_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples" / "articles"


@pytest.fixture(scope="session")
def nlp():
    from flashpoint.nlp import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    path = shared_dir / "corpus" / "seeds"
    if not path.exists():
        pytest.skip("seed articles are not present")
    return path


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def pg_url() -> str:
    url = os.environ.get("FLASHPOINT_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL test server (set FLASHPOINT_TEST_PG_URL; .ci/run starts one)")
    return url
