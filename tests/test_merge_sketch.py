"""datasketch without SciPy's integrators: the same banding and the same copies, found faster."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from flashpoint.merge import sketch


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FLASHPOINT_CACHE", str(tmp_path))
    sketch.lsh_params.cache_clear()
    yield tmp_path
    sketch.lsh_params.cache_clear()


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7, 0.85])
@pytest.mark.parametrize("num_perm", [64, 128])
def test_banding_is_datasketchs_own_choice(cache, threshold, num_perm) -> None:
    from datasketch.lsh import _optimal_param

    assert sketch.lsh_params(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5)


def test_known_banding_comes_from_the_cache(cache, monkeypatch) -> None:
    first = sketch.lsh_params(0.7, 128)
    sketch.lsh_params.cache_clear()

    def refuse():
        raise AssertionError("recomputed although the cache holds it")

    monkeypatch.setattr(sketch, "datasketch", refuse)
    assert sketch.lsh_params(0.7, 128) == first


@pytest.mark.parametrize("content", ["", "not json", "[1]", '["a", "b"]', "[1000, 1000]"])
def test_a_bad_cache_entry_is_computed_again(cache, content) -> None:
    expected = sketch.lsh_params(0.7, 128)
    [entry] = cache.glob("lsh-*.json")
    entry.write_text(content, encoding="utf-8")
    sketch.lsh_params.cache_clear()
    assert sketch.lsh_params(0.7, 128) == expected
    assert json.loads(entry.read_text(encoding="utf-8")) == list(expected)


# Finds the copies among three articles in a fresh interpreter; reports what SciPy it imported.
_PROBE = """
import json, sys
from flashpoint.merge import near_duplicates
from flashpoint.model import Document
wire = " ".join(f"word{n} of the wire story about the strike" for n in range(60))
documents = [
    Document(id="a", text=wire),
    Document(id="b", text=wire + " Staff contributed."),
    Document(id="c", text="An unrelated report on the harvest in the north, " * 20),
]
found = near_duplicates(documents)
print(json.dumps([found, "scipy.integrate" in sys.modules]))
"""


def test_copies_are_found_without_importing_the_integrators(cache) -> None:
    def probe() -> tuple[dict, bool]:
        done = subprocess.run(
            [sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=120, check=True
        )
        return tuple(json.loads(done.stdout.strip().splitlines()[-1]))

    first, _ = probe()  # the first run may compute (and store) the banding
    found, integrators = probe()
    assert found == first == {"a": "a", "b": "a", "c": "c"}
    assert not integrators


def test_scipy_integrate_imported_later_is_the_real_one() -> None:
    sketch.datasketch()
    from scipy.integrate import quad

    assert quad.__module__.startswith("scipy.integrate")
