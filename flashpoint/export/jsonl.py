"""JSON lines: one `Event.to_record()` per line, the shape `event.schema.json` defines."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..model import Event


def write_jsonl(events: Iterable[Event], stream: TextIO) -> int:
    """Write the events, one JSON object per line; returns how many were written."""
    count = 0
    for event in events:
        stream.write(json.dumps(event.to_record(), ensure_ascii=False) + "\n")
        count += 1
    return count
