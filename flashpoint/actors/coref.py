"""Within-document coreference: 'the group', 'the militia', 'Mr. Esper', 'he' -> an earlier actor.

Deliberately simple: the nearest earlier mention that is type-compatible (coref.yaml says which
kinds of entry a noun or pronoun can point to) within a few sentences wins.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Token

from .kb import KnowledgeBase
from .mentions import Mention, entity_actor

DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def _sentence_index(doc: Doc) -> list[int]:
    """Sentence number of every token (one sentence when the Doc has no boundaries)."""
    if not doc.has_annotation("SENT_START"):
        return [0] * len(doc)
    numbers, current = [], -1
    for token in doc:
        if token.is_sent_start or current < 0:
            current += 1
        numbers.append(current)
    return numbers


def _compatible(mention: Mention, spec: dict) -> bool:
    entry = mention.entry
    if entry is None or mention.backer or mention.actor is None:
        return False
    if entry.type not in spec.get("types", ()):
        return False
    sectors = spec.get("sectors")
    return not sectors or (mention.actor.sector in sectors)


def _antecedent(
    position: int,
    spec: dict,
    named: list[Mention],
    sentences: list[int],
    window: int,
    doc: Doc | None = None,
) -> Mention | None:
    """Nearest compatible earlier mention; pronouns prefer one that was a clause subject
    ("Iran attacked Saudi Arabia. It also ..." is Iran), and `subjects: true` requires it."""
    candidates = []
    for earlier in reversed(named):
        if earlier.end > position:
            continue
        if sentences[position] - sentences[earlier.start] > window:
            break
        if _compatible(earlier, spec):
            candidates.append(earlier)
    if doc is None or not candidates:
        return candidates[0] if candidates else None
    subjects = [m for m in candidates if doc[m.start : m.end].root.dep_ in SUBJECT_DEPS]
    if subjects:
        return subjects[0]
    return None if spec.get("subjects") else candidates[0]


def _with_span(found: Mention, doc: Doc, start: int, end: int, spec: dict | None = None) -> Mention:
    span = doc[start:end]
    actor = replace(found.actor, text=span.text, start=span.start_char, end=span.end_char)
    if found.entry is not None and found.entry.type == "country":
        # A country named again as "the country" or "the government": the state itself.
        sector = (spec or {}).get("sector")
        actor = replace(actor, name=found.entry.name, id=found.entry.id, sector=sector)
    return Mention(start, end, "coref", actor=actor, entry=found.entry, sector=actor.sector)


# Modifiers that keep "the same militia" a back-reference; any other modifier makes a new phrase.
REFERRING_MODIFIERS = frozenset(
    {"same", "latter", "former", "whole", "entire", "militant", "armed"}
)


def _definite(token: Token) -> bool:
    children = list(token.children)
    if not any(child.dep_ == "det" and child.lower_ in DETERMINERS for child in children):
        return False
    return all(
        child.dep_ in ("det", "prep", "relcl", "acl", "punct", "cc", "conj", "appos")
        or child.lower_ in REFERRING_MODIFIERS
        for child in children
        if child.i < token.i
    )


def link(doc: Doc, kb: KnowledgeBase, mentions: list[Mention], on: date) -> list[Mention]:
    spec_nouns: dict = kb.coref.get("nouns", {})
    spec_pronouns: dict = kb.coref.get("pronouns", {})
    honorifics = frozenset(kb.coref.get("honorifics", ()))
    window = int(kb.coref.get("window", 4))
    sentences = _sentence_index(doc)
    covered = {
        i for mention in mentions if mention.entry for i in range(mention.start, mention.end)
    }
    named = sorted((m for m in mentions if m.entry is not None), key=lambda m: m.start)
    found: list[Mention] = []
    linked = 0
    for token in doc:
        if token.i in covered:
            continue
        lower = token.lower_
        if lower in spec_nouns and token.pos_ == "NOUN" and _definite(token):
            earlier = _antecedent(token.i, spec_nouns[lower], named, sentences, window)
            if earlier:
                start = min(child.i for child in token.children if child.dep_ == "det")
                found.append(_with_span(earlier, doc, start, token.i + 1, spec_nouns[lower]))
        elif lower in spec_pronouns and token.dep_ in SUBJECT_DEPS:
            spec = spec_pronouns[lower]
            earlier = _antecedent(token.i, spec, named, sentences, spec.get("window", 2), doc)
            if earlier:
                found.append(_with_span(earlier, doc, token.i, token.i + 1))
        elif lower.rstrip(".") in honorifics and token.i + 1 < len(doc):
            surname = doc[token.i + 1]
            if surname.is_title and surname.i not in covered:
                for earlier in reversed(named):
                    if (
                        earlier.start < token.i
                        and earlier.entry.type == "person"
                        and earlier.entry.name.split()[-1] == surname.text
                    ):
                        found.append(_with_span(earlier, doc, token.i, surname.i + 1))
                        break
                else:
                    # "President Suharto" with no earlier full name: a surname the KB knows for
                    # exactly one person active on the date. Imported people carry few dates, so
                    # a common surname ("Hassan") among them names nobody in particular: theirs
                    # count only when no one else in the KB has it.
                    bearers = kb.by_surname(surname.text)
                    people = [
                        e
                        for e in bearers
                        if kb.active(e, on) and (e.source != "phoenix" or len(bearers) == 1)
                    ]
                    if len(people) == 1:
                        span = doc[token.i : surname.i + 1]
                        actor = entity_actor(kb, people[0], on, span)
                        found.append(Mention(token.i, surname.i + 1, "coref", actor, people[0]))
        if len(found) > linked:
            named.append(found[-1])  # later references may chain through this one
            linked = len(found)
    return found
