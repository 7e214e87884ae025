"""Arguments of a nominal trigger ("the shelling of the market by government forces"): who did it,
to whom, read from the noun's own modifiers and, for a light verb's object, from the verb.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..actors.kb import get_kb
from .arguments import NOT_PARTY_ENTS, child_of, is_passive, verb_subject
from .lexicon import Lexicon

NOUN_TARGET_PREPS = frozenset({"on", "against", "upon", "at", "targeting", "into", "of", "with"})
# "retaliated with an attack": the subject of the verb did the nominal event.
INSTRUMENT_PREPS = frozenset({"with", "through", "via"})
# "staged rallies against X", "carried out raids on X": targets hung on a light verb.
LIGHT_PREPS = frozenset({"on", "against", "upon", "targeting"})
PROTEST_PREPS = frozenset({"of", "against", "at", "over"})


def _protest_target(noun: Token) -> Token | None:
    """The target of "(a hunger strike) in protest of/against X" or "(began a hunger strike)
    to protest against X", on the act or its verb."""
    holders = [noun, noun.head] if noun.dep_ == "dobj" else [noun]
    for holder in holders:
        for child in holder.children:
            inner = None
            if child.dep_ == "prep" and child.lower_ == "in":
                inner = child_of(child, ("pobj",))
            elif child.dep_ in ("advcl", "xcomp") and child.pos_ == "VERB":
                inner = child  # the purpose clause "to protest against X"
            if inner is None or inner.lemma_.lower() != "protest":
                continue
            for target in (c for c in inner.children if c.dep_ == "prep"):
                if target.lower_ in PROTEST_PREPS:
                    return child_of(target, ("pobj",))
            if inner.pos_ == "VERB" and child_of(inner, ("dobj",)) is not None:
                return child_of(inner, ("dobj",))  # "to protest the ruling"
    return None


def _city(token: Token) -> bool:
    """A capital named before an attack noun says where ("the Kabul bombing"), not who: only a
    country or group there is the attacker ("a US strike")."""
    return token.ent_type_ == "GPE" and token.text in get_kb().capitals


def noun_arguments(noun: Token, lexicon: Lexicon) -> tuple[Token | None, Token | None]:
    """(actor head, recipient head) of a nominal trigger."""
    actor: Token | None = None
    recipient: Token | None = None
    for child in noun.children:
        if child.dep_ == "poss" and actor is None:
            actor = child
        elif child.dep_ == "prep" and child.lower_ == "by" and actor is None:
            actor = child_of(child, ("pobj",))
        elif child.dep_ == "acl" and actor is None and child_of(child, ("agent",)) is not None:
            # "the rocket attack conducted by Iranian proxies"
            actor = child_of(child_of(child, ("agent",)), ("pobj",))
        elif child.dep_ == "prep" and child.lower_ in NOUN_TARGET_PREPS and recipient is None:
            pobj = child_of(child, ("pobj",))
            recipient = pobj if pobj is not None and pobj.ent_type_ not in NOT_PARTY_ENTS else None
        elif (
            child.dep_ in ("compound", "amod")
            and actor is None
            and child.i < noun.i
            and (child.ent_type_ in ("GPE", "NORP", "ORG") or child.pos_ == "PROPN")
            and not _city(child)
        ):
            actor = child
    if actor is None:
        # "US drone strike": the party modifies the compound's first word
        for child in noun.children:
            if child.dep_ != "compound":
                continue
            for inner in child.children:
                party = inner.ent_type_ in ("GPE", "NORP", "ORG") and not _city(inner)
                if inner.dep_ in ("compound", "amod") and inner.i < child.i and party:
                    actor = inner
    if actor is None and recipient is not None:
        # "the capture of Goma by M23 fighters": the parser hangs the by-agent on the object
        by = next((c for c in recipient.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        if by is not None:
            actor = child_of(by, ("pobj",))
    head = noun.head
    if recipient is None:
        recipient = _protest_target(noun)
    if recipient is None and noun.dep_ == "dobj" and lexicon.lemma(head) in lexicon.light_verbs:
        # "staged rallies in Gaza against the party's leader": the parser hung it on the verb
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in LIGHT_PREPS):
            pobj = child_of(prep, ("pobj",))
            if pobj is not None and pobj.ent_type_ not in NOT_PARTY_ENTS:
                recipient = pobj
                break
    if actor is not None and actor.pos_ == "PRON" and noun.dep_ == "dobj" and head.pos_ == "VERB":
        # "fundamentalists continued their hunger strike": the possessive is the subject
        actor = verb_subject(head) or actor
    if actor is None and noun.dep_ == "nsubjpass" and lexicon.lemma(head) in lexicon.light_verbs:
        actor = verb_subject(head)  # "the strike was ordered by President Trump"
    if actor is None and noun.dep_ in ("dobj", "pobj") and head.pos_ in ("VERB", "ADP"):
        verb = head if head.pos_ == "VERB" else head.head
        if verb.lower_ == "responsibility":
            verb = verb.head  # "claimed responsibility for the bombing"
        if head.lower_ in INSTRUMENT_PREPS and verb.pos_ == "VERB" and not is_passive(verb):
            return verb_subject(verb), recipient  # "responded with airstrikes"
        light = noun.dep_ == "dobj" and lexicon.lemma(verb) in lexicon.light_verbs
        if light or lexicon.lemma(verb) in lexicon.responsibility_verbs:
            actor = verb_subject(verb)
    return actor, recipient
