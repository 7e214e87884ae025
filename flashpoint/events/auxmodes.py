"""PLOVER auxiliary modes of an event: negation, future, hypothetical, historical.

Negation and modality are read from the trigger's clause and the clauses that embed it ("denied
carrying out", "threatened to strike", "if there are indications"). Historical compares the
event's time with the document date: an event that ended well before the reporting window is
background, not news.
"""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Token

from ..model import TimeSpan
from .lexicon import Lexicon

# How far before the document date an event may end and still count as current reporting.
REPORTING_WINDOW = timedelta(days=45)
# Clause links we climb to find what embeds the trigger.
EMBED_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "conj", "pobj", "prep", "dobj", "acl"})
# Prepositions that introduce what an intention or denial is about ("called for talks", "pushed
# for a ceasefire"); others place the event in time or give its cause ("ordered after the
# storming", "called over the airstrikes"), so the governing verb's modality does not reach it.
CONTENT_PREPS = frozenset({"for", "to", "on", "of", "into", "toward", "towards", "about", "in"})
# Determiners that make a nominal event a known one: "the killing", "this attack", "their raid".
DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those"})
# Events that happen and are over, so a definite mention refers back to one. A curfew, blockade
# or sanction is a standing state that a clause can still extend or lift ("will extend the
# curfew" is about the curfew's future).
HAPPENING_TYPES = frozenset({"ASSAULT", "PROTEST"})


def clause_verb(trigger: Token) -> Token:
    """The verb whose clause holds the trigger (the trigger itself when it is a verb)."""
    token = trigger
    hops = 0
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i and hops < 4:
        token = token.head
        hops += 1
    return token if token.pos_ in ("VERB", "AUX") else trigger


def _own_modes(verb: Token, lexicon: Lexicon) -> set[str]:
    modes: set[str] = set()
    for child in verb.children:
        lower = child.lower_
        if child.dep_ == "neg" or (
            child.dep_ in ("advmod", "neg") and lower in lexicon.negation_words
        ):
            modes.add("negation")
        elif child.dep_ == "aux" and lower in lexicon.future_modals:
            modes.add("future")
        elif (child.dep_ == "aux" and lower in lexicon.hypothetical_modals) or (
            child.dep_ == "mark" and lower in lexicon.conditional_marks
        ):
            modes.add("hypothetical")
        elif child.dep_ in ("nsubj", "nsubjpass", "dobj") and any(
            g.dep_ == "det" and g.lower_ == "no" for g in child.children
        ):
            modes.add("negation")  # "no Americans were injured", "no one was hurt"
        elif child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in ("nobody", "none", "noone"):
            modes.add("negation")
    # "is going to strike", "is ready to send"
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "go" and verb.head.tag_ == "VBG":
        modes.add("future")
    if verb.dep_ == "xcomp" and verb.head.lemma_ in lexicon.readiness_adjectives:
        modes.add("future")
    if (
        "hypothetical" in modes
        and verb.dep_ == "ccomp"
        and verb.head.lemma_ in lexicon.reporting_verbs
        and any(c.lower_ == "would" for c in verb.children)
        and not any(
            c.dep_ == "mark" and c.lower_ in lexicon.conditional_marks for c in verb.children
        )
    ):
        # "said it would withdraw": the future seen from the past, not a hypothesis
        modes.discard("hypothetical")
        modes.add("future")
    return modes


