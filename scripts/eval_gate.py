"""CI quality gate: run every eval named in baseline.json and fail if a figure drops below its pin
(or, for a figure where lower is better, rises above its ceiling).

Pins only go up and ceilings only down: `--raise-pins` rewrites the file with max(pin, measured)
(min for ceilings) for every figure.
Gold sets under ../shared are skipped (with a note) where shared/ is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "baseline.json"


def resolve(path: str, shared: Path) -> Path:
    if path.startswith("repo:"):
        return ROOT / path.removeprefix("repo:")
    return shared / path


def measure(command: str, gold: Path) -> dict[str, float]:
    exe = Path(sys.executable).parent / "flashpoint"
    result = subprocess.run(
        [str(exe), "eval", command, str(gold), "--json"], capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"eval {command} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def check(
    name: str, entry: dict, figures: dict[str, float], report: bool, raise_pins: bool
) -> list[str]:
    """Names of the figures of one entry that fail; with `raise_pins`, move passing pins
    to the measured figure (floors up, ceilings down: lower-is-better shares of wrong events)."""
    failures = []
    for kind, better in (("floors", 1), ("ceilings", -1)):
        for metric, pin in (entry.get(kind) or {}).items():
            value = figures.get(metric)
            ok = value is not None and better * (value - pin) >= -1e-9
            if report or not ok:
                word = "pin" if better == 1 else "ceiling"
                print(f"{'ok  ' if ok else 'FAIL'} {name}.{metric}: {value} ({word} {pin})")
            if not ok:
                failures.append(f"{name}.{metric}")
            elif raise_pins and better * (value - pin) > 0:
                entry[kind][metric] = round(value - better * 0.0005, 3)
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--report", action="store_true", help="print every figure")
    parser.add_argument("--raise-pins", action="store_true", help="raise pins to measured figures")
    parser.add_argument("--only", help="run only this baseline entry")
    args = parser.parse_args()

    baseline = json.loads(BASELINE.read_text())
    failures: list[str] = []
    for name, entry in baseline.items():
        if args.only and name != args.only:
            continue
        gold = resolve(entry["gold"], args.shared)
        if not gold.exists():
            print(f"skip {name}: {gold} not found")
            continue
        figures = measure(entry["command"], gold)
        failures += check(name, entry, figures, args.report, args.raise_pins)
    if args.raise_pins:
        BASELINE.write_text(json.dumps(baseline, indent=2) + "\n")
    if failures:
        print(f"quality gate failed: {', '.join(failures)}")
        return 1
    print(f"quality gate passed ({len(baseline)} gold sets)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
