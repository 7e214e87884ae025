"""Resolve a noun phrase to an Actor: a KB entry when one is named, else country + sector.

Called by the event coder for subject/object phrases, many times per document, so everything it
needs is computed once per Doc (`mentions.annotate`) and this function only looks things up.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from ..model import Actor
from .kb import get_kb
from .mentions import (
    Mention,
    by_token,
    doc_date,
    entity_actor,
    generic_actor,
    phrase_sector,
    sector_of,
)

NAMED_KINDS = ("entity", "title", "coref", "phrase", "country", "capital")
COUNTRY_KINDS = ("country", "capital", "demonym")
# Heads after which the actor of "X of Y" is Y: "hundreds of protesters", "members of the PMF".
PARTITIVE_POS = frozenset({"NUM"})


# Armed men nobody names (CAMEO "unknown gunmen"), and what they are once the text says whose.
UNIDENTIFIED = "UAF"
ARMED_GROUP = "REB"


def _names_owner(span: Span) -> bool:
    """ "gunmen from the CJNG", "attackers of the Wagner group": the phrase says whose they are
    (read from the words: the parser often hangs the preposition on the verb)."""
    for token in span:
        if token.lower_ in ("of", "from") and token.i > span.start:
            rest = span.doc[token.i + 1 : span.end]
            if any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "NORP") for t in rest):
                return True
    return False


def _inside(index: dict[int, list[Mention]], span: Span) -> list[Mention]:
    """Mentions within the span; one that only adds a leading determiner counts as within
    ("the country" for the span "country's security forces")."""
    found: dict[int, Mention] = {}
    doc = span.doc
    for i in range(span.start, span.end):
        for mention in index.get(i, ()):
            starts_inside = mention.start >= span.start or all(
                token.pos_ == "DET" for token in doc[mention.start : span.start]
            )
            if starts_inside and mention.end <= span.end:
                found[id(mention)] = mention
    return sorted(found.values(), key=lambda m: (m.start, -m.end))


# Weak head words naming followers of whoever the of-phrase names ("supporters of X").
FOLLOWER_SECTORS = frozenset({"OPP"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


def _head(span: Span):
    """The head noun; spans that are not one parse subtree ("gunmen from the CJNG" where the
    parser hung "from" on the verb) fall back to the last noun before the first preposition."""
    root = span.root
    if root.pos_ in NOMINAL_POS or root.pos_ == "ADJ":
        return root
    nouns = []
    for token in span:
        if token.pos_ == "ADP" and nouns:
            break
        if token.pos_ in NOMINAL_POS:
            nouns.append(token)
    return nouns[-1] if nouns else root


def _of_object(span: Span, preps: tuple[str, ...] = ("of", "from")):
    root = _head(span)
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and span.start <= pobj.i < span.end:
                    return span.doc[pobj.left_edge.i : min(pobj.right_edge.i + 1, span.end)]
    return None


def _title_sector(kb, inside: list[Mention], before: int) -> str | None:
    for mention in reversed(inside):
        if mention.end <= before and mention.kind in ("title", "sector"):
            if mention.role:
                return kb.role_sectors.get(mention.role)
            if mention.sector:
                return mention.sector
    return None


def is_igo(actor: Actor | None) -> bool:
    return actor is not None and actor.country == "IGO"


def for_igo(person: Actor) -> Actor:
    """A person in an office of an international organisation, coded as that organisation
    (CAMEO codes a UN envoy IGO, whatever the envoy's nationality)."""
    return replace(person, country="IGO", sector="IGO")


def _titled(kb, person: Mention, inside: list[Mention]) -> Actor:
    """A person's sector from the title written right before the name ("Prime Minister Ismail
    Haniyeh" is government): the text says which office was held then, the KB only what the
    person is known for."""
    actor = person.actor
    if person.entry is None or person.entry.type != "person" or actor is None:
        return actor
    for mention in inside:
        if mention.end == person.start and mention.kind in ("title", "sector"):
            sector = kb.role_sectors.get(mention.role) if mention.role else mention.sector
            if sector and sector != actor.sector and not is_igo(actor):
                return replace(actor, sector=sector)
    return actor


def _igo_office(person: Mention, inside: list[Mention]) -> bool:
    """ "U.N. mediator Diego Cordovez": an international organisation named before a person in
    the same phrase is the one the person acts for, not the person's own country."""
    if person.entry is None or person.entry.type != "person" or is_igo(person.actor):
        return False
    return any(m.end <= person.start and m.entry is not None and is_igo(m.actor) for m in inside)


def _located(actor: Actor, span: Span) -> Actor:
    return replace(actor, text=span.text, start=span.start_char, end=span.end_char)


def resolve_span(span: Span) -> Actor | None:
    """The actor a noun-phrase span refers to, or None when it names no actor."""
    if len(span) == 0:
        return None
    kb = get_kb()
    index = by_token(span.doc)
    root = _head(span)
    if root.lower_ in kb.partitives or root.pos_ in PARTITIVE_POS:
        inner = _of_object(span)
        if inner is not None and len(inner) < len(span):
            return resolve_span(inner)
    inside = _inside(index, span)
    # A mention around the head wins even when the span cuts it ("Khazali" of "Qais al-Khazali").
    around = index.get(root.i, [])
    for kind in NAMED_KINDS:
        for mention in around:
            if (
                mention.kind == kind
                and mention.actor is not None
                and not mention.backer
                # a phrase reaching outside the span ("French and Egyptian warships") is not it
                and (kind != "phrase" or mention.start >= span.start)
            ):
                if _igo_office(mention, inside):
                    return _located(for_igo(mention.actor), span)
                return _located(_titled(kb, mention, inside), span)
    bare = all(token.i == root.i or token.pos_ == "DET" for token in span)
    for mention in around:
        if mention.kind == "demonym" and bare and not mention.backer and mention.entry is not None:
            # a bare demonym as the whole phrase ("the Israeli", "Indian") names the country
            return entity_actor(kb, mention.entry, doc_date(span.doc), span)
    covering = {i: m for m in inside for i in range(m.start, m.end)}
    sector, strong = sector_of(kb, root, covering)
    if sector and not strong:
        upgraded = phrase_sector(kb, span, covering)
        if upgraded and upgraded != sector:
            sector, strong = upgraded, True
    usable = [m for m in inside if m.actor is not None and not m.backer and m.end <= root.i + 1]
    named = [m for m in usable if m.kind in ("entity", "title", "coref") and m.entry is not None]
    named = [m for m in named if m.entry.type != "country"]
    countries = [
        m
        for m in usable
        if m.kind in COUNTRY_KINDS or (m.entry is not None and m.entry.type == "country")
    ]
    if named:
        closest = named[-1]
        if sector and closest.entry.type == "person":
            return generic_actor(kb, closest.actor.country, sector, span)
        if _igo_office(closest, named):
            return _located(for_igo(closest.actor), span)
        return _located(closest.actor, span)
    if countries:
        country = countries[-1].actor.country
        if sector is None and root.pos_ == "PROPN":
            # "Serbian President Vojislav Kostunica": a name the KB lacks, with a title before it
            sector = _title_sector(kb, inside, root.i)
        if sector:
            return generic_actor(kb, country, sector, span)
        return None
    if sector is None and root.pos_ == "PROPN":
        sector = _title_sector(kb, inside, root.i)  # "King Hassan of Morocco"
    if sector:
        # "the leader of Hezbollah", "the government of Iraq", "doctors from American aid groups",
        # "rebels in the Ivory Coast", "a spokesman for the Iraqi military"
        inner = _of_object(span, ("of", "from", "in", "for"))
        found = resolve_span(inner) if inner is not None and len(inner) < len(span) else None
        named_inner = found is not None and not (found.id or "").startswith(
            ("generic/", "country/")
        )
        # "supporters of a former president" are not the president: followers keep their kind
        follower = sector in FOLLOWER_SECTORS and not strong
        if named_inner and inner.root.head.lower_ != "in" and not follower:
            return _located(found, span)
        if found is not None and found.country and (follower or not named_inner):
            # "the deputy chief of a militia" is the militia's; "supporters of" keep their own
            own = sector if strong or follower or not found.sector else found.sector
            return generic_actor(kb, found.country, own, span)
    if sector == UNIDENTIFIED and _names_owner(span):
        # "gunmen from the CJNG" are somebody's: an armed group the KB does not know
        sector = ARMED_GROUP
    if sector and strong:
        return generic_actor(kb, None, sector, span)
    return None
