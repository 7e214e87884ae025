"""Mark up an article with an event's spans: evidence, trigger, actors, time, place, casualties."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# Number words the casualty counts may be written as; beyond twenty articles use digits.
_NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str


def event_marks(record: dict) -> list[Mark]:
    """Spans of one stored event (its `as_dict` shape), in document offsets, where it has them."""
    marks: list[Mark] = []
    evidence = record.get("evidence") or {}

    def add(start: int | None, end: int | None, kind: str) -> None:
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
            marks.append(Mark(start, end, kind))

    add(evidence.get("start"), evidence.get("end"), "evidence")
    add(evidence.get("trigger_start"), evidence.get("trigger_end"), "trigger")
    for role in ("actor", "recipient"):
        actor = record.get(role) or {}
        add(actor.get("start"), actor.get("end"), role)
    timespan = record.get("date") or {}
    add(timespan.get("char_start"), timespan.get("char_end"), "time")
    place = record.get("location") or {}
    add(place.get("start"), place.get("end"), "place")
    marks.extend(casualty_marks(record))
    return marks


def casualty_marks(record: dict) -> list[Mark]:
    """The counts of dead and injured as written in the evidence sentence.

    Events keep the numbers but not where they were read, so look for each number (as digits
    or a word) inside the evidence sentence; the first whole-word match is the likely source.
    """
    evidence = record.get("evidence") or {}
    text, offset = evidence.get("text") or "", evidence.get("start")
    if not isinstance(offset, int):
        return []
    marks = []
    for count in {record.get("dead"), record.get("injured")}:
        if not isinstance(count, int) or count < 0:
            continue
        forms = [f"{count:,}", str(count)]
        if count < len(_NUMBER_WORDS):
            forms.append(_NUMBER_WORDS[count])
        pattern = r"\b(" + "|".join(re.escape(form) for form in forms) + r")\b"
        found = re.search(pattern, text, flags=re.IGNORECASE)
        if found:
            marks.append(Mark(offset + found.start(), offset + found.end(), "casualty"))
    return marks


def render(text: str, marks: list[Mark]) -> str:
    """HTML of `text` with each stretch wrapped in <mark> classes for every span covering it.

    Spans may overlap or nest (the trigger lies inside the evidence), so the text is cut at
    every span boundary and each piece carries the classes of all spans that cover it.
    """
    marks = [mark for mark in marks if mark.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[start:end])
        kinds = sorted({m.kind for m in marks if m.start <= start and end <= m.end})
        if kinds:
            classes = " ".join(f"hl-{kind}" for kind in kinds)
            label = ", ".join(kinds)
            piece = f'<mark class="hl {classes}" title="{label}">{piece}</mark>'
        pieces.append(piece)
    return "".join(pieces)
