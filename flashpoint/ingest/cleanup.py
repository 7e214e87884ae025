"""Remove web-page furniture from plain-text articles: navigation, share prompts, credits.

The patterns are data (`flashpoint/data/ingest/boilerplate.yaml`) so they can be extended
without code changes. Lines are dropped only when they are short and match a pattern whole, and
a line that repeats the line before it (a headline pasted twice) is dropped too.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from ..exceptions import KnowledgeBaseError
from ..tables import load_yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest" / "boilerplate.yaml"


@cache
def _rules() -> tuple[int, re.Pattern[str]]:
    source = DATA
    try:
        data = load_yaml(source)
        patterns = [str(pattern) for pattern in data["patterns"]]
        limit = int(data.get("max_chars", 120))
        combined = "|".join(f"(?:{pattern})" for pattern in patterns)
        return limit, re.compile(rf"(?i:{combined})")
    except (OSError, KeyError, TypeError, ValueError, yaml.YAMLError, re.error) as exc:
        raise KnowledgeBaseError(str(source), f"invalid boilerplate patterns: {exc}") from exc


def is_boilerplate(line: str) -> bool:
    limit, pattern = _rules()
    stripped = line.strip()
    return bool(stripped) and len(stripped) <= limit and pattern.fullmatch(stripped) is not None


def strip_boilerplate(text: str) -> str:
    """The text without furniture lines and immediate repeats; paragraphs stay as they were."""
    kept: list[str] = []
    previous = ""
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and (is_boilerplate(stripped) or stripped == previous):
            continue
        kept.append(line)
        if stripped:
            previous = stripped
    return "\n".join(kept)
