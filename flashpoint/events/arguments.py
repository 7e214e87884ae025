"""Who did it and to whom: the actor and recipient of a trigger, read from the dependency parse.

Verbs: subject = actor, object or a targeted prepositional object = recipient; in the passive the
"by" agent is the actor and the subject the recipient. A verb without a subject borrows the one of
the clause it hangs from ("vowed to strike", "responded ... by bombing", relative clauses).
Nouns: possessor, "by" phrase or an actor-like modifier ("US airstrikes") = actor; "on/against"
phrase = recipient; a noun that is the object of a light verb ("carried out an attack") takes that
verb's subject as its actor.
Each argument head is turned into a noun-phrase span and handed to the actors component's
`resolve_span`; when it knows nothing, an `fp_actors` mention covering the head is used, then the
party inside a head that is not one ("an appeal from X", "the withdrawal of X", "Sweden's
decision"), then a name modifying it ("Kurdish positions", "the US-led war").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..actors.resolve import for_igo, is_igo, modifier_sector, resolve_span
from ..model import Actor
from .participants import titled_sector, unnamed_party

SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
VERB_TARGET_PREPS = frozenset({"against", "on", "upon", "at", "into", "toward", "towards", "with"})
# Types whose direct object is what is sent or given, not who receives it.
THING_OBJECT_TYPES = frozenset({"MOBILIZE", "AID", "SANCTION"})
THING_TARGET_PREPS = frozenset({"to", "against", "toward", "towards", "for", "on", "into"})
# Verbal acts: their recipient may be addressed with "to"/"from" ("apologized to Brazil").
VERBAL_TYPES = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "AID"}
)
INNER_PREPS = frozenset({"of", "by", "from", "with", "against", "on", "to", "for"})
INNER_STOP = frozenset({"people", "members"})
# Branches that are not part of a name: "the US, which ...", "Iran and Syria", ", officials said"
CUT_DEPS = frozenset({"relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "prep", "parataxis"})
REPORTED_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
NAME_ENTS = frozenset({"NORP", "GPE", "ORG"})
PRONOUN_SUBJECTS = frozenset({"which", "who", "that"})
# "on Tuesday", "at dawn": times and amounts are never the one acted on.
NOT_PARTY_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY"})
# "complained over Israeli raids", "protested about the arrests": what the accused did.
ACCUSED_PREPS = frozenset({"over", "about"})
PERSON_IDS = ("person/", "px/")
# How a name modifies the head that belongs to it: "Kurdish positions", "the US-led war".
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "npadvmod"})
# Preps inside a non-party head that introduce the party it is about.
PARTY_PREPS = frozenset({"of", "with", "from", "to", "between", "by", "for", "among"})
# Clause links through which a subject-less verb inherits its governor's subject.
INHERIT_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp", "ccomp", "acomp"})


def noun_phrase(head: Token) -> Span:
    """The name-bearing part of the argument's subtree: no relative clauses, conjuncts, etc."""
    tokens = [head]
    stack = [child for child in head.children if child.dep_ not in CUT_DEPS or _keeps(child)]
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack.extend(token.children)
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    doc = head.doc
    while start < head.i and (doc[start].dep_ in ("det", "punct") or doc[start].is_punct):
        start += 1
    while end - 1 > head.i and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def _keeps(child: Token) -> bool:
    # "the leader of Hezbollah" keeps its "of" phrase: it names who.
    return child.dep_ == "prep" and child.lower_ == "of"


def _actor_index(doc: Doc) -> dict[int, Actor]:
    """Token index -> actor, from the fp_actors mentions (built once per doc)."""
    cached = doc.user_data.get("fp_events_actor_index")
    if cached is None:
        cached = {}
        for span in doc.spans.get("fp_actors", []):
            actor = span._.fp_actor
            if actor is not None:
                for i in range(span.start, span.end):
                    cached.setdefault(i, actor)
        doc.user_data["fp_events_actor_index"] = cached
    return cached


