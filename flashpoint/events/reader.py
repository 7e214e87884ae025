"""The event reader: a fine-tuned MiniLM that reads a sentence into its events.

One forward pass of `data/models/reader.onnx` (int8, run with onnxruntime; no torch at run time)
gives, for a sentence:
- a probability for each of the 16 PLOVER types (multi-label, temperature-calibrated): the types
  at or above the model's threshold are the events the sentence reports, none means no event;
- BIO tags over its word pieces for trigger, actor, recipient, place and time;
- at each word piece, the type its trigger would have, its mode and its auxiliary modes.

`read` turns that into `Reading`s: one per reported type, with its trigger and the argument spans
nearest to it, as character offsets into the text given. The model, its card and the script that
rebuilds it (`scripts/train_reader.py`) say how it was trained.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..exceptions import ConfigError
from .ontology import type_modes

BATCH = 32
Span = tuple[int, int]


@dataclass
class Reading:
    """One event a sentence reports, as offsets into the text that was read."""

    type: str
    probability: float
    trigger: Span
    mode: str | None = None
    aux: list[str] = field(default_factory=list)
    actor: Span | None = None
    recipient: Span | None = None
    place: Span | None = None
    time: Span | None = None


class Reader:
    def __init__(self, session, tokenizer, config: dict):
        self.session = session
        self.tokenizer = tokenizer
        self.types: list[str] = config["types"]
        self.tags: list[str] = config["tags"]
        self.modes: list[str | None] = config["modes"]
        self.aux: list[str] = config["aux"]
        self.temperature = float(config["temperature"])
        self.threshold = float(config["threshold"])
        valid = type_modes()
        # which mode columns each type may take (column 0 is "no mode")
        self.mode_columns = {
            kind: [0] + [i for i, m in enumerate(self.modes) if m in set(valid.get(kind, ()))]
            for kind in self.types
        }

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """Calibrated type probabilities, one row per text (columns: `self.types`)."""
        if not texts:
            return np.zeros((0, len(self.types)))
        return np.stack([row[0] for row in self._outputs(texts)])

    def read(self, texts: list[str]) -> list[list[Reading]]:
        """The events each text reports, most probable first."""
        return [self._decode(*row) for row in self._outputs(texts)]

    def _outputs(self, texts: list[str]) -> list[tuple]:
        encodings = self.tokenizer.encode_batch(texts)
        # Sorted by length so that a batch pads little (and int8's per-batch scale sees alike rows).
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        rows: list[tuple | None] = [None] * len(texts)
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            types, tags, token_types, modes, aux = self.session.run(
                None, {"input_ids": ids, "attention_mask": mask}
            )
            probs = 1.0 / (1.0 + np.exp(-types / self.temperature))
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                rows[i] = (
                    probs[row],
                    tags[row, :n],
                    token_types[row, :n],
                    modes[row, :n],
                    aux[row, :n],
                    encodings[i].offsets,
                    texts[i],
                )
        return rows  # type: ignore[return-value]

    def _decode(self, probs, tags, token_types, modes, aux, offsets, text) -> list[Reading]:
        chosen = [i for i in np.argsort(-probs) if probs[i] >= self.threshold]
        if not chosen:
            return []
        real = [k for k, (a, b) in enumerate(offsets) if a < b]
        spans = _spans(tags.argmax(-1), self.tags, offsets, text)
        triggers = spans.get("trigger", [])
        type_probs = _softmax(token_types)
        readings = []
        for column in chosen:
            kind = self.types[column]
            if triggers:
                tokens = max(triggers, key=lambda t: type_probs[t[2], column].mean())[2]
            else:
                best = max(real, key=lambda k: type_probs[k, column]) if real else 0
                tokens = [best]
            trigger = _word(text, offsets[tokens[0]][0], offsets[tokens[-1]][1])
            columns = self.mode_columns[kind]
            mode_probs = _softmax(modes[tokens][:, columns]).mean(0)
            mode = self.modes[columns[int(mode_probs.argmax())]]
            aux_probs = (1.0 / (1.0 + np.exp(-aux[tokens]))).mean(0)
            readings.append(
                Reading(
                    type=kind,
                    probability=round(float(probs[column]), 4),
                    trigger=trigger,
                    mode=mode,
                    aux=[a for a, p in zip(self.aux, aux_probs, strict=True) if p >= 0.5],
                    actor=_nearest(spans.get("actor"), trigger, before=True),
                    recipient=_nearest(spans.get("recipient"), trigger, before=False),
                    place=_nearest(spans.get("place"), trigger, before=False),
                    time=_nearest(spans.get("time"), trigger, before=False),
                )
            )
        return readings


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def _word(text: str, start: int, end: int) -> Span:
    """Widen a span to whole words (a word piece stands for its word)."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _spans(labels, names: list[str], offsets, text: str) -> dict[str, list[tuple]]:
    """BIO labels -> {role: [(start, end, token indices)]}; a stray I- opens a span."""
    found: dict[str, list[tuple]] = {}
    current: tuple[str, list[int]] | None = None

    def close() -> None:
        if current is not None:
            role, tokens = current
            start, end = _word(text, offsets[tokens[0]][0], offsets[tokens[-1]][1])
            found.setdefault(role, []).append((start, end, tokens))

    for k, label in enumerate(labels):
        a, b = offsets[k]
        name = names[int(label)]
        if a == b or name == "O":
            close()
            current = None
            continue
        prefix, role = name.split("-", 1)
        if (
            current is not None
            and current[0] == role
            and (prefix == "I" or _lone_article(current, offsets, text))
        ):
            # an article tagged apart from its noun ("the | European Community") is one phrase
            current[1].append(k)
        else:
            close()
            current = (role, [k])
    close()
    return found


ARTICLES = frozenset({"the", "a", "an"})


def _lone_article(current: tuple[str, list[int]], offsets, text: str) -> bool:
    tokens = current[1]
    return (
        len(tokens) == 1 and text[offsets[tokens[0]][0] : offsets[tokens[0]][1]].lower() in ARTICLES
    )


def _nearest(candidates: list[tuple] | None, trigger: Span, before: bool) -> Span | None:
    """The candidate closest to the trigger; ties go to the side the role usually sits on."""
    if not candidates:
        return None

    def distance(span: tuple) -> tuple[int, int]:
        start, end = span[0], span[1]
        gap = trigger[0] - end if end <= trigger[0] else start - trigger[1]
        on_side = (end <= trigger[0]) == before
        return max(gap, 0), 0 if on_side else 1

    best = min(candidates, key=distance)
    return best[0], best[1]


@cache
def load_reader() -> Reader:
    """The shipped reader, loaded once per process."""
    try:
        import onnxruntime
        from tokenizers import Tokenizer
    except ImportError as exc:  # pragma: no cover - both are dependencies
        raise ConfigError(f"the event reader needs onnxruntime and tokenizers ({exc})") from exc
    # FLASHPOINT_READER names another folder of model files (a candidate being measured)
    override = os.environ.get("FLASHPOINT_READER")
    folder = Path(override) if override else resources.files("flashpoint") / "data" / "models"
    config = json.loads((folder / "reader.json").read_text(encoding="utf-8"))
    tokenizer = Tokenizer.from_str((folder / "reader.tokenizer.json").read_text(encoding="utf-8"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=int(config["max_length"]))
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = int(os.environ.get("FLASHPOINT_READER_THREADS", "1"))
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(
        (folder / "reader.onnx").read_bytes(), options, providers=["CPUExecutionProvider"]
    )
    return Reader(session, tokenizer, config)
