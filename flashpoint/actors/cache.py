"""Load the knowledge base and its match index once, from a pickle cache when the data is unchanged.

Parsing 26,000 imported entries and normalising 60,000 aliases takes a couple of seconds; the
pickled result loads in a fraction of that. The cache key covers every data and overlay file (name,
size, modification time) and a format version, so editing a YAML file rebuilds it. A cache folder
that cannot be written is not an error: the index is simply rebuilt next time.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from functools import cache
from pathlib import Path

from ..tables import cache_dir
from . import kb as kb_module
from . import matcher

FORMAT = "6"


def fingerprint(folders: list[Path]) -> str:
    digest = hashlib.sha1(FORMAT.encode())
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.suffix != ".pyc":
                stat = path.stat()
                digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


@cache
def load() -> tuple[kb_module.KnowledgeBase, matcher.Index]:
    # The code folder too: a change to normalisation or the index format must rebuild the cache.
    folders = [kb_module.DATA_DIR, kb_module.overlay_dir(), Path(__file__).resolve().parent]
    # Named after the folders too, so that two installs sharing a cache keep one entry each.
    where = hashlib.sha1("|".join(map(str, folders)).encode()).hexdigest()[:10]
    path = cache_dir() / f"actors-{where}-{fingerprint(folders)}.pickle"
    # Unpickling creates ~100,000 objects; pausing the cyclic GC meanwhile halves the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    finally:
        if collecting:
            gc.enable()
    built = kb_module.build([kb_module.overlay_dir()])
    result = (built, matcher.Index(built))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f"actors-{where}-*.pickle"):
            stale.unlink(missing_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    except OSError:
        pass
    return result
