"""The word tables time expressions are built from (flashpoint/data/timex/lexicon.yaml)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..exceptions import KnowledgeBaseError

SOURCE = Path(__file__).resolve().parent.parent / "data" / "timex" / "lexicon.yaml"
REQUIRED = ("months", "weekdays", "seasons", "ordinals", "numbers", "units", "references")


@cache
def lexicon() -> dict[str, Any]:
    try:
        data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(str(SOURCE), f"cannot read the time lexicon: {exc}") from exc
    missing = [key for key in REQUIRED if key not in (data or {})]
    if missing:
        raise KnowledgeBaseError(str(SOURCE), f"missing tables: {', '.join(missing)}")
    return data


def alternation(words: list[str] | dict[str, Any], abbreviations: bool = False) -> str:
    """A regex alternation of `words`, longest first so that "sept" wins over "sep"."""
    ordered = sorted(words, key=len, reverse=True)
    parts = []
    for word in ordered:
        escaped = re.escape(word).replace(r"\ ", r"\s+")
        # Short forms may carry a full stop ("Dec."); full names may not.
        parts.append(escaped + (r"\.?" if abbreviations and len(word) <= 4 else ""))
    return "(?:" + "|".join(parts) + ")"


def month_number(word: str) -> int | None:
    return lexicon()["months"].get(word.lower().rstrip("."))


def weekday_number(word: str) -> int | None:
    return lexicon()["weekdays"].get(word.lower().rstrip("."))


def number_value(word: str) -> int | None:
    word = re.sub(r"\s+", " ", word.lower())
    if word.isdigit():
        return int(word)
    table = lexicon()["numbers"]
    if word in table:
        return table[word]
    # "twenty-five", "thirty one"
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in table and parts[1] in table:
        return table[parts[0]] + table[parts[1]]
    return None
