"""Which event a harm word or a casualty count belongs to.

"killed"/"wounded" caused by another attack trigger ("the blast killed", "killed in the attack",
"an attack that killed") is that attack's toll, not an event of its own; the casualty mentions of
a sentence are added up on the trigger they report.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import Actor
from . import arguments
from .auxmodes import denied_by_no
from .casualties import CasualtyMention, casualty_mentions
from .lexicon import Lexicon
from .triggers import Trigger

CASUALTY_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE"})
# Words for killing/wounding: when their cause is another trigger they are its toll, not events.
HARM_LEMMAS = frozenset(
    {"kill", "injure", "wound", "hurt", "die", "explode", "detonate", "hit", "strike"}
)
INJURY_LEMMAS = frozenset({"kill", "injure", "wound", "hurt", "die"})
# Harm verbs whose subject suffers the harm: they report a toll, never cause another act.
PATIENT_LEMMAS = frozenset({"die", "perish"})
CAUSE_PREPS = frozenset({"in", "by", "during", "from", "after", "following", "amid"})


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
        if (
            other is not None
            and other.entry.type == "ASSAULT"
            # "died when missiles hit their convoy": dying is the toll, the hit is the act
            and not (token.dep_ == "advcl" and other.token.lemma_ in PATIENT_LEMMAS)
        ):
            return other
        # "launched rocket fire against the camps, killing 20": the light verb's object
        for obj in (c for c in token.head.children if c.dep_ == "dobj"):
            for word in obj.subtree:
                other = by_token.get(word.i)
                if other is not None and other is not harm and other.entry.type == "ASSAULT":
                    return other
    if token.lemma_ not in INJURY_LEMMAS:
        return None
    for child in token.children:
        # "were injured when a roadside bomb exploded" (but not "strike back if attacked")
        other = by_token.get(child.i)
        conditional = any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in child.children)
        if (
            child.dep_ == "advcl"
            and not conditional
            and other is not None
            and other.entry.type == "ASSAULT"
        ):
            return other
    return None


def causes_of(triggers: list[Trigger], by_token: dict[int, Trigger], lexicon: Lexicon) -> dict:
    """Harm word index -> the trigger that caused it. A casualty verb with no doer of its own
    ("a civilian was killed when a bomb went off") reports the toll of the sentence's nearest
    attack."""
    causes: dict[int, Trigger] = {}
    attacks = [
        t
        for t in triggers
        if t.entry.type == "ASSAULT" and lexicon.lemma(t.token) not in HARM_LEMMAS
    ]
    for trigger in triggers:
        if trigger.kind != "verb" or lexicon.lemma(trigger.token) not in HARM_LEMMAS:
            continue
        cause = _cause(trigger, by_token)
        agentless = (
            cause is None
            and attacks
            and lexicon.lemma(trigger.token) in INJURY_LEMMAS
            and arguments.verb_subject(trigger.token) is None
        )
        if agentless:
            cause = min(attacks, key=lambda t: abs(t.token.i - trigger.token.i))
        if cause is not None:
            causes[trigger.token.i] = cause
    return causes


def root_cause(harm: Trigger, causes: dict[int, Trigger], folded: set[int]) -> Trigger | None:
    """Follow causes through other harm words ("killed ... and wounded"): the event they report."""
    target: Trigger | None = harm
    for _ in range(4):
        if target is None or target.token.i not in folded:
            return target
        target = causes.get(target.token.i)
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


def tolls_of(
    sentence: Span,
    by_token: dict[int, Trigger],
    violent: list[Trigger],
    folded: set[int],
    causes: dict[int, Trigger],
) -> dict[int, dict[str, int | None]]:
    """Trigger index -> {"dead": n, "injured": n} from the sentence's casualty mentions."""
    tolls: dict[int, dict[str, int | None]] = {}
    for mention in casualty_mentions(sentence):
        target = _link_casualty(mention, by_token, violent)
        if target is not None and target.token.i in folded:
            target = root_cause(target, causes, folded)
        if target is None or target.entry.type not in CASUALTY_TYPES:
            continue
        counts = tolls.setdefault(target.token.i, {})
        if mention.count is not None:
            counts[mention.kind] = (counts.get(mention.kind) or 0) + mention.count
        else:
            counts.setdefault(mention.kind, None)
    return tolls


def harm_party(head: Token | None, attack: Token) -> tuple[Token | None, Actor | None]:
    """A party of a casualty verb, unless it is the attack itself ("the blast killed") or named
    as untouched ("no civilians were killed in the strike": the strike hit someone else)."""
    if head is None or head.i == attack.i:
        return None, None
    if denied_by_no(head):
        return None, None
    return head, arguments.resolve(head)


def is_setting(head: Token | None) -> bool:
    """A recipient read from where the act happened ("a strike at Baghdad airport")."""
    places = ("GPE", "FAC", "LOC")
    return (
        head is not None
        and head.dep_ == "pobj"
        and head.head.lower_ in ("at", "in", "near")
        and (
            head.ent_type_ in places
            or any(c.dep_ == "compound" and c.ent_type_ in places for c in head.children)
        )
    )
