"""Find event triggers in a sentence: one pass over its tokens with dictionary lookups by lemma.

A trigger is a verb ("attacked"), a verb phrase ("opened fire", "called for"), a noun ("the
attack on the base") or a compound noun ("air strike"), with its lexicon entry and the mode refined
by nearby cue words ("rocket attack" -> heavy-weapons).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .auxmodes import clause_verb
from .crowds import (
    CROWD_DEMO,
    CROWD_RIOT,
    PARTITIVES,
    crowd_reading,
    heads_of,
    is_crowd,
    partitive,
)
from .lexicon import BLOCKED, HAND_WEIGHT, PHOENIX_VERB_WEIGHT, Entry, Lexicon

# Nominal triggers count only when something marks them as a reported happening.
NOUN_EVENT_PREPS = frozenset(
    {"on", "against", "by", "in", "at", "near", "upon", "targeting", "of", "into", "with", "across"}
)
PHRASE_DEPS = frozenset(
    {"dobj", "nsubjpass", "prt", "prep", "xcomp", "acomp", "oprd", "attr", "advmod"}
)
ARGUMENT_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON", "FAC", "LOC"})


@dataclass
class Trigger:
    token: Token
    entry: Entry
    kind: str  # "verb", "phrase", "noun", "compound"
    mode: str | None = None
    # Tokens that belong to the trigger text ("opened fire", "air strike").
    extra: list[Token] = field(default_factory=list)
    # Recipient fixed by the rule that made the trigger ("X said Y must ..." -> Y).
    recipient: Token | None = None
    # Contexts read from the sentence, added to the entry's ("repression").
    context: tuple[str, ...] = ()

    @property
    def start_char(self) -> int:
        return min(t.idx for t in [self.token, *self.extra])

    @property
    def end_char(self) -> int:
        return max(t.idx + len(t) for t in [self.token, *self.extra])

    @property
    def text(self) -> str:
        # a span's text, not doc.text: the latter rebuilds the whole document string
        tokens = [self.token, *self.extra]
        return self.token.doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1].text


def _phrase(token: Token, lexicon: Lexicon) -> tuple[Entry, Token] | None:
    """Most specific "verb + word" entry: object first, then particle, preposition, complement."""
    table = lexicon.phrases.get(lexicon.lemma(token))
    if not table:
        return None
    ranked = sorted(
        token.children,
        key=lambda c: {
            "dobj": 0,
            "nsubjpass": 0,
            "prt": 1,
            "prep": 2,
            "xcomp": 3,
            "acomp": 4,
            "advmod": 5,
        }.get(c.dep_, 9),
    )
    particle = any(c.dep_ == "prt" for c in token.children)
    derived: tuple[Entry, Token] | None = None
    for child in ranked:
        if child.dep_ not in PHRASE_DEPS:
            continue
        # "established a total of 56 points": the points name the phrase
        keyed = [(child.lemma_.lower(), child), (child.lower_, child)]
        if child.lower_ in lexicon.noun_forms:
            keyed.append((lexicon.noun_forms[child.lower_], child))
        inner = partitive(child)
        if inner is not child:
            keyed.append((inner.lemma_.lower(), inner))
        for key, partner in keyed:
            entry = table.get(key)
            if entry is BLOCKED and child.dep_ != "prt" and particle:
                continue  # "called off a strike": the particle's phrase decides, not the block
            # derived (Phoenix) phrases name objects and particles only; their prepositions
            # ("demand on") are too loose to trust
            # the passive subject is the object too: "weapons were seized"
            derived_ok = child.dep_ in ("dobj", "prt", "nsubjpass")
            if entry is not None and (
                entry.weight >= HAND_WEIGHT or (entry is BLOCKED and derived_ok)
            ):
                return entry, partner
            if entry is not None and derived_ok and derived is None:
                # a hand-written phrase on another word still wins: "members were taken
                # hostage" is a hostage-taking, not the derived "take member"
                derived = (entry, partner)
        # "put troops on alert": the object of a preposition names the phrase too
        if child.dep_ == "prep":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            entry = table.get(pobj.lemma_.lower()) if pobj is not None else None
            if entry is not None and entry.weight >= HAND_WEIGHT:
                return entry, pobj
    return derived


def is_naming(verb: Token, lexicon: Lexicon) -> bool:
    """ "called the attack a massacre": the verb gives its object a name (a second object that
    is not a date: "called Thursday on Arabs to unite" is a call)."""
    return lexicon.lemma(verb) in lexicon.naming_verbs and any(
        c.dep_ == "oprd" and c.ent_type_ not in ("DATE", "TIME") for c in verb.children
    )


def _names_event(noun: Token, lexicon: Lexicon) -> bool:
    """The object of a light verb is itself an event word, alone or with a modifier."""
    if noun.dep_ != "dobj" or noun.pos_ not in ("NOUN", "PROPN"):
        return False  # an object the tagger took for an adjective is found by no noun rule
    lemma = noun.lemma_.lower()
    if lexicon.noun(lemma) not in (None, BLOCKED):
        return True
    return any(
        lexicon.compound(lemma, c.lemma_.lower()) not in (None, BLOCKED)
        for c in noun.children
        if c.dep_ in ("compound", "amod", "nmod")
    )


def _has_named_subject(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "agent"):
            head = child if child.dep_ != "agent" else next(iter(child.children), child)
            if head.pos_ == "PROPN" or head.ent_type_ in ARGUMENT_ENTS:
                return True
            if any(t.ent_type_ in ARGUMENT_ENTS for t in head.subtree):
                return True
    return False


def _noun_is_event(token: Token, lexicon: Lexicon) -> bool:
    """A noun is reported as a happening, not just named: it has arguments or a role."""
    head = token.head
    if (
        token.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.lower_ in PARTITIVES
        and _noun_is_event(head.head, lexicon)
    ):
        return True  # "carried out a string of airstrikes": the string stands for them
    if token.dep_ in ("dobj", "nsubjpass") and lexicon.lemma(head) in lexicon.light_verbs:
        return True
    if token.dep_ == "pobj" and head.head.lemma_ in lexicon.responsibility_verbs:
        return True
    if (
        token.dep_ == "pobj"
        and head.head.lower_ == "responsibility"
        and head.head.head.lemma_ in lexicon.responsibility_verbs
    ):
        return True  # "claimed responsibility for the attack"
    if token.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "VERB":
        return True
    if token.dep_ == "dobj" and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "these") for c in token.children
    ):
        return True  # "described the airstrikes as retaliation": a known event talked about
    if token.dep_ == "ROOT":
        return True
    for child in token.children:
        if child.dep_ in ("poss", "nummod"):
            return True
        if child.dep_ == "prep" and child.lower_ in NOUN_EVENT_PREPS:
            return True
        if child.dep_ in ("compound", "amod") and (
            child.ent_type_ in ARGUMENT_ENTS or child.pos_ == "PROPN"
        ):
            return True
        if child.dep_ in ("acl", "relcl"):
            return True
    return token.dep_ == "pobj" and head.lower_ in ("in", "during", "after", "following", "by")


def _near(token: Token) -> list[Token]:
    """The trigger's children and the subtrees of its arguments and modifiers."""
    near: list[Token] = list(token.children)
    for child in token.children:
        if child.dep_ in ("prep", "agent", "nsubj", "dobj", "compound", "amod", "nsubjpass"):
            near.extend(child.subtree)
    return near


