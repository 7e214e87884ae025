"""Crowds: who is a crowd, and how a crowd changes what a trigger codes.

Protesters who gather demonstrate and protesters who attack riot (PROTEST); force used on a
crowd or a protest is repression; "hundreds of protesters" is read through its count.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import BLOCKED, Entry, Lexicon

# Words that count or group what their "of" phrase names ("dozens of protesters").
PARTITIVES = frozenset(
    {"hundreds", "thousands", "dozens", "scores", "group", "total", "number", "series", "batch"}
    | {"string", "wave", "spate", "quantity", "quantities", "amount", "amounts", "kg", "tons"}
    | {"kilograms", "tonnes", "cache", "caches", "stockpile"}
)


def partitive(head: Token) -> Token:
    """ "hundreds of protesters" -> protesters."""
    if head.like_num or head.lower_ in PARTITIVES:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                return next((g for g in child.children if g.dep_ == "pobj"), head)
    return head


def heads_of(token: Token, deps: tuple[str, ...], preps: tuple[str, ...]) -> list[Token]:
    heads = []
    for child in token.children:
        if child.dep_ in deps:
            heads.append(child)
        elif child.dep_ in ("agent", "prep") and child.lower_ in preps:
            heads.extend(g for g in child.children if g.dep_ == "pobj")
    heads += [c for head in heads for c in head.conjuncts]
    return [partitive(head) for head in heads]


def is_crowd(head: Token, lexicon: Lexicon) -> bool:
    return lexicon.lemma(head) in lexicon.crowd_nouns


def crowd_reading(
    token: Token, entry: Entry, kind: str, context: tuple[str, ...], lexicon: Lexicon
) -> tuple[Entry, tuple[str, ...]]:
    """The entry and contexts of a trigger read with its crowd: protesters who gather
    demonstrate, who attack riot; force used on them is repression."""
    lemma = lexicon.lemma(token)
    doers = heads_of(token, ("nsubj",), ("by",))
    sides = heads_of(token, (), ("with", "between"))
    targets = heads_of(token, ("dobj", "nsubjpass"), ("at", "on", "against", "upon", "into"))
    if lemma in lexicon.patient_verbs:
        # "protesters died from gunfire": the subject suffers the act
        doers, targets = [], targets + heads_of(token, ("nsubj",), ())
    if any(is_crowd(head, lexicon) for head in doers):
        if entry.type == "ASSAULT" or lemma in lexicon.riot_verbs:
            return CROWD_RIOT, context
        if entry.type == "COERCE":
            return CROWD_OBSTRUCT, context
        if kind == "verb" and lemma in lexicon.crowd_verbs | lexicon.defiance_verbs:
            return CROWD_DEMO, context  # "protesters defied a ban on rallies"
    elif entry.type == "ASSAULT" and any(is_crowd(head, lexicon) for head in sides):
        return CROWD_RIOT, context  # "police clashed with protesters"
    elif entry.type == "ASSAULT" and any(
        is_crowd(head, lexicon) or (lexicon.noun(lexicon.lemma(head)) or BLOCKED).type == "PROTEST"
        for head in targets
    ):
        return entry, ("repression",)
    return entry, context


CROWD_DEMO = Entry("PROTEST", "demo", "141")
CROWD_RIOT = Entry("PROTEST", "riot", "145")
CROWD_OBSTRUCT = Entry("PROTEST", "obstruct", "144")
