"""How the clause around a trigger changes what it codes.

A trigger word has a type of its own ("withdraw" is RETREAT), but the clause it sits in can make
the reported act another one: a promise takes its type from what is promised, willingness to
cooperate is an AGREE, getting ready to attack is a MOBILIZE, an announced act with an "unless"
condition is a threat, and an order to coerce is coercion by whoever gives it. These are the
PLOVER manual's rules for intentions, read from the dependency parse.
"""

from __future__ import annotations

from spacy.tokens import Token

from .auxmodes import clause_verb
from .lexicon import Lexicon
from .ontology import threat_mode
from .triggers import Trigger


def final_type(trigger: Trigger, inner: Trigger | None, lexicon: Lexicon) -> tuple[str, str | None]:
    """Promises take their type from what is promised ("vowed to strike" = THREATEN), and a
    threat's mode is what it threatens."""
    entry = trigger.entry
    if inner is None:
        return entry.type, trigger.mode
    inner_mode = threat_mode(inner.entry.type, inner.mode, inner.entry.context)
    if lexicon.lemma(trigger.token) in lexicon.commitment_verbs and inner_mode is not None:
        return "THREATEN", inner_mode
    if lexicon.lemma(trigger.token) in lexicon.command_verbs and inner.entry.type == "COERCE":
        return "COERCE", inner.mode
    if entry.type == "THREATEN" and trigger.mode is None:
        return "THREATEN", inner_mode
    return entry.type, trigger.mode


def is_condition(token: Token, lexicon: Lexicon) -> bool:
    """The trigger's own clause is an "if"/"unless" condition, not something announced."""
    verb = clause_verb(token)
    return any(c.dep_ == "mark" and c.lower_ in lexicon.conditional_marks for c in verb.children)


def is_willing(token: Token, lexicon: Lexicon) -> bool:
    """The act is what its subject says it is ready or willing to do."""
    verb = clause_verb(token)
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lexicon.willingness_adjectives


def is_prepared(token: Token, lexicon: Lexicon) -> bool:
    """The act is what its subject gets ready to do ("prepared to resume shelling")."""
    verb = clause_verb(token)
    for _ in range(2):
        if verb.dep_ != "xcomp":
            return False
        verb = verb.head
        if lexicon.lemma(verb) in lexicon.preparation_verbs:
            return True
    return False


def is_ultimatum(token: Token, aux: set[str], lexicon: Lexicon) -> bool:
    """An announced act with an "unless" condition attached to its own clause."""
    if "future" not in aux:
        return False
    verb = clause_verb(token)
    return any(
        child.dep_ == "advcl"
        and any(g.dep_ == "mark" and g.lower_ in lexicon.ultimatum_marks for g in child.children)
        for child in verb.children
    )


def is_counterfactual(token: Token) -> bool:
    """ "would have stormed", "could have killed": what did not happen in the past, so no
    threat either (a modal followed by perfect "have")."""
    verb = clause_verb(token)
    auxes = [child for child in verb.children if child.dep_ == "aux"]
    return any(c.tag_ == "MD" for c in auxes) and any(
        c.lemma_.lower() == "have" and c.tag_ == "VB" for c in auxes
    )