def resolve(head: Token | None, depth: int = 0) -> Actor | None:
    """Actor for an argument head, or None (the head is kept for offsets only when resolved)."""
    if head is None or head.lower_ in PRONOUN_SUBJECTS:
        return None
    span = noun_phrase(head)
    actor = resolve_span(span)
    if actor is not None and (actor.id or "").startswith(PERSON_IDS) and not is_igo(actor):
        # "Kenzo Oshima, the United Nations relief coordinator": the office is the actor's
        for appos in (c for c in head.children if c.dep_ == "appos"):
            if is_igo(resolve_span(noun_phrase(appos))):
                actor = for_igo(actor)
                break
    if actor is None:
        for appos in (c for c in head.children if c.dep_ == "appos"):
            actor = resolve_span(noun_phrase(appos))
            if actor is not None:
                break
    if actor is None:
        actor = _actor_index(head.doc).get(head.i)
    named_modifier = any(
        child.ent_type_ in NAME_ENTS and child.dep_ in MODIFIER_DEPS
        for left in head.lefts
        for child in left.subtree
    )
    if actor is None and depth < 2 and not named_modifier:
        # "the US-led war against Iraq" is the US's: the modifier below names whose
        actor = _inner_party(head, depth)
    if actor is None:
        # "Kurdish positions", "the Saudi oil facility": the modifier names whose
        for left in head.lefts:
            for child in left.subtree:
                if child.ent_type_ in NAME_ENTS and child.dep_ in MODIFIER_DEPS:
                    actor = resolve_span(head.doc[child.i : child.i + 1])
                    if actor is not None:
                        break
            if actor is not None:
                break
        if actor is not None and not actor.sector:
            # "Kampuchean guerrilla camps": a strong kind word among the modifiers is whose
            sector = modifier_sector(span)
            if sector:
                actor = replace(actor, sector=sector)
    if actor is not None and actor.start is None:
        actor = replace(
            actor, text=actor.text or span.text, start=span.start_char, end=span.end_char
        )
    return actor


def _inner_party(head: Token, depth: int) -> Actor | None:
    """The party inside a head that is not one itself: "a truce with Moslem forces", "an appeal
    from President Gbagbo", "positions of the security forces", "a strike staged by teachers"."""
    for child in head.children:
        pobj = None
        if child.dep_ == "poss":
            pobj = child  # "Sweden's decision"
        elif child.dep_ == "prep" and child.lower_ in PARTY_PREPS:
            pobj = child_of(child, ("pobj",))
        elif child.dep_ == "acl" and child_of(child, ("agent",)) is not None:
            pobj = child_of(child_of(child, ("agent",)), ("pobj",))
        if pobj is None or pobj.ent_type_ in NOT_PARTY_ENTS or pobj.pos_ == "PRON":
            continue
        actor = resolve(pobj, depth + 1) or unnamed_party(pobj)
        if actor is not None:
            return titled_sector(actor, pobj)
    return None


