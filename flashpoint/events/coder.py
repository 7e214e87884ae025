"""The event coder: the reader's readings -> PLOVER events with actors, time, place and tolls.

The reader (`reader.py`) decides whether a sentence reports an event, which types, and where the
trigger, actor, recipient, place and time are. This module turns each reading into an `Event`:
the knowledge base names the actor and recipient spans, the time and place components resolve
the reader's time and place spans (or, where it marked none, the ones that govern the trigger),
and the casualty reader counts the dead and injured of a violent event. Confidence is the
reader's calibrated probability.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..actors.resolve import resolve_span
from ..geo.locate import event_location
from ..model import Actor, Event, Evidence, Place, TimeSpan
from ..timex.anchor import SAME_SENTENCE, event_time, is_historical
from .casualties import casualty_mentions
from .ontology import plover_to_cameo
from .participants import fill_countries, unnamed_party
from .reader import Reading, load_reader

CASUALTY_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE"})
# A time or place the reader marked itself is the one the sentence gives the event.
MARKED_TIME = 0.6
MARKED_PLACE = 0.85
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "you", "them", "him", "her"})


def main_event(events: list[Event]) -> Event | None:
    """A sentence's main event: highest confidence, not negated (first one on ties)."""
    best: Event | None = None
    for event in events:
        if "negation" in event.aux:
            continue
        if best is None or (event.confidence or 0) > (best.confidence or 0):
            best = event
    return best


def code_docs(docs: list[Doc]) -> list[list[Event]]:
    """Events of each doc; every sentence of the batch goes through the reader at once."""
    sentences = [(doc, sentence) for doc in docs for sentence in doc.sents]
    readings = load_reader().read([sentence.text for _, sentence in sentences])
    out: dict[int, list[Event]] = {id(doc): [] for doc in docs}
    for (doc, sentence), found in zip(sentences, readings, strict=True):
        out[id(doc)].extend(code_sentence(doc, sentence, found))
    return [out[id(doc)] for doc in docs]


def code_sentence(doc: Doc, sentence: Span, readings: list[Reading]) -> list[Event]:
    events = []
    tolls = _tolls(sentence) if any(r.type in CASUALTY_TYPES for r in readings) else {}
    counted = False
    for reading in readings:
        event = _event(doc, sentence, reading)
        if event is None:
            continue
        if event.event_type in CASUALTY_TYPES and not counted:
            # a toll belongs to the sentence's most probable violent event, and to it alone
            event.dead, event.injured = tolls.get("dead"), tolls.get("injured")
            counted = True
        events.append(event)
    return events


def _span(doc: Doc, sentence: Span, offsets: tuple[int, int] | None) -> Span | None:
    if offsets is None:
        return None
    span = doc.char_span(
        sentence.start_char + offsets[0], sentence.start_char + offsets[1], alignment_mode="expand"
    )
    return span if span is not None and len(span) else None


