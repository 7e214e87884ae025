"""The word tables time expressions are built from (flashpoint/data/timex/lexicon.yaml)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..exceptions import KnowledgeBaseError
from ..tables import load_yaml

SOURCE = Path(__file__).resolve().parent.parent / "data" / "timex" / "lexicon.yaml"
REQUIRED = ("months", "weekdays", "seasons", "ordinals", "numbers", "units", "references")


@cache
def lexicon() -> dict[str, Any]:
    try:
        data = load_yaml(SOURCE)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(str(SOURCE), f"cannot read the time lexicon: {exc}") from exc
    missing = [key for key in REQUIRED if key not in (data or {})]
    if missing:
        raise KnowledgeBaseError(str(SOURCE), f"missing tables: {', '.join(missing)}")
    return data


def alternation(words: Iterable[str], dotted: Iterable[str] = ()) -> str:
    """A regex alternation of `words`, longest first so that "sept" wins over "sep".
    Words in `dotted` are abbreviations and may carry a full stop ("Dec.")."""
    dotted = set(dotted)
    parts = []
    for word in sorted(words, key=len, reverse=True):
        # Curly or straight apostrophe: "New Year’s Eve".
        escaped = re.escape(word).replace(r"\ ", r"\s+").replace("'", "['’]")
        parts.append(escaped + (r"\.?" if word in dotted else ""))
    return "(?:" + "|".join(parts) + ")"


def abbreviations(table: dict[str, int]) -> list[str]:
    """Keys that are not the longest name for their value: "dec" for 12, not "december"."""
    longest: dict[int, str] = {}
    for word, value in table.items():
        if len(word) > len(longest.get(value, "")):
            longest[value] = word
    return [word for word, value in table.items() if longest[value] != word]


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
