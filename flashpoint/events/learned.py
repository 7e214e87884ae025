"""Learned event typing: features, a softmax regression, and the shipped models.

The rules miss events whose wording the lexicon lacks and cannot tell commentary from news by
the words alone. A small softmax regression reads a sentence through spaCy's own token vectors
(`doc.tensor`, already computed by the pipeline, so it costs almost nothing) plus hashed lexical
features around a trigger, and gives a probability for each PLOVER type and for NONE.

Two models ship as data, both trained by `scripts/train_typer.py` on sentences we wrote
(`train/plover_own.jsonl`), so every eval figure with them is a held-apart figure: the reviewer
(`data/events/typer.npz`) reads a rule event in context; the proposer (`data/events/proposer.npz`,
lexical features only) reads a sentence the rules found nothing in. Plain numpy: no new
dependency. How they are used is in `review.py`.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

NONE = "NONE"
HASH_BITS = 13
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})


def _hash(feature: str) -> int:
    # crc32 is stable across processes (Python's hash() is salted per run)
    return zlib.crc32(feature.encode("utf-8")) & ((1 << HASH_BITS) - 1)


def lexical_features(sentence: Span, trigger: Token | None, rule_type: str | None) -> list[str]:
    """Names of the binary features of one sentence and its main event's trigger."""
    rule = rule_type or NONE
    names = [f"rule={rule}"]
    for token in sentence:
        if token.pos_ in CONTENT_POS and not token.is_stop:
            names.append(f"lem={token.lemma_.lower()}")
        if token.dep_ == "neg":
            names.append("neg")
        if token.tag_ == "MD":
            names.append(f"md={token.lower_}")
        if token.ent_type_ and token.ent_iob_ == "B":
            names.append(f"ent={token.ent_type_}")
    if trigger is not None:
        lemma = trigger.lemma_.lower()
        names += [
            f"trig={lemma}",
            f"trig|rule={lemma}|{rule}",
            f"dep={trigger.dep_}|{rule}",
            f"head={trigger.head.lemma_.lower()}",
            f"tag={trigger.tag_}",
        ]
        for child in trigger.children:
            if child.dep_ in ("dobj", "nsubjpass", "prt", "prep", "xcomp", "neg", "aux", "auxpass"):
                names.append(f"{child.dep_}={child.lemma_.lower()}")
                names.append(f"{child.dep_}|trig={child.lemma_.lower()}|{lemma}")
            if child.dep_ == "prep":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        names.append(f"pobj={child.lower_}|{grandchild.lemma_.lower()}")
    return names


def dense_features(sentence: Span, trigger: Token | None) -> np.ndarray:
    """The sentence's mean token vector and the trigger's own, from the shared tok2vec layer."""
    tensor = sentence.doc.tensor
    width = tensor.shape[1] if tensor is not None and tensor.ndim == 2 else 0
    if width == 0:
        return np.zeros(0, dtype=np.float32)
    mean = tensor[sentence.start : sentence.end].mean(axis=0)
    own = tensor[trigger.i] if trigger is not None else np.zeros(width, dtype=np.float32)
    return np.concatenate([mean, own]).astype(np.float32)


def featurize(
    sentence: Span, trigger: Token | None, rule_type: str | None, dense: bool = True
) -> np.ndarray:
    """One row: hashed binary lexical features, then (if `dense`) the token vectors."""
    sparse = np.zeros(1 << HASH_BITS, dtype=np.float32)
    for name in lexical_features(sentence, trigger, rule_type):
        sparse[_hash(name)] = 1.0
    if not dense:
        return sparse
    return np.concatenate([sparse, dense_features(sentence, trigger)])


@dataclass
class TypeModel:
    """Softmax regression over PLOVER types plus NONE, with the decision thresholds it was
    validated with."""

    labels: list[str]
    weights: np.ndarray
    bias: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    margin: float = 0.3
    none_threshold: float = 0.6
    meta: dict = field(default_factory=dict)

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        rows = np.atleast_2d(rows)
        logits = ((rows - self.mean) / self.scale) @ self.weights + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            labels=np.array(self.labels),
            weights=self.weights.astype(np.float16),
            bias=self.bias,
            mean=self.mean.astype(np.float16),
            scale=self.scale.astype(np.float16),
            thresholds=np.array([self.margin, self.none_threshold]),
            meta=np.array(json.dumps(self.meta, sort_keys=True)),
        )

    @classmethod
    def load(cls, path: Path) -> TypeModel:
        with np.load(path, allow_pickle=False) as data:
            margin, none_threshold = (float(x) for x in data["thresholds"])
            return cls(
                labels=[str(x) for x in data["labels"]],
                weights=data["weights"].astype(np.float32),
                bias=data["bias"].astype(np.float32),
                mean=data["mean"].astype(np.float32),
                scale=data["scale"].astype(np.float32),
                margin=margin,
                none_threshold=none_threshold,
                meta=json.loads(str(data["meta"])),
            )


def train(
    rows: np.ndarray,
    labels: list[str],
    classes: list[str],
    l2: float = 1e-3,
    epochs: int = 300,
    rate: float = 0.05,
) -> TypeModel:
    """Full-batch Adam on the L2-regularised cross-entropy; deterministic for a given input."""
    index = {label: i for i, label in enumerate(classes)}
    target = np.zeros((len(labels), len(classes)), dtype=np.float32)
    for row, label in enumerate(labels):
        target[row, index[label]] = 1.0
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0) + 1e-3
    # hashed binary features are left unscaled: a rare word must not weigh more than a common one
    binary = np.zeros(rows.shape[1], dtype=bool)
    binary[: 1 << HASH_BITS] = True
    mean[binary], scale[binary] = 0.0, 1.0
    x = (rows - mean) / scale
    weights = np.zeros((rows.shape[1], len(classes)), dtype=np.float32)
    bias = np.zeros(len(classes), dtype=np.float32)
    moments = [
        np.zeros_like(weights),
        np.zeros_like(weights),
        np.zeros_like(bias),
        np.zeros_like(bias),
    ]
    for step in range(1, epochs + 1):
        logits = x @ weights + bias
        logits -= logits.max(axis=1, keepdims=True)
        prob = np.exp(logits)
        prob /= prob.sum(axis=1, keepdims=True)
        error = (prob - target) / len(labels)
        grads = (x.T @ error + l2 * weights, error.sum(axis=0))
        for k, (param, grad) in enumerate(zip((weights, bias), grads, strict=True)):
            first, second = moments[2 * k], moments[2 * k + 1]
            first *= 0.9
            first += 0.1 * grad
            second *= 0.999
            second += 0.001 * grad * grad
            corrected = first / (1 - 0.9**step)
            param -= rate * corrected / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return TypeModel(
        list(classes), weights, bias, mean.astype(np.float32), scale.astype(np.float32)
    )


REVIEWER_FILE = "typer.npz"
PROPOSER_FILE = "proposer.npz"


@cache
def load_model(name: str = REVIEWER_FILE) -> TypeModel | None:
    """A shipped model, or None where its data file is absent (rules alone then)."""
    path = resources.files("flashpoint") / "data" / "events" / name
    if not path.is_file():
        return None
    return TypeModel.load(Path(str(path)))
