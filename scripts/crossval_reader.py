"""Out-of-fold figures on the PLOVER GSR and CASE 2021 dev halves for a reader that trains on them.

    .venv/bin/python scripts/crossval_reader.py --folds 2 [train_reader.py options]

For each fold: train a reader on our corpus plus the dev halves' other folds
(`train_reader.py --gold-folds K --gold-fold i`), then score the whole pipeline with that reader
on the held-out fold alone (`flashpoint eval plover-gsr` / `case2021` on a file of that fold's
rows). Figures are pooled over folds, weighted by the rows each fold scores, so every sentence is
scored by a model that never saw it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reader_data import ROOT, Example, fold_of  # noqa: E402

GSR = "eval/plover_gsr/PLOVER_GSR_CAMEO.dev.json"
CASE = "eval/case2021/task2.dev.tsv"


def gsr_fold(shared: Path, folds: int, fold: int, out: Path) -> Path:
    records = json.loads((shared / GSR).read_text(encoding="utf-8"))
    kept = []
    for record in records:
        text = str(record.get("text") or "").strip().strip("{}").strip()
        if text and fold_of(Example(text, [], "gsr", group=text), folds) == fold:
            kept.append(record)
    path = out / "gsr.json"
    path.write_text(json.dumps(kept), encoding="utf-8")
    return path


def case_fold(shared: Path, folds: int, fold: int, out: Path) -> Path:
    lines = (shared / CASE).read_text(encoding="utf-8").splitlines()
    kept = [lines[0]]
    for line in lines[1:]:
        row_id = line.split("\t", 1)[0]
        if fold_of(Example("", [], "case", group=f"case-{row_id}"), folds) == fold:
            kept.append(line)
    (out / "case").mkdir(exist_ok=True)
    shutil.copy(shared / "eval/case2021/event_types.txt", out / "case" / "event_types.txt")
    path = out / "case" / "task2.tsv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def score(command: str, gold: Path, model: Path) -> dict:
    exe = Path(sys.executable).parent / "flashpoint"
    env = os.environ | {"FLASHPOINT_READER": str(model)}
    result = subprocess.run(
        [str(exe), "eval", command, str(gold), "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def pooled(parts: list[dict], weight_key: str) -> dict:
    total = sum(p[weight_key] for p in parts)
    keys = [k for k, v in parts[0].items() if isinstance(v, float)]
    out = {k: round(sum(p[k] * p[weight_key] for p in parts) / total, 4) for k in keys}
    return out | {weight_key: total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "fp-folds")
    args, passthrough = parser.parse_known_args()
    gsr_parts, case_parts = [], []
    for fold in range(args.folds):
        folder = args.work / f"fold{fold}"
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / "reader.onnx").exists():
            subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "scripts/train_reader.py"),
                    "--gold-folds",
                    str(args.folds),
                    "--gold-fold",
                    str(fold),
                    "--out",
                    str(folder),
                    "--shared",
                    str(args.shared),
                    *passthrough,
                ],
                check=True,
            )
        gsr_parts.append(
            score("plover-gsr", gsr_fold(args.shared, args.folds, fold, folder), folder)
        )
        case_parts.append(
            score("case2021", case_fold(args.shared, args.folds, fold, folder), folder)
        )
        print(f"fold {fold}: gsr {gsr_parts[-1]}\n        case {case_parts[-1]}", flush=True)
    print("out of fold, PLOVER GSR:", json.dumps(pooled(gsr_parts, "n")))
    case = pooled(case_parts, "n") | {
        "disaster_conflict_share": pooled(case_parts, "n_disaster")["disaster_conflict_share"]
    }
    print("out of fold, CASE 2021:", json.dumps(case))


if __name__ == "__main__":
    main()