def _type_cue(trigger: Trigger, lexicon: Lexicon) -> Entry | None:
    """A word among the trigger's arguments that changes what the act is: troops deployed
    as peacekeepers are help given (AID), not a show of force."""
    cues = lexicon.type_cues.get(trigger.entry.type)
    if not cues:
        return None
    for candidate in _near(trigger.token):
        entry = cues.get(candidate.lemma_.lower()) or cues.get(candidate.lower_)
        if entry is not None:
            return entry
    return None


def _joint(token: Token) -> bool:
    """Two or more parties do it together: "French and Egyptian warships", "Iran and Iraq"."""
    subject = next((c for c in clause_verb(token).children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if subject.conjuncts:
        return True
    return any(c.dep_ == "amod" and c.conjuncts for c in subject.children)


def _mode_cue(trigger: Trigger, lexicon: Lexicon, sentence: Span) -> str | None:
    """A cue word near the trigger that says how it was done: highest priority, then nearest."""
    event_type = trigger.entry.type
    cues = lexicon.mode_cues.get(event_type)
    if not cues:
        return None
    token = trigger.token
    near = _near(token)
    if trigger.mode is None:
        # "were killed when a roadside bomb exploded": a bare harm verb takes its clause's weapon
        for child in token.children:
            if child.dep_ == "advcl":
                near.extend(child.subtree)
    if token.dep_ in ("acl", "relcl"):
        near.append(token.head)  # "rockets fired from Iran"
        near.extend(token.head.children)
    if token.head.i != token.i and token.dep_ in ("dobj", "pobj", "nsubj"):
        # "fired rockets at": the verb governing a nominal trigger may carry the weapon
        near.extend(c for c in token.head.children if c.i != token.i)
        near.extend(c for c in token.head.subtree if c.dep_ == "pobj")
    ranks = lexicon.mode_priority.get(event_type, {})
    best: tuple[int, int, str] | None = None
    for candidate in near:
        if _negated_word(candidate):
            continue
        mode = cues.get(candidate.lemma_.lower()) or cues.get(candidate.lower_)
        if mode:
            key = (ranks.get(mode, 99), abs(candidate.i - token.i), mode)
            best = key if best is None or key < best else best
    for candidate in sentence:
        if _negated_word(candidate):
            continue
        mode = cues.get(candidate.lemma_.lower()) or cues.get(candidate.lower_)
        if mode in lexicon.sentence_modes:
            key = (ranks.get(mode, 99), abs(candidate.i - token.i), mode)
            best = key if best is None or key < best else best
    return best[2] if best else None


def _negated_word(token: Token) -> bool:
    """ "non-violent", "non-lethal": the cue word says the opposite."""
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "non"


FORCE = Entry("ASSAULT", "crowd-control", "175")


OBLIGATION = Entry("REQUEST", None, "100")
JOINT_OPERATION = Entry("COOPERATE", None, "062", ("military",))


def obligation_triggers(sentence: Span, lexicon: Lexicon, taken: set[int]) -> list[Trigger]:
    """ "X said Y must do Z": a REQUEST by the speaker to Y, triggered by the saying verb."""
    found = []
    for token in sentence:
        if token.i in taken or token.lemma_ not in lexicon.reporting_verbs:
            continue
        for clause in token.children:
            if clause.dep_ != "ccomp":
                continue
            if any(
                c.dep_ == "aux" and c.lower_ in lexicon.obligation_modals for c in clause.children
            ):
                subject = next(
                    (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None
                )
                found.append(Trigger(token, OBLIGATION, "verb", recipient=subject))
                break
    return found


def find_triggers(sentence: Span, lexicon: Lexicon) -> list[Trigger]:
    triggers: list[Trigger] = []
    used: set[int] = set()
    for token in sentence:
        if token.i in used:
            continue
        lemma = lexicon.lemma(token)
        trigger: Trigger | None = None
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
            if lemma in lexicon.reporting_verbs and lemma not in lexicon.verbs:
                continue
            if token.dep_ == "amod" or (token.i > 0 and token.nbor(-1).text == "-"):
                continue  # "Iran-backed militias": a description, not an act
            if is_naming(token, lexicon):
                continue  # "called the attack a massacre": a name given, not a request
            found = _phrase(token, lexicon)
            own = lexicon.verb(lemma)
            if (
                found is not None
                and found[0] is not BLOCKED
                and own is not None
                and found[0].weight < own.weight
            ):
                found = None  # a hand-written verb beats a derived phrase
            if (
                found is not None
                and found[0].weight < HAND_WEIGHT
                and lemma in lexicon.light_verbs
                and _names_event(found[1], lexicon)
            ):
                found = None  # "launched a mediation effort": the object is the event
            if found is not None:
                entry, partner = found
                if entry is BLOCKED:
                    continue
                trigger = Trigger(token, entry, "phrase", extra=[partner])
                used.add(partner.i)
            else:
                entry = lexicon.verb(lemma)
                # a crowd that gathers protests, whatever a broad derived entry says
                weak = entry is None or entry.weight <= PHOENIX_VERB_WEIGHT
                if weak and lemma in lexicon.crowd_verbs | lexicon.riot_verbs:
                    crowd = heads_of(token, ("nsubj",), ())
                    if any(is_crowd(head, lexicon) for head in crowd):
                        entry = CROWD_RIOT if lemma in lexicon.riot_verbs else CROWD_DEMO
                if entry is None or entry is BLOCKED:
                    continue
                if lemma in lexicon.transitive_only and not any(
                    c.dep_ in ("dobj", "nsubjpass") for c in token.children
                ):
                    continue  # "negotiators returned to Geneva": movement, not a release
                if lemma in lexicon.light_verbs and any(
                    c.dep_ == "dobj" and lexicon.noun(c.lemma_.lower()) for c in token.children
                ):
                    continue  # "launched an attack": the noun is the event
                if entry.weight <= PHOENIX_VERB_WEIGHT and (
                    lemma in lexicon.light_verbs or not _has_named_subject(token)
                ):
                    continue  # broad derived entries need a named doer and a real verb
                trigger = Trigger(token, entry, "verb")
        elif token.pos_ in ("NOUN", "PROPN") and token.ent_type_ != "DATE":
            # a noun inside a date names a time ("on 26 March"), never an event
            modifier = next(
                (
                    c
                    for c in token.children
                    if c.dep_ in ("compound", "amod", "nmod")
                    and lexicon.compound(lemma, c.lemma_.lower()) is not None
                ),
                None,
            )
            if modifier is not None:
                entry = lexicon.compound(lemma, modifier.lemma_.lower())
                if entry is BLOCKED:
                    continue
                trigger = Trigger(token, entry, "compound", extra=[modifier])
                used.add(modifier.i)
            else:
                entry = lexicon.noun(lemma)
                if entry is None or entry is BLOCKED or not _noun_is_event(token, lexicon):
                    continue
                trigger = Trigger(token, entry, "noun")
        if trigger is None:
            continue
        trigger.entry, trigger.context = crowd_reading(
            token, trigger.entry, trigger.kind, trigger.context, lexicon
        )
        if trigger.entry.type == "COERCE" and trigger.entry.mode in (None, "restrict"):
            # dispersing a crowd with tear gas or water cannon is violence (ASSAULT crowd-control)
            probe = Trigger(token, FORCE, trigger.kind, extra=trigger.extra)
            if _mode_cue(probe, lexicon, sentence) == "crowd-control":
                trigger.entry, trigger.context = FORCE, ("repression",)
        trigger.entry = _type_cue(trigger, lexicon) or trigger.entry
        if trigger.entry.type == "MOBILIZE" and _joint(token):
            trigger.entry = JOINT_OPERATION  # PLOVER: joint military operations cooperate
        trigger.mode = trigger.entry.mode
        # compounds name their mode ("air strike"); cues refine the rest when they say more
        if trigger.kind != "compound" or trigger.mode is None:
            cue = _mode_cue(trigger, lexicon, sentence)
            ranks = lexicon.mode_priority.get(trigger.entry.type, {})
            # a cue wins over the word's own mode only when it says more ("bombed by jets")
            if cue and (trigger.mode is None or ranks.get(cue, 99) < ranks.get(trigger.mode, 99)):
                trigger.mode = cue
        triggers.append(trigger)
    triggers.extend(obligation_triggers(sentence, lexicon, {t.token.i for t in triggers}))
    return triggers
