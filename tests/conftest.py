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


@pytest.fixture
def fresh_pg_url(pg_url: str):
    """A schema of its own on the PostgreSQL test server, so runs never see each other's rows;
    dropped afterwards."""
    import uuid

    from sqlalchemy import create_engine, text

    schema = f"fp_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg_url)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in pg_url else "?"
    yield f"{pg_url}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture(scope="module")
def small_batches():
    """One document per spaCy batch, for the engine tests (see engine_testdata.py)."""
    from engine_testdata import SMALL_BATCHES

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FLASHPOINT_BATCH_SIZE", SMALL_BATCHES)
        yield


@pytest.fixture(scope="module")
def one_process(small_batches, tmp_path_factory) -> list[str]:
    """What a plain one-process run stores from the examples, as records."""
    from engine_testdata import one_process_records

    return one_process_records(tmp_path_factory.mktemp("plain"))
