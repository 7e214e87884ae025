"""Data tables parsed once: a YAML file's parsed form is cached by the hash of its content.

Every start of `flashpoint` reads the same hand-edited YAML tables; parsing them costs far more
than reading back their pickled form. The cache entry is named after the file's path and keyed by
the SHA-256 of its bytes, so an edited file is parsed again and the old entry replaced. The cache
is only ever an accelerator: an entry that is missing, corrupt or from another format, and a cache
folder that cannot be written, all fall back silently to parsing the file.

The cache folder (shared with the gazetteer and the actor index) is `FLASHPOINT_CACHE`, else
`$XDG_CACHE_HOME/flashpoint`, else `~/.cache/flashpoint`.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

# Bump when the form of the cached entries changes.
FORMAT = b"tables-1"


def cache_dir() -> Path:
    """The folder for flashpoint's derived files; nothing in it is needed, all of it is rebuilt."""
    root = os.environ.get("FLASHPOINT_CACHE")
    if root:
        return Path(root)
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "flashpoint"
    try:
        return Path.home() / ".cache" / "flashpoint"
    except RuntimeError:  # no home directory: the system temp folder still works
        import tempfile

        return Path(tempfile.gettempdir()) / "flashpoint-cache"


def _entry_name(path: Path) -> str:
    # The path's own hash keeps two files of one name (a data file and an overlay, or two
    # checkouts) from evicting each other's entries.
    where = hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:10]
    return f"table-{path.stem}-{where}"


def parse_yaml(text: str | bytes) -> Any:
    """YAML's safe subset, with the C parser when PyYAML was built with it."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


def load_yaml(path: Path) -> Any:
    """The parsed content of a YAML file, from the cache when the file is unchanged.

    Raises what reading and parsing the file raise (OSError, yaml.YAMLError), never a cache error.
    """
    path = Path(path)
    raw = path.read_bytes()
    key = hashlib.sha256(FORMAT + raw).hexdigest()
    folder = cache_dir()
    name = _entry_name(path)
    entry = folder / f"{name}-{key[:16]}.pickle"
    found = _read_entry(entry, key)
    if found is not None:
        return found[0]
    data = parse_yaml(raw)
    _write_entry(folder, name, entry, key, data)
    return data


def _read_entry(entry: Path, key: str) -> tuple[Any] | None:
    try:
        stored_key, data = pickle.loads(entry.read_bytes())
    except Exception:  # a missing, truncated or foreign file is a miss, whatever it raises
        return None
    return (data,) if stored_key == key else None


def _write_entry(folder: Path, name: str, entry: Path, key: str, data: Any) -> None:
    try:
        payload = pickle.dumps((key, data), protocol=pickle.HIGHEST_PROTOCOL)
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob(f"{name}-*.pickle"):
            stale.unlink(missing_ok=True)
        # Written aside and renamed: a reader never sees half a file.
        temporary = entry.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(payload)
        temporary.replace(entry)
    except (OSError, pickle.PicklingError, TypeError, ValueError, RecursionError):
        pass
