"""The quality gate: floors only go up, ceilings (lower-is-better figures) only go down."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "eval_gate.py"


@pytest.fixture(scope="module")
def gate():
    spec = importlib.util.spec_from_file_location("eval_gate", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("figures", "failed"),
    [
        ({"type_accuracy": 0.9, "disaster_conflict_share": 0.01}, []),
        ({"type_accuracy": 0.7, "disaster_conflict_share": 0.01}, ["x.type_accuracy"]),
        ({"type_accuracy": 0.9, "disaster_conflict_share": 0.2}, ["x.disaster_conflict_share"]),
        ({"disaster_conflict_share": 0.01}, ["x.type_accuracy"]),
    ],
)
def test_a_figure_fails_below_its_floor_or_above_its_ceiling(gate, figures, failed):
    entry = {"floors": {"type_accuracy": 0.8}, "ceilings": {"disaster_conflict_share": 0.05}}
    assert gate.check("x", entry, figures, report=False, raise_pins=False) == failed


def test_raising_pins_moves_floors_up_and_ceilings_down_only(gate):
    entry = {"floors": {"a": 0.8, "b": 0.5}, "ceilings": {"c": 0.05}}
    gate.check("x", entry, {"a": 0.9, "b": 0.5, "c": 0.02}, report=False, raise_pins=True)
    assert entry == {"floors": {"a": 0.9, "b": 0.5}, "ceilings": {"c": 0.021}}
