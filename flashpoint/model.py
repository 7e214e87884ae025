"""The records that flow through flashpoint: Document -> Event, with Actor, Place and TimeSpan.

Plain dataclasses so that every layer (NLP, store, API, exports) shares one vocabulary and none
of them depends on another's library. `Event.to_record()` is the exported shape defined by
`shared/contract/event.schema.json`; keep the two in step.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import date

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

AUX_MODES: tuple[str, ...] = ("historical", "future", "hypothetical", "negation")


@dataclass
class Document:
    """One article as read from its source, before any NLP."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    # How `published` was obtained: "metadata", "dateline", "statement", "latest-mention", or None.
    date_source: str | None = None
    path: str | None = None

    def __post_init__(self) -> None:
        # Every database must store exactly what another one does: PostgreSQL refuses NUL and
        # no UTF-8 encoder takes a lone surrogate, so neither survives past here.
        for name in ("id", "text", "title", "url", "outlet"):
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, storable(value))

    @property
    def content_hash(self) -> str:
        """Key for de-duplication: the same text is the same document whatever its file name."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """`text` without NUL characters, and with U+FFFD for each lone surrogate."""
    if text.isascii() and "\x00" not in text:
        return text
    return _UNSTORABLE.sub(lambda found: "" if found.group() == "\x00" else "\ufffd", text)


@dataclass
class Actor:
    """A resolved participant: a knowledge-base entry, or a country/sector reading of a phrase."""

    name: str
    id: str | None = None
    text: str | None = None
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = field(default_factory=list)
    # Character offsets of the mention in the document text, when it came from one.
    start: int | None = None
    end: int | None = None

    def to_record(self) -> dict:
        return {
            "name": self.name,
            "id": self.id,
            "text": self.text,
            "country": self.country,
            "sector": self.sector,
            "aliases": list(self.aliases),
        }


@dataclass
class Place:
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    # "city", "country", "admin1", "airport", "base", "facility", ...
    feature: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None

    def to_record(self) -> dict:
        return {
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
        }


@dataclass
class TimeSpan:
    """A resolved time expression: an inclusive date range with its precision."""

    start: date
    end: date
    # "day", "week", "month", "season", "quarter", "year", "decade", "century", "span"
    precision: str = "day"
    text: str | None = None
    char_start: int | None = None
    char_end: int | None = None

    def to_record(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "text": self.text}


@dataclass
class Evidence:
    """The sentence an event was read from, with its offsets in the document text."""

    text: str
    start: int
    end: int
    # Offsets of the trigger word or phrase inside the document text.
    trigger_start: int | None = None
    trigger_end: int | None = None


@dataclass
class Event:
    doc_id: str
    event_type: str
    evidence: Evidence
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    cameo: str | None = None
    actor: Actor | None = None
    recipient: Actor | None = None
    date: TimeSpan | None = None
    location: Place | None = None
    dead: int | None = None
    injured: int | None = None
    aux: list[str] = field(default_factory=list)
    confidence: float | None = None
    trigger: str | None = None
    canonical_id: str | None = None
    sources: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        """Stable across runs: the same document, sentence, trigger and type give the same id."""
        key = "|".join(
            [
                self.doc_id,
                self.event_type,
                str(self.evidence.start),
                str(self.evidence.trigger_start),
                self.trigger or "",
            ]
        )
        return "ev_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_record(self) -> dict:
        """The exported JSON record, exactly as `event.schema.json` defines it."""
        return {
            "id": self.id,
            "canonical_id": self.canonical_id,
            "doc_id": self.doc_id,
            "event_type": self.event_type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "actor": self.actor.to_record() if self.actor else None,
            "recipient": self.recipient.to_record() if self.recipient else None,
            "date": self.date.to_record() if self.date else None,
            "location": self.location.to_record() if self.location else None,
            "dead": self.dead,
            "injured": self.injured,
            "aux": list(self.aux),
            "evidence": {
                "text": self.evidence.text,
                "start": self.evidence.start,
                "end": self.evidence.end,
            },
            "confidence": self.confidence,
            "sources": list(self.sources) if self.sources else [self.doc_id],
        }

    def as_dict(self) -> dict:
        """Everything, including internal fields (offsets), for storage."""
        return asdict(self)