def child_of(token: Token, deps: tuple[str, ...] | frozenset[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children)


def _subject(verb: Token) -> Token | None:
    """The verb's subject; of two (a parse error), the nearer: "BAGHDAD, Jan. 8 - Iran launched"
    hangs the dateline's city on the verb too."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if len(subjects) > 1:
        before = [c for c in subjects if c.i < verb.i]
        return before[-1] if before else subjects[0]
    return subjects[0] if subjects else None


def verb_subject(verb: Token) -> Token | None:
    """The doer of a verb, borrowing from governing clauses when the verb has none."""
    seen = 0
    while seen < 6:
        seen += 1
        if is_passive(verb):
            agent = child_of(verb, ("agent",))
            if agent is not None:
                return child_of(agent, ("pobj",))
            if child_of(verb, PASSIVE_SUBJECTS) is not None:
                return None
        else:
            subject = _subject(verb)
            if subject is not None:
                if subject.lower_ in PRONOUN_SUBJECTS and verb.dep_ == "relcl":
                    return verb.head
                if subject.lower_ in REPORTED_PRONOUNS and verb.dep_ == "ccomp":
                    # "Hungary said it will support": the pronoun is the speaker
                    speaker = child_of(verb.head, SUBJECTS)
                    if speaker is not None and speaker.pos_ != "PRON":
                        return speaker
                return subject
        if verb.dep_ == "relcl":
            return verb.head
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            return verb.head  # "militiamen firing rockets"
        if verb.dep_ not in INHERIT_DEPS or verb.head.i == verb.i:
            return None
        if verb.tag_ == "VBN" and not any(c.dep_.startswith("aux") for c in verb.children):
            return None  # "if attacked": a reduced passive, its subject is the one attacked
        if verb.dep_ == "ccomp":
            return None  # reported clause without a subject: do not credit the speaker
        # "by bombing" -> the verb the preposition hangs on
        verb = verb.head.head if verb.dep_ == "pcomp" else verb.head
        if verb.dep_ == "prep":
            verb = verb.head
    return None


def verb_recipients(verb: Token, event_type: str, skip: set[int]) -> list[Token]:
    """Candidate heads for the one acted on, best first. For types whose object is the thing
    moved or given (troops, aid) the recipient is the one it goes to or against; for verbal acts
    it may sit inside the object ("rejected calls by Belarus") or be the subject of the reported
    demand ("demanded that the US cancel")."""
    found: list[Token] = []
    if is_passive(verb):
        subject = child_of(verb, PASSIVE_SUBJECTS)
        if subject is not None:
            found.append(subject)
    dative = child_of(verb, ("dative",))
    if dative is not None and dative.pos_ != "ADP":
        found.append(dative)
    obj = child_of(verb, ("dobj",))
    thing = event_type in THING_OBJECT_TYPES
    if obj is not None and not (obj.i in skip or obj.like_num or thing):
        found.append(obj)
    preps = THING_TARGET_PREPS if thing else VERB_TARGET_PREPS
    if event_type in VERBAL_TYPES:
        preps = preps | {"to", "from"}
    if event_type == "ACCUSE":
        preps = preps | ACCUSED_PREPS
    audience: list[Token] = []
    # "kidnapped up to 16 advisers": the parser may hang the preposition on a particle
    attached = [*verb.children, *(g for c in verb.children if c.dep_ == "prt" for g in c.children)]
    for prep in (c for c in attached if c.dep_ in ("prep", "dative") and c.lower_ in preps):
        pobj = child_of(prep, ("pobj",)) or _dangling_object(prep)
        if pobj is not None and pobj.i not in skip and pobj.ent_type_ not in NOT_PARTY_ENTS:
            # "complained to the UN over Israeli raids": who hears an accusation is not accused
            (audience if event_type == "ACCUSE" and prep.lower_ == "to" else found).append(pobj)
    if thing and obj is not None:
        # "imposed sanctions on the Taliban", "halted aid to Serbia": the prep hangs on the thing
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in preps):
            pobj = child_of(prep, ("pobj",))
            if pobj is not None and pobj.i not in skip and pobj.ent_type_ not in NOT_PARTY_ENTS:
                found.append(pobj)
    if event_type in VERBAL_TYPES:
        for clause in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp")):
            subject = child_of(clause, SUBJECTS + PASSIVE_SUBJECTS)
            if subject is not None and subject.pos_ != "PRON":
                found.append(subject)
        # the recipient named inside the object or partner: "the withdrawal of Serbian forces"
        for holder in [obj, *(verb.doc[i] for i in skip)]:
            if holder is not None:
                found.extend(_inner_parties(holder))
        # "threatened to cut off power to Nakhichevan", "refused to respond to a demand from X"
        for clause in (c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"):
            found.extend(_clause_targets(clause, skip))
    return found + audience


def _clause_targets(clause: Token, skip: set[int]) -> list[Token]:
    """Who the act of an infinitive clause is aimed at: its object, or a party after a target
    preposition on the verb or on that object."""
    targets: list[Token] = []
    obj = child_of(clause, ("dobj",))
    holders = [clause] if obj is None else [clause, obj]
    if obj is not None and obj.i not in skip:
        targets.append(obj)
    for holder in holders:
        for prep in (c for c in holder.children if c.dep_ == "prep"):
            if prep.lower_ in VERB_TARGET_PREPS | THING_TARGET_PREPS:
                pobj = child_of(prep, ("pobj",))
                if pobj is not None and pobj.i not in skip:
                    targets.append(pobj)
    return [t for t in targets if t.ent_type_ not in NOT_PARTY_ENTS]


def _dangling_object(prep: Token) -> Token | None:
    """The noun a preposition governs when the parser hung it elsewhere ("granted asylum to five
    army officers holed up ...", where "officers" became the subject of "holed")."""
    doc = prep.doc
    last = None
    for token in doc[prep.i + 1 : min(prep.i + 8, len(doc))]:
        if token.pos_ in ("DET", "NUM", "ADJ") and last is None:
            continue
        if token.pos_ in ("NOUN", "PROPN"):
            last = token
            continue
        break
    return last


def _inner_parties(noun: Token) -> list[Token]:
    parties = []
    for child in noun.children:
        if child.dep_ == "poss":
            parties.append(child)
        elif child.dep_ == "prep" and child.lower_ in INNER_PREPS:
            pobj = child_of(child, ("pobj",))
            if pobj is not None:
                parties.append(pobj)
                parties.extend(_inner_parties(pobj) if pobj.lower_ not in INNER_STOP else [])
    return parties
