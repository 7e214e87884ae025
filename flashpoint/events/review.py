"""spaCy component "fp_learned": the learned models' second opinion on the rule coder's output.

Two jobs, both conservative because the rules are right most of the time:
- review: a sentence's main rule event whose sentence the reviewer reads as no event (commentary,
  background) keeps its type but has its confidence capped below the 0.5 filter;
- propose: a sentence the rules found nothing in, whose main verb the proposer reads as one PLOVER
  type with a clear probability, gets that event, its arguments read from the parse the same way
  the coder reads them, at a confidence below the rules'.
Relabelling a rule event's type is supported by `decide` but off in the shipped model (measured
in `scripts/train_typer.py`: it did not carry over to text from other sources).
"""

from __future__ import annotations

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..geo.locate import event_location
from ..model import Event, Evidence
from ..timex.anchor import event_time
from . import arguments
from .auxmodes import is_background, is_historical, modal_modes
from .learned import NONE, PROPOSER_FILE, REVIEWER_FILE, TypeModel, featurize, load_model
from .lexicon import Lexicon, load_lexicon
from .links import CASUALTY_TYPES
from .ontology import is_valid_mode
from .participants import fill_countries
from .triggers import is_naming

SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def main_event(events: list[Event]) -> Event | None:
    """The sentence's main event: highest confidence, not negated (first one on ties)."""
    best: Event | None = None
    for event in events:
        if "negation" in event.aux:
            continue
        if best is None or (event.confidence or 0) > (best.confidence or 0):
            best = event
    return best


