"""The event coder: sentence -> PLOVER events with actors, aux modes, casualties, time and place.

Per sentence: find triggers (lexicon lookups), settle what embeds what (a threat's content is not a
second, real attack; "killed in the attack" is the attack's toll, not another event), read the
arguments, auxiliary modes and casualties, then ask the time and place components. Everything is a
walk over the sentence's tokens and their heads, so the cost is linear in the text.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..geo.locate import event_location
from ..model import Actor, Event, Evidence
from ..timex.anchor import event_time
from . import arguments
from .auxmodes import is_background, is_historical, is_presupposed, modal_modes
from .framing import (
    final_type,
    is_condition,
    is_counterfactual,
    is_prepared,
    is_ultimatum,
    is_willing,
)
from .lexicon import HAND_WEIGHT, Lexicon, load_lexicon
from .links import CASUALTY_TYPES, causes_of, harm_party, is_setting, root_cause, tolls_of
from .nominal import noun_arguments
from .ontology import cooperative_types, future_rewrites, threat_mode
from .participants import fill_countries
from .triggers import Trigger, find_triggers

# Acts whose complement is their content, not a second event ("urged X to withdraw").
SPEECH_TYPES = frozenset({"THREATEN", "REQUEST", "ACCUSE", "REJECT", "AGREE"})
CONTENT_FUTURE_TYPES = frozenset({"REQUEST", "THREATEN", "AGREE"})
# Acts that outrank what they are about ("urged X to withdraw" is the urging).
PRIMARY_ACT_TYPES = frozenset({"REQUEST", "THREATEN", "REJECT"})


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


def _governor(trigger: Trigger, anchors: dict[int, Trigger]) -> Trigger | None:
    """The nearest other trigger this one is embedded under (complement, cause or purpose)."""
    token, hops = trigger.token, 0
    while token.head.i != token.i and hops < 5:
        hops += 1
        token = token.head
        other = anchors.get(token.i)
        if other is not None and other is not trigger:
            return other
    return None


def _protest_topic(trigger: Trigger, governor: Trigger | None) -> bool:
    """PLOVER: the demand a protest makes is its topic, not a separate event."""
    return (
        governor is not None
        and governor.entry.type == "PROTEST"
        and trigger.entry.type in ("REQUEST", "ACCUSE", "REJECT")
    )


def code_sentence(doc: Doc, sentence: Span, lexicon: Lexicon | None = None) -> list[Event]:
    lexicon = lexicon or load_lexicon()
    triggers = find_triggers(sentence, lexicon)
    if not triggers:
        return []
    by_token = {t.token.i: t for t in triggers}
    # A light verb stands for its object when looking for what embeds what ("staged rallies to
    # demand reforms": the demand is the rally's purpose).
    anchors = dict(by_token)
    for trigger in triggers:
        head = trigger.token.head
        if trigger.kind in ("noun", "compound") and lexicon.lemma(head) in lexicon.light_verbs:
            anchors.setdefault(head.i, trigger)
    governors = {t.token.i: _governor(t, anchors) for t in triggers}
    first_inner: dict[int, Trigger] = {}
    for trigger in triggers:
        governor = governors[trigger.token.i]
        if governor is not None:
            first_inner.setdefault(governor.token.i, trigger)

    # "killed"/"wounded" caused by another ASSAULT trigger fold into it.
    causes = causes_of(triggers, by_token, lexicon)
    topics: dict[int, list[Trigger]] = {}
    for trigger in triggers:
        # "a car bomb explosion": a trigger modifying another of its type is the same event
        head = by_token.get(trigger.token.head.i)
        if (
            trigger.token.dep_ in ("compound", "amod", "nmod")
            and head is not None
            and head is not trigger
            and head.entry.type == trigger.entry.type
        ):
            causes.setdefault(trigger.token.i, head)
    folded = set(causes)
    # a cycle ("struck ... and killed" both pointing at each other) must keep one event
    for trigger in triggers:
        if trigger.token.i in folded and root_cause(trigger, causes, folded) is None:
            folded.discard(trigger.token.i)
    live = [
        t
        for t in triggers
        if t.token.i not in folded and not _protest_topic(t, governors[t.token.i])
    ]
    for trigger in triggers:
        governor = governors[trigger.token.i]
        if governor is not None and _protest_topic(trigger, governor):
            # "rallied to demand the resignation of the president": who the demand is made of
            # is whom the protest is against
            topics.setdefault(governor.token.i, []).append(trigger)
    violent = [t for t in live if t.entry.type in CASUALTY_TYPES]
    tolls = tolls_of(sentence, by_token, violent, folded, causes)
    # "guerrillas wounded two soldiers in a bomb attack": the harm verb names who did it to whom
    harms: dict[int, list[Trigger]] = {}
    for index in folded:
        root = root_cause(by_token[index], causes, folded)
        if root is not None:
            harms.setdefault(root.token.i, []).append(by_token[index])

    published = doc._.fp_published
    events = []
    made: dict[int, list[Event]] = {}
    for trigger in live:
        governor = governors[trigger.token.i]
        inner = first_inner.get(trigger.token.i)
        parts = _events(
            doc,
            sentence,
            trigger,
            governor,
            inner,
            lexicon,
            harms.get(trigger.token.i, []),
            topics.get(trigger.token.i, []),
        )
        for event in parts:
            counts = tolls.get(trigger.token.i, {})
            if event.event_type in CASUALTY_TYPES:
                event.dead, event.injured = counts.get("dead"), counts.get("injured")
            if is_historical(event.date, published, trigger.token):
                event.aux.append("historical")
            events.append(event)
        made[trigger.token.i] = parts
    _rank_content_below_act(live, governors, made, lexicon)
    return events


def _rank_content_below_act(
    live: list[Trigger],
    governors: dict[int, Trigger | None],
    made: dict[int, list[Event]],
    lexicon: Lexicon,
) -> None:
    """What is urged, demanded or refused ranks below the act of urging: "pushed for the US
    to support the plan" reports a request, not support. Only sure acts count: a broad derived
    verb ("evidence suggests that") is no request."""
    for trigger in live:
        governor = governors[trigger.token.i]
        if governor is None:
            continue
        acts = made.get(governor.token.i) or []
        if not any(event.event_type in PRIMARY_ACT_TYPES for event in acts):
            continue
        if governor.entry.weight < HAND_WEIGHT and (
            lexicon.lemma(governor.token) not in lexicon.future_embedders
        ):
            continue
        ceiling = max(event.confidence or 0.0 for event in acts) - 0.01
        for event in made.get(trigger.token.i) or []:
            if (event.confidence or 0.0) > ceiling:
                event.confidence = round(max(0.01, ceiling), 4)


def _events(
    doc: Doc,
    sentence: Span,
    trigger: Trigger,
    governor: Trigger | None,
    inner: Trigger | None,
    lexicon: Lexicon,
    harms: list[Trigger],
    topics: list[Trigger],
) -> list[Event]:
    token = trigger.token
    event_type, mode = final_type(trigger, inner, lexicon)
    if trigger.kind in ("noun", "compound"):
        actor_head, recipient_head = noun_arguments(token, lexicon)
    else:
        actor_head = arguments.verb_subject(token)
        if actor_head is not None and lexicon.noun(lexicon.lemma(actor_head)) is not None:
            # "The missile attack on Wednesday destroyed hangars": an event is no party; its
            # own doer, if it names one ("Iran's missile attack"), is the actor
            actor_head = noun_arguments(actor_head, lexicon)[0]
        skip = {t.i for t in trigger.extra}
        candidates = arguments.verb_recipients(token, event_type, skip)
        recipient_head = trigger.recipient or (candidates[0] if candidates else None)
    actor = arguments.resolve(actor_head)
    recipient = arguments.resolve(recipient_head)
    if recipient is None and trigger.kind in ("verb", "phrase"):
        for head in candidates[1:]:
            recipient = arguments.resolve(head)
            if recipient is not None:
                recipient_head = head
                break
    for harm in harms:
        if lexicon.lemma(harm.token) in lexicon.patient_verbs:
            # "X died when missiles hit": who died was hit, not the one hitting
            if recipient is None:
                recipient_head, recipient = harm_party(arguments.verb_subject(harm.token), token)
            continue
        if actor is None:
            actor_head, actor = harm_party(arguments.verb_subject(harm.token), token)
        if recipient is None:
            for head in arguments.verb_recipients(harm.token, "ASSAULT", set()):
                recipient_head, recipient = harm_party(head, token)
                if recipient is not None:
                    break
        elif is_setting(recipient_head):
            # "killed in a drone strike at Baghdad airport": the one killed, not the airport
            for head in arguments.verb_recipients(harm.token, "ASSAULT", set()):
                victim_head, victim = harm_party(head, token)
                if victim is not None:
                    recipient_head, recipient = victim_head, victim
                    break
    for topic in topics:
        if recipient is None:
            recipient_head, recipient = _topic_party(topic, lexicon)
    if recipient is not None and actor is not None and recipient.name == actor.name:
        recipient, recipient_head = None, None

    if (event_type, mode) == ("COERCE", "deport") and (
        recipient is not None and recipient.sector in lexicon.expelled_bodies
    ):
        # forcing out an agency or aid group cuts ties (CAMEO 166x), it deports no people
        event_type, mode = "SANCTION", "expel"
    if event_type == "ASSAULT" and mode is None and _targeted(recipient, recipient_head, lexicon):
        mode = "targeted"
    aux = modal_modes(token, lexicon, event_type)
    if (
        governor is not None
        and governor.entry.type in CONTENT_FUTURE_TYPES
        and not is_presupposed(token, event_type, lexicon)
    ):
        aux.add("future")  # what is demanded, threatened or promised has not happened
    confidence = _confidence(trigger, lexicon, actor is not None, recipient is not None, aux)
    if governor is not None:
        confidence -= 0.12  # the content of another act, not the act reported
    elif trigger.kind in ("noun", "compound") and is_background(token, event_type, lexicon):
        confidence -= 0.15  # a known event the sentence talks about, not the act it reports
    time = event_time(doc, sentence, token)
    place = event_location(doc, sentence, token)
    actor, recipient = fill_countries(
        token, actor, actor_head, recipient, recipient_head, place[0] if place else None, event_type
    )
    time_conf = time[1] if time else 0.0
    place_conf = place[1] if place else 0.0

    def make(kind: str, kind_mode: str | None, kind_aux: set[str], score: float) -> Event:
        score = max(0.01, min(1.0, 0.8 * score + 0.1 * time_conf + 0.1 * place_conf))
        return Event(
            doc_id=doc._.fp_doc_id or "",
            event_type=kind,
            evidence=Evidence(
                text=sentence.text,
                start=sentence.start_char,
                end=sentence.end_char,
                trigger_start=trigger.start_char,
                trigger_end=trigger.end_char,
            ),
            mode=kind_mode,
            context=list(dict.fromkeys([*trigger.entry.context, *trigger.context])),
            cameo=trigger.entry.cameo if kind == trigger.entry.type else None,
            actor=actor,
            recipient=recipient,
            date=time[0] if time else None,
            location=place[0] if place else None,
            aux=sorted(kind_aux),
            confidence=round(score, 4),
            trigger=trigger.text,
        )

    rewrite = future_rewrites().get(event_type)
    bonus = 0.1 if governor is None else 0.0
    if "negation" not in aux and governor is None:
        if is_ultimatum(token, aux, lexicon):
            # "will withdraw its force unless elections are held": the act is the threat
            threatened = threat_mode(event_type, mode, trigger.entry.context)
            return [make("THREATEN", threatened, aux - {"future"}, confidence + 0.2)]
        if event_type in cooperative_types() and is_willing(token, lexicon):
            # PLOVER: indicating willingness to cooperate, concede or retreat is an AGREE
            return [make("AGREE", None, aux - {"future"}, confidence + bonus)]
    if event_type == "ASSAULT" and "negation" not in aux and is_prepared(token, lexicon):
        # PLOVER: readiness short of the use of force is MOBILIZE; it outranks the verb of
        # preparing, whatever that verb alone would code
        kind_mode = "weapons" if mode in lexicon.weapon_modes else "troops"
        return [make("MOBILIZE", kind_mode, aux - {"future"}, confidence + 0.1)]
    if rewrite and "future" in aux and "negation" not in aux:
        # PLOVER: an intended cooperative act is AGREE, an announced retreat CONCEDE
        return [make(rewrite, None, aux - {"future"}, confidence + bonus)]
    if (
        "negation" in aux
        and governor is None
        and (rewrite == "AGREE" or event_type == "AGREE")
        and (event_type == "AGREE" or "future" in aux)
    ):
        # "will not accept", "did not agree": a refusal by the actor
        return [make("REJECT", None, aux - {"negation", "future"}, confidence + 0.2 + bonus)]
    events = [make(event_type, mode, aux, confidence)]
    threatened = threat_mode(event_type, mode, trigger.entry.context)
    speech_governed = governor is not None and governor.entry.type in SPEECH_TYPES
    if (
        threatened is not None
        and _has_doer(token, actor_head)
        and aux & {"future", "hypothetical"}
        and "negation" not in aux
        and not speech_governed
        and not is_condition(token, lexicon)
        and not is_counterfactual(token)
    ):
        # an announced conflictual act is a threat by its actor (the act itself stays, unreal)
        events.append(make("THREATEN", threatened, set(), confidence + 0.2))
    return events


def _targeted(recipient: Actor | None, head: Token | None, lexicon: Lexicon) -> bool:
    """Violence aimed at a named person or an office-holder is a targeted attack."""
    if recipient is None or head is None:
        return False
    if head.lemma_.lower() in lexicon.targeted_victims:
        return True
    return head.ent_type_ == "PERSON" and (recipient.id or "").startswith(("person/", "px/"))


def _has_doer(token: Token, actor_head: Token | None) -> bool:
    """Someone in the text does it ("he will extend the curfew"); "the fighting could return"
    names nobody, so it threatens nobody."""
    if actor_head is not None:
        return True
    return token.dep_ == "dobj" and arguments.verb_subject(token.head) is not None


def _topic_party(topic: Trigger, lexicon: Lexicon) -> tuple[Token | None, Actor | None]:
    """The party a protest's demand or accusation is addressed to."""
    if topic.kind in ("noun", "compound"):
        heads = [noun_arguments(topic.token, lexicon)[1]]
    else:
        heads = arguments.verb_recipients(topic.token, topic.entry.type, set())
    for head in heads:
        actor = arguments.resolve(head)
        if actor is not None:
            return head, actor
    return None, None


def _confidence(
    trigger: Trigger, lexicon: Lexicon, has_actor: bool, has_recipient: bool, aux: set[str]
) -> float:
    """How sure we are this is a real, main event: lexicon trust, clause depth, arguments, mood."""
    score = trigger.entry.weight
    if trigger.kind in ("phrase", "compound"):
        score += 0.05
    if trigger.kind == "noun":
        score -= 0.05
    if trigger.kind in ("verb", "phrase") and trigger.token.dep_ == "acl":
        score -= 0.15  # "a letter handed over to the UN": a participle describing a noun
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
