"""The committed Phoenix import is exactly what scripts/convert_phoenix.py makes from shared/."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from flashpoint.actors.normalize import alias_key

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "flashpoint" / "data" / "actors" / "phoenix.json"


def load_converter():
    spec = importlib.util.spec_from_file_location(
        "convert_phoenix", ROOT / "scripts" / "convert_phoenix.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_phoenix_data_matches_a_fresh_conversion(shared_dir: Path) -> None:
    converter = load_converter()
    fresh = converter.convert(shared_dir / "reference" / "phoenix", converter.known_countries())
    assert converter.dumps(fresh) == COMMITTED.read_text(encoding="utf-8")


def test_phoenix_data_keeps_the_mit_notice_and_stays_small() -> None:
    data = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert "MIT License" in data["notice"] and "Open Event Data Alliance" in data["notice"]
    assert COMMITTED.stat().st_size < 4_000_000
    assert len(data["entries"]) > 10_000


def test_imported_aliases_are_never_single_ordinary_words() -> None:
    data = json.loads(COMMITTED.read_text(encoding="utf-8"))
    for _id, _name, _type, aliases, _codes in data["entries"]:
        for alias in aliases:
            assert len(alias_key(alias)[0]) >= 2 or alias.isupper(), alias
