"""What the engine tests share: the examples, a plain one-process run, stored events as records."""

from __future__ import annotations

import json
from pathlib import Path

from flashpoint.ingest.batch import process
from flashpoint.store import Store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
# One document per spaCy batch: the nine examples make two units, so two workers share them.
SMALL_BATCHES = "1"


def records(url: str) -> list[str]:
    """Every stored event as its exported record, in a stable order."""
    with Store(url) as store:
        found = [json.dumps(e.to_record(), sort_keys=True, default=str) for e in store.events()]
    return sorted(found)


def one_process_records(folder: Path) -> list[str]:
    """The events a plain one-process run stores from the examples."""
    url = f"sqlite:///{folder / 'plain.db'}"
    with Store(url) as store:
        summary = process([EXAMPLES], store)
    assert summary.new == 9 and not summary.failures
    return records(url)
