"""datasketch, imported without SciPy's integrators, and its LSH banding remembered on disk.

datasketch imports `scipy.integrate` when it is imported, for one use: choosing the LSH banding
(bands x rows) for a threshold by integrating the false positive and false negative rates. That
import alone takes longer than merging a small run. Here datasketch is imported with a stand-in
for `scipy.integrate` whose `quad` imports the real one on its first call, and the banding it
chooses for a (threshold, permutations) pair is kept in the cache folder, so that a run whose
banding is known never imports the integrators. The banding is always datasketch's own choice:
the stand-in only changes when SciPy is imported, and a missing or unreadable entry recomputes it.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import types
from functools import cache
from typing import TYPE_CHECKING

from ..tables import cache_dir

if TYPE_CHECKING:
    from types import ModuleType

_LOCK = threading.Lock()
_INTEGRATE = "scipy.integrate"


def _quad(*args, **kwargs):
    from scipy.integrate import quad

    return quad(*args, **kwargs)


@cache
def datasketch() -> ModuleType:
    """The datasketch package, imported once."""
    with _LOCK:
        if "datasketch" in sys.modules or _INTEGRATE in sys.modules:
            import datasketch as module

            return module
        stand_in = types.ModuleType(_INTEGRATE)
        stand_in.quad = _quad  # type: ignore[attr-defined]
        sys.modules[_INTEGRATE] = stand_in
        try:
            import datasketch as module
        finally:
            # Whoever imports scipy.integrate from now on gets the real one.
            if sys.modules.get(_INTEGRATE) is stand_in:
                del sys.modules[_INTEGRATE]
        return module


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("datasketch")
    except PackageNotFoundError:
        return "unknown"


@cache
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) that datasketch's MinHashLSH chooses for a threshold, from the cache."""
    entry = cache_dir() / f"lsh-{_version()}-{threshold!r}-{num_perm}.json"
    try:
        bands, rows = json.loads(entry.read_text(encoding="utf-8"))
        if isinstance(bands, int) and isinstance(rows, int) and bands * rows <= num_perm:
            return bands, rows
    except Exception:  # missing, unreadable or malformed: computed again below
        pass
    lsh = datasketch().MinHashLSH(threshold=threshold, num_perm=num_perm)
    params = (lsh.b, lsh.r)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(params), encoding="utf-8")
        temporary.replace(entry)
    except OSError:
        pass
    return params
