"""The event coder: sentence -> PLOVER events with actors, aux modes, casualties, time and place.

Per sentence: find triggers (lexicon lookups), settle what embeds what (a threat's content is not a
second, real attack; "killed in the attack" is the attack's toll, not another event), read the
arguments, auxiliary modes and casualties, then ask the time and place components. Everything is a
walk over the sentence's tokens and their heads, so the cost is linear in the text.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..geo.locate import event_location
from ..model import Event, Evidence
from ..timex.anchor import event_time
from . import arguments
from .auxmodes import is_historical, modal_modes
from .casualties import CasualtyMention, casualty_mentions
from .lexicon import Lexicon, load_lexicon
from .ontology import future_rewrites
from .triggers import Trigger, find_triggers

CASUALTY_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE"})
# Words for killing/wounding: when their cause is another trigger they are its toll, not events.
HARM_LEMMAS = frozenset({"kill", "injure", "wound", "hurt", "die"})
CAUSE_PREPS = frozenset({"in", "by", "during", "from", "after", "following", "amid"})


def _depth(token: Token, lexicon: Lexicon) -> int:
    """Clause depth below the sentence root; reporting verbs ("said") do not count."""
    depth, hops = 0, 0
    while token.head.i != token.i and hops < 12:
        hops += 1
        head = token.head
        if not (head.lemma_ in lexicon.reporting_verbs and token.dep_ in ("ccomp", "parataxis")):
            depth += 1 if token.dep_ not in ("prep", "pobj", "compound", "amod") else 0
        token = head
    return depth


def _governor(trigger: Trigger, by_token: dict[int, Trigger]) -> Trigger | None:
    """The nearest other trigger this one is embedded under (complement, cause or toll)."""
    token, hops = trigger.token, 0
    while token.head.i != token.i and hops < 5:
        hops += 1
        token = token.head
        if token.i in by_token:
            return by_token[token.i]
    return None


def _cause(harm: Trigger, by_token: dict[int, Trigger]) -> Trigger | None:
    """For "killed"/"wounded": an ASSAULT trigger that is its cause ("the blast killed", "killed in
    the attack", "an attack that killed")."""
    token = harm.token
    for child in token.children:
        candidates = [child]
        if child.dep_ in ("prep", "agent") and child.lower_ in CAUSE_PREPS:
            candidates = [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ not in ("nsubj", "nsubjpass", "csubj"):
            continue
        for candidate in candidates:
            other = by_token.get(candidate.i)
            if other is not None and other is not harm and other.entry.type == "ASSAULT":
                return other
    if token.dep_ in ("relcl", "acl", "advcl", "conj", "xcomp"):
        other = by_token.get(token.head.i)
        if other is not None and other.entry.type == "ASSAULT":
            return other
    return None


def _link_casualty(
    mention: CasualtyMention, by_token: dict[int, Trigger], violent: list[Trigger]
) -> Trigger | None:
    """The trigger a casualty mention belongs to, or None when it cannot be told."""
    word = mention.word
    if word.i in by_token:
        return by_token[word.i]
    token, hops = word, 0
    while token.head.i != token.i and hops < 4:
        hops += 1
        for child in token.children:
            if child.i in by_token and by_token[child.i] in violent:
                return by_token[child.i]
            if child.dep_ in ("prep", "agent") and child.lower_ in CAUSE_PREPS:
                for pobj in child.children:
                    if pobj.i in by_token and by_token[pobj.i] in violent:
                        return by_token[pobj.i]
        token = token.head
        if token.i in by_token and by_token[token.i] in violent:
            return by_token[token.i]
    return violent[0] if len(violent) == 1 else None


def _final_type(
    trigger: Trigger, governed: list[Trigger], lexicon: Lexicon
) -> tuple[str, str | None]:
    """Commitment verbs take their type from what is promised ("vowed to strike" = THREATEN)."""
    entry = trigger.entry
    if trigger.token.lemma_ in lexicon.commitment_verbs and governed:
        inner = governed[0].entry.type
        if inner in lexicon.conflict_types:
            return "THREATEN", "violence" if inner == "ASSAULT" else trigger.mode
        if inner not in ("THREATEN", "ACCUSE", "REJECT", "REQUEST") and entry.type == "THREATEN":
            return "AGREE", None
    return entry.type, trigger.mode


def code_sentence(doc: Doc, sentence: Span, lexicon: Lexicon | None = None) -> list[Event]:
    lexicon = lexicon or load_lexicon()
    triggers = find_triggers(sentence, lexicon)
    if not triggers:
        return []
    by_token = {t.token.i: t for t in triggers}
    governed: dict[int, list[Trigger]] = {}
    for trigger in triggers:
        governor = _governor(trigger, by_token)
        if governor is not None:
            governed.setdefault(governor.token.i, []).append(trigger)

    # "killed"/"wounded" caused by another ASSAULT trigger fold into it.
    folded: set[int] = set()
    for trigger in triggers:
        if trigger.token.lemma_ in HARM_LEMMAS and _cause(trigger, by_token) is not None:
            folded.add(trigger.token.i)
    live = [t for t in triggers if t.token.i not in folded]
    violent = [t for t in live if t.entry.type in CASUALTY_TYPES]

    tolls: dict[int, dict[str, int | None]] = {}
    for mention in casualty_mentions(sentence):
        target = _link_casualty(mention, by_token, violent)
        if target is not None and target.token.i in folded:
            target = _cause(target, by_token)
        if target is None or target.entry.type not in CASUALTY_TYPES:
            continue
        counts = tolls.setdefault(target.token.i, {})
        if mention.count is not None:
            counts[mention.kind] = (counts.get(mention.kind) or 0) + mention.count
        else:
            counts.setdefault(mention.kind, None)

    published = doc._.fp_published
    events = []
    for trigger in live:
        event = _event(doc, sentence, trigger, governed.get(trigger.token.i, []), lexicon)
        counts = tolls.get(trigger.token.i, {})
        event.dead, event.injured = counts.get("dead"), counts.get("injured")
        if "negation" in event.aux and event.event_type == "ASSAULT":
            # "no Americans were injured": a reported zero, not an unknown
            event.dead = event.dead if event.dead is not None else None
        if event.date is not None and is_historical(event.date, published, trigger.token):
            event.aux.append("historical")
        elif event.date is None and is_historical(None, published, trigger.token):
            event.aux.append("historical")
        events.append(event)
    return events


def _event(
    doc: Doc, sentence: Span, trigger: Trigger, governed: list[Trigger], lexicon: Lexicon
) -> Event:
    token = trigger.token
    event_type, mode = _final_type(trigger, governed, lexicon)
    if trigger.kind in ("noun", "compound"):
        actor_head, recipient_head = arguments.noun_arguments(token, lexicon)
    else:
        actor_head = arguments.verb_subject(token)
        recipient_head = arguments.verb_recipient(token)
    actor = arguments.resolve(actor_head)
    recipient = arguments.resolve(recipient_head)
    if recipient is not None and actor is not None and recipient.name == actor.name:
        recipient = None

    aux = modal_modes(token, lexicon)
    rewrite = future_rewrites().get(event_type)
    if rewrite and "future" in aux:
        # PLOVER: an intended cooperative act is AGREE, an announced retreat CONCEDE
        event_type, mode = rewrite, None
        aux.discard("future")

    time = event_time(doc, sentence, token)
    place = event_location(doc, sentence, token)
    confidence = _confidence(trigger, lexicon, actor is not None, recipient is not None, aux)
    time_conf = time[1] if time else 0.0
    place_conf = place[1] if place else 0.0
    confidence = round(min(1.0, 0.8 * confidence + 0.1 * time_conf + 0.1 * place_conf), 4)

    return Event(
        doc_id=doc._.fp_doc_id or "",
        event_type=event_type,
        evidence=Evidence(
            text=sentence.text,
            start=sentence.start_char,
            end=sentence.end_char,
            trigger_start=trigger.start_char,
            trigger_end=trigger.end_char,
        ),
        mode=mode,
        context=list(trigger.entry.context),
        cameo=trigger.entry.cameo,
        actor=actor,
        recipient=recipient,
        date=time[0] if time else None,
        location=place[0] if place else None,
        aux=sorted(aux),
        confidence=confidence,
        trigger=trigger.text,
    )


def _confidence(
    trigger: Trigger, lexicon: Lexicon, has_actor: bool, has_recipient: bool, aux: set[str]
) -> float:
    """How sure we are this is a real, main event: lexicon trust, clause depth, arguments, mood."""
    score = trigger.entry.weight
    if trigger.kind in ("phrase", "compound"):
        score += 0.05
    if trigger.kind == "noun":
        score -= 0.05
    score -= 0.06 * min(_depth(trigger.token, lexicon), 5)
    score += 0.1 if has_actor else 0.0
    score += 0.05 if has_recipient else 0.0
    if aux & {"future", "hypothetical"}:
        score -= 0.15
    if "negation" in aux:
        score -= 0.2
    return max(0.05, min(1.0, score))


def code_doc(doc: Doc) -> list[Event]:
    lexicon = load_lexicon()
    events: list[Event] = []
    for sentence in doc.sents:
        events.extend(code_sentence(doc, sentence, lexicon))
    return events