def _event(doc: Doc, sentence: Span, reading: Reading) -> Event | None:
    trigger_span = _span(doc, sentence, reading.trigger)
    if trigger_span is None:
        return None
    trigger = trigger_span.root
    actor_span = _span(doc, sentence, reading.actor)
    recipient_span = _span(doc, sentence, reading.recipient)
    if (
        recipient_span is not None
        and actor_span is not None
        and _overlap(actor_span, recipient_span)
    ):
        recipient_span = None
    place = _place(doc, sentence, reading, trigger)
    if place is not None and actor_span is not None and _within(place[0], actor_span):
        place = None  # "Canada and the Netherlands provided aid": a party, not where it happened
    time = _time(doc, sentence, reading, trigger)
    actor = _party(actor_span, trigger)
    recipient = _party(recipient_span, trigger)
    actor, recipient = fill_countries(
        trigger,
        actor,
        actor_span.root if actor_span is not None else None,
        recipient,
        recipient_span.root if recipient_span is not None else None,
        place[0] if place else None,
        reading.type,
        frozenset(range(actor_span.start, actor_span.end))
        if actor_span is not None
        else frozenset(),
    )
    if recipient is not None and actor is not None and recipient.name == actor.name:
        recipient = None
    aux = set(reading.aux)
    published: date | None = doc._.fp_published
    if time is not None and is_historical(time[0], published):
        aux.add("historical")
    return Event(
        doc_id=doc._.fp_doc_id or "",
        event_type=reading.type,
        evidence=Evidence(
            text=sentence.text,
            start=sentence.start_char,
            end=sentence.end_char,
            trigger_start=trigger_span.start_char,
            trigger_end=trigger_span.end_char,
        ),
        mode=reading.mode,
        cameo=plover_to_cameo(reading.type, reading.mode),
        actor=actor,
        recipient=recipient,
        date=time[0] if time else None,
        location=place[0] if place else None,
        aux=sorted(aux),
        confidence=reading.probability,
        trigger=trigger_span.text,
    )


def _within(place: Place, span: Span) -> bool:
    return place.start is not None and span.start_char <= place.start < span.end_char


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _party(span: Span | None, trigger: Token) -> Actor | None:
    """The actor a span the reader marked names: the knowledge base's reading of the phrase, an
    actor mention inside it, or a party described by its kind and country."""
    if span is None or all(t.lower_ in PRONOUNS or t.is_stop or t.is_punct for t in span):
        return None  # "it", "the": nobody named
    actor = resolve_span(span)
    if actor is None:
        for mention in span.doc.spans.get("fp_actors", []):
            if mention.start >= span.start and mention.end <= span.end and mention._.fp_actor:
                actor = mention._.fp_actor
                break
    if actor is None:
        actor = unnamed_party(span.root, trigger)
    if actor is None:
        # a party the knowledge base does not know is still the one the text names
        actor = Actor(name=span.text, text=span.text)
    if actor is not None:
        # the evidence is the phrase the reader marked, whatever part of it the KB matched
        actor = replace(actor, text=span.text, start=span.start_char, end=span.end_char)
    return actor


def _marked(doc: Doc, sentence: Span, offsets: tuple[int, int] | None, layer: str, attr: str):
    """The resolved expression of `layer` ("fp_places", "fp_timex") the reader marked, if any."""
    marked = _span(doc, sentence, offsets)
    if marked is None:
        return None
    for span in doc.spans.get(layer, []):
        if _overlap(span, marked) and getattr(span._, attr) is not None:
            return getattr(span._, attr)
    return None


def _place(
    doc: Doc, sentence: Span, reading: Reading, trigger: Token
) -> tuple[Place, float] | None:
    # The place step reads the parse around the trigger (it knows a recalled attack's place from
    # the reported act's); the reader's mark counts where that finds nothing.
    found = event_location(doc, sentence, trigger)
    if found is not None:
        return found
    marked = _marked(doc, sentence, reading.place, "fp_places", "fp_place")
    return (marked, MARKED_PLACE) if marked is not None else None


def _time(
    doc: Doc, sentence: Span, reading: Reading, trigger: Token
) -> tuple[TimeSpan, float] | None:
    found = event_time(doc, sentence, trigger)
    if found is not None and found[1] >= SAME_SENTENCE:
        return found
    # Nothing in the sentence governs the trigger: the reader's mark beats the paragraph's date.
    marked = _marked(doc, sentence, reading.time, "fp_timex", "fp_time")
    return (marked, MARKED_TIME) if marked is not None else found


def _tolls(sentence: Span) -> dict[str, int]:
    """The largest stated count of dead and of injured in a sentence."""
    tolls: dict[str, int] = {}
    for mention in casualty_mentions(sentence):
        if mention.count is not None:
            tolls[mention.kind] = max(tolls.get(mention.kind, 0), mention.count)
    return tolls
