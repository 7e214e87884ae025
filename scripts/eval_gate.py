"""CI quality gate: run every eval named in baseline.json and fail if a figure drops below its pin
(or, for a figure where lower is better, rises above its ceiling).

Pins only go up and ceilings only down: `--raise-pins` rewrites the file with max(pin, measured) for every figure.
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
        for metric, pin in entry["floors"].items():
            value = figures.get(metric)
            ok = value is not None and value + 1e-9 >= pin
            if args.report or not ok:
                print(f"{'ok  ' if ok else 'FAIL'} {name}.{metric}: {value} (pin {pin})")
            if not ok:
                failures.append(f"{name}.{metric}")
            elif args.raise_pins and value > pin:
                entry["floors"][metric] = round(value - 0.0005, 3)
        # figures where lower is better (a share of wrong events) have ceilings that only go down
        for metric, pin in (entry.get("ceilings") or {}).items():
            value = figures.get(metric)
            ok = value is not None and value - 1e-9 <= pin
            if args.report or not ok:
                print(f"{'ok  ' if ok else 'FAIL'} {name}.{metric}: {value} (ceiling {pin})")
            if not ok:
                failures.append(f"{name}.{metric}")
            elif args.raise_pins and value < pin:
                entry["ceilings"][metric] = round(value + 0.0005, 3)
    if args.raise_pins:
        BASELINE.write_text(json.dumps(baseline, indent=2) + "\n")
    if failures:
        print(f"quality gate failed: {', '.join(failures)}")
        return 1
    print(f"quality gate passed ({len(baseline)} gold sets)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