def denied_by_no(token: Token) -> bool:
    """ "no attack took place", "no civilians were killed": the noun is said not to be."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)


def is_presupposed(trigger: Token, event_type: str, lexicon: Lexicon) -> bool:
    """A definite nominal event that a clause is about, not one the clause performs: "answer
    the killing of Soleimani", "the strike was ordered by Trump", "called the attack a crime"
    refer to an event that happened. A light verb's object is the clause's own act ("will
    launch the offensive"), so it takes the clause's modality."""
    if event_type not in HAPPENING_TYPES:
        return False
    if trigger.pos_ not in ("NOUN", "PROPN") or trigger.dep_ not in (
        "dobj",
        "nsubj",
        "nsubjpass",
        "pobj",
    ):
        return False
    if not any(
        (c.dep_ == "det" and c.lower_ in DEFINITE_DETS) or c.dep_ == "poss"
        for c in trigger.children
    ):
        return False
    head = trigger.head
    if trigger.dep_ == "pobj":
        # "retaliation for the attack", "after the storming": but "called for the withdrawal"
        # asks for it, so a preposition right under an intention verb is its content
        if head.lower_ not in CONTENT_PREPS:
            return True
        return head.head.lemma_ not in lexicon.future_embedders | lexicon.negation_embedders
    if lexicon.lemma(head) in lexicon.light_verbs and trigger.dep_ != "nsubjpass":
        # "will launch the offensive"; but "the strike was ordered by Trump" reports it done
        return False
    if trigger.dep_ == "dobj" and head.lemma_ in lexicon.future_embedders:
        # "promised the withdrawal", "ordered the arrest": the content of the intention
        return any(c.dep_ in ("oprd", "ccomp") for c in head.children)
    return True


def is_background(trigger: Token, event_type: str, lexicon: Lexicon) -> bool:
    """A known event the sentence talks about as an object ("condemned the shelling",
    "retaliation for the attack"), not the act it reports; a known event as the subject ("the
    shelling killed five") is what the sentence reports."""
    return trigger.dep_ in ("dobj", "pobj") and is_presupposed(trigger, event_type, lexicon)


def modal_modes(trigger: Token, lexicon: Lexicon, event_type: str = "") -> set[str]:
    """Negation/future/hypothetical from the trigger's clause and the clauses embedding it."""
    verb = clause_verb(trigger)
    if trigger.i != verb.i and is_presupposed(trigger, event_type, lexicon):
        # the clause's mood is about the known event, not the event's own: keep only what the
        # noun itself says ("no attack")
        return {"negation"} if denied_by_no(trigger) else set()
    modes = _own_modes(verb, lexicon)
    if trigger.i != verb.i:
        # "no attack took place", "without any attack"
        if denied_by_no(trigger):
            modes.add("negation")
        if trigger.dep_ == "pobj" and trigger.head.lower_ == "without":
            modes.add("negation")
        if (
            trigger.dep_ == "dobj"
            and trigger.head.i == verb.i
            and (verb.lemma_ in lexicon.future_embedders)
        ):
            modes.add("future")  # "planning attacks", "promised aid"
    token, hops = verb, 0
    while token.dep_ in EMBED_DEPS and token.head.i != token.i and hops < 6:
        hops += 1
        link = token.dep_
        previous, token = token, token.head
        if token.pos_ not in ("VERB", "AUX"):
            continue
        lemma = token.lemma_
        if link == "prep" and previous.lower_ not in CONTENT_PREPS:
            continue
        if link in ("xcomp", "ccomp", "pcomp", "dobj", "pobj", "prep"):
            if lemma in lexicon.negation_embedders:
                modes.add("negation")
            elif lemma in lexicon.future_embedders:
                modes.add("future")
        if link in ("ccomp", "xcomp", "conj", "advcl"):
            # modality of a governing clause carries down ("would not have attacked")
            governing = _own_modes(token, lexicon)
            if link == "conj":
                modes |= governing
            else:
                modes |= governing & {"hypothetical"}
        if link == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in lexicon.conditional_marks for c in token.children
        ):
            modes.add("hypothetical")
    if "future" in modes and "hypothetical" in modes:
        modes.discard("future")
    return modes


def is_historical(time: TimeSpan | None, published: date | None, trigger: Token) -> bool:
    """True when the event ended well before the document's reporting window."""
    if published is None:
        return False
    if time is not None:
        return time.end < published - REPORTING_WINDOW
    # Without a resolved time, an explicit earlier year in the trigger's clause still tells.
    verb = clause_verb(trigger)
    for token in verb.subtree:
        if token.ent_type_ == "DATE" and token.like_num and len(token.text) == 4:
            if clause_verb(token).i != verb.i:
                continue  # a year in another clause dates another event
            year = int(token.text) if token.text.isdigit() else None
            if year is not None and 1900 < year < published.year:
                return True
    return False