def trigger_token(doc: Doc, event: Event) -> Token | None:
    start = event.evidence.trigger_start if event.evidence else None
    if start is None:
        return None
    span = doc.char_span(start, event.evidence.trigger_end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _background(doc: Doc, event: Event, lexicon: Lexicon) -> bool:
    """A nominal mention of a known event, not the act its sentence reports."""
    token = trigger_token(doc, event)
    return token is not None and is_background(token, event.event_type, lexicon)


def decide(model: TypeModel, probs: np.ndarray, rule_type: str) -> tuple[str, float | None]:
    """What the model says about a main event coded `rule_type`: a type (maybe the same, maybe
    NONE) and, for NONE, the confidence ceiling it implies."""
    index = {label: i for i, label in enumerate(model.labels)}
    best = model.labels[int(np.argmax(probs))]
    if best == NONE and probs[index[NONE]] >= model.none_threshold:
        return NONE, float(1.0 - probs[index[NONE]])
    if (
        best not in (NONE, rule_type)
        and rule_type in index
        and probs[index[best]] - probs[index[rule_type]] >= model.margin
    ):
        return best, None
    return rule_type, None


def _relabel(event: Event, event_type: str) -> None:
    event.event_type = event_type
    if not is_valid_mode(event_type, event.mode):
        event.mode = None
    event.cameo = None  # the trigger's CAMEO code belonged to the old type
    if event_type not in CASUALTY_TYPES:
        event.dead = event.injured = None


def review(doc: Doc, events: list[Event], model: TypeModel) -> list[Event]:
    """Relabel or demote each sentence's main event where the model disagrees with confidence."""
    by_sentence: dict[int, list[Event]] = {}
    for event in events:
        by_sentence.setdefault(event.evidence.start if event.evidence else -1, []).append(event)
    for start, group in by_sentence.items():
        event = main_event(group)
        trigger = trigger_token(doc, event) if event is not None else None
        if event is None or trigger is None or start < 0:
            continue
        probs = model.probabilities(featurize(trigger.sent, trigger, event.event_type))[0]
        verdict, ceiling = decide(model, probs, event.event_type)
        if verdict == NONE:
            event.confidence = round(min(event.confidence or 0.0, ceiling or 0.0), 4)
        elif verdict != event.event_type:
            _relabel(event, verdict)
    return events


def content_verb(sentence: Span, lexicon: Lexicon) -> Token | None:
    """The verb that carries the news: the root, or what a reporting root reports
    ("officials said the army had delivered ...")."""
    root = sentence.root
    if root.lemma_.lower() in lexicon.reporting_verbs:
        for child in root.children:
            if child.dep_ in ("ccomp", "parataxis") and child.pos_ in ("VERB", "AUX"):
                return child
    return root if root.pos_ == "VERB" else None


def proposal(doc: Doc, sentence: Span, model: TypeModel, lexicon: Lexicon) -> Event | None:
    """An event for a sentence the rules found nothing in, if the proposer is clear about it."""
    verb = content_verb(sentence, lexicon)
    if verb is None or not any(child.dep_ in SUBJECTS for child in verb.children):
        return None
    if is_naming(verb, lexicon):
        return None  # "called the attack a massacre" describes, it does not act
    probs = model.probabilities(featurize(sentence, sentence.root, None, dense=False))[0]
    best = int(np.argmax(probs))
    event_type, probability = model.labels[best], float(probs[best])
    # for the proposer, the model's threshold is the probability a proposal needs
    if event_type == NONE or probability < model.none_threshold:
        return None
    aux = modal_modes(verb, lexicon)
    if "negation" in aux:
        return None  # the rules' own negation handling is not worth second-guessing here
    actor_head = arguments.verb_subject(verb)
    actor = arguments.resolve(actor_head)
    recipient, recipient_head = None, None
    for head in arguments.verb_recipients(verb, event_type, set()):
        recipient = arguments.resolve(head)
        if recipient is not None:
            recipient_head = head
            break
    time = event_time(doc, sentence, verb)
    place = event_location(doc, sentence, verb)
    actor, recipient = fill_countries(
        verb, actor, actor_head, recipient, recipient_head, place[0] if place else None, event_type
    )
    if recipient is not None and actor is not None and recipient.name == actor.name:
        recipient = None
    if is_historical(time[0] if time else None, doc._.fp_published, verb):
        aux.add("historical")
    return Event(
        doc_id=doc._.fp_doc_id or "",
        event_type=event_type,
        evidence=Evidence(
            text=sentence.text,
            start=sentence.start_char,
            end=sentence.end_char,
            trigger_start=verb.idx,
            trigger_end=verb.idx + len(verb.text),
        ),
        actor=actor,
        recipient=recipient,
        date=time[0] if time else None,
        location=place[0] if place else None,
        aux=sorted(aux),
        # below the rules' usual range: measured precision, not lexicon trust
        confidence=round(min(0.75, 0.8 * probability), 4),
        trigger=verb.text,
    )


def propose(doc: Doc, events: list[Event], model: TypeModel) -> list[Event]:
    """Events the proposer adds for sentences the rules coded nothing in, in text order."""
    lexicon = load_lexicon()
    # a sentence that only talks about a known event ("scaled back the quotas that had sparked
    # the protests") still has its own act for the proposer to read
    covered = {
        event.evidence.start
        for event in events
        if event.evidence and not _background(doc, event, lexicon)
    }
    added = []
    for sentence in doc.sents:
        if sentence.start_char not in covered and len(sentence) >= 5:
            event = proposal(doc, sentence, model, lexicon)
            if event is not None:
                added.append(event)
    if not added:
        return events
    return sorted([*events, *added], key=lambda e: e.evidence.start if e.evidence else 0)


@Language.factory("fp_learned", assigns=["doc._.fp_events"], requires=["doc._.fp_events"])
def make_component(nlp: Language, name: str):
    reviewer = load_model(REVIEWER_FILE)
    proposer = load_model(PROPOSER_FILE)

    def component(doc: Doc) -> Doc:
        events = list(doc._.fp_events or [])
        if reviewer is not None and events:
            events = review(doc, events, reviewer)
        if proposer is not None:
            events = propose(doc, events, proposer)
        doc._.fp_events = events
        return doc

    return component
