"""Dead and injured counts from the words of a sentence.

A casualty mention is a word such as "killed", "dead", "wounded" or "death toll" together with the
people it counts. Counts are read from the victims' number ("at least 24 people", "five Iraqi
soldiers", "an American contractor" = 1); vague quantities ("dozens", "several") give None rather
than a guess. Linking a mention to its event is the coder's job (it knows the triggers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

KILL_LEMMAS = frozenset({"kill", "die", "dead", "death", "toll", "slay", "massacre", "fatality"})
INJURE_LEMMAS = frozenset({"injure", "wound", "hurt", "injury", "injured", "wounded", "casualty"})
ALL_LEMMAS = KILL_LEMMAS | INJURE_LEMMAS

UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "dozen": 12, "both": 2, "couple": 2, "pair": 2,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Plural scale words and quantifiers say "many" without saying how many.
VAGUE = frozenset(
    {"dozens", "scores", "hundreds", "thousands", "millions", "several", "many",
     "numerous", "multiple", "few", "countless", "tens", "more", "most", "various"}
)  # fmt: skip
# Words around a number that bound or hedge it: "at least 24", "around 62" count as the number.
HEDGES = frozenset(
    {"and", "at", "least", "about", "around", "nearly", "almost", "over", "than", "up", "to",
     "approximately", "roughly", "estimated", "some"}
)  # fmt: skip
DIGITS = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")


@dataclass(frozen=True)
class CasualtyMention:
    kind: str  # "dead" or "injured"
    count: int | None
    word: Token  # the casualty word ("killed", "dead", "toll")


def words_to_int(words: list[str]) -> int | None:
    """ "two dozen" -> 24, "forty-five" -> 45, "1,200" -> 1200; None for anything vague."""
    total, current, seen = 0, 0, False
    for raw in words:
        for word in filter(None, raw.lower().split("-")):
            if word in VAGUE:
                return None
            if DIGITS.match(word):
                current += int(word.replace(",", ""))
            elif word in UNITS:
                current = (
                    current * UNITS[word] if word == "dozen" and current else current + UNITS[word]
                )
            elif word in TENS:
                current += TENS[word]
            elif word in SCALES:
                current = max(current, 1) * SCALES[word]
                if SCALES[word] >= 1000:
                    total, current = total + current, 0
            elif word in HEDGES:
                continue
            else:
                return None
            seen = True
    return total + current if seen else None


def count_of(noun: Token) -> int | None:
    """How many people a victim noun phrase names; None when it does not say."""
    if noun.lower_ in VAGUE:
        return None
    if noun.like_num or noun.pos_ == "NUM":
        words = [
            t.text for t in noun.subtree if t.like_num or t.lower_ in UNITS or t.lower_ in SCALES
        ]
        return words_to_int(words or [noun.text])
    total: int | None = None
    # "23 people as well as themselves": the attackers named by a pronoun are not counted
    others = [c for c in noun.conjuncts if c.i > noun.i and c.pos_ != "PRON"]
    for member in [noun, *others]:
        number = _own_count(member)
        if number is None:
            return None
        total = (total or 0) + number
    return total


def _own_count(noun: Token) -> int | None:
    numbers = [
        c for c in noun.children if c.dep_ == "nummod" or (c.like_num and c.dep_ != "compound")
    ]
    if numbers:
        words = []
        for number in numbers:
            words.extend(
                t.text
                for t in number.subtree
                if t.dep_ not in ("advmod", "quantmod", "cc") and not t.is_punct
            )
        return words_to_int(words)
    for child in noun.children:
        if child.lower_ in VAGUE or child.lower_ == "some":
            return None
    determiners = {c.lower_ for c in noun.children if c.dep_ in ("det", "poss")}
    if "no" in determiners:
        return 0
    plural = noun.tag_ in ("NNS", "NNPS")
    if plural:
        return None
    if noun.lower_ in {"one", "someone", "person", "anyone"}:
        return 1
    if determiners & {"a", "an", "the", "one", "this", "that"} or noun.ent_type_ == "PERSON":
        return 1 if noun.pos_ in ("NOUN", "PROPN") else None
    if noun.pos_ == "PROPN" and noun.ent_type_ in ("PERSON", ""):
        return 1
    return None


def _victims(word: Token) -> Token | None:
    """The noun that counts the dead or injured for one casualty word."""
    deps = {c.dep_: c for c in word.children}
    if word.pos_ == "VERB" or word.tag_.startswith("VB"):
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in word.children)
        if word.lemma_ == "die" or (passive and "nsubjpass" in deps):
            return deps.get("nsubj") or deps.get("nsubjpass")
        if "dobj" in deps:
            return deps["dobj"]
        for child in word.children:
            # "wounded around 40": the parser reads the hedge as a preposition
            if child.dep_ == "prep" and child.lower_ in HEDGES:
                number = next((g for g in child.children if g.like_num), None)
                if number is not None:
                    return number
        if "nsubjpass" in deps:
            return deps["nsubjpass"]
        # "and around 62 injured": a bare participle whose subject is the victims
        has_perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in word.children)
        if word.tag_ == "VBN" and "nsubj" in deps and not has_perfect:
            return deps["nsubj"]
        # "two soldiers killed and three wounded": reduced relative on the victim noun
        if word.dep_ in ("acl", "amod") and word.head.pos_ in ("NOUN", "PROPN", "NUM"):
            return word.head
        if word.dep_ == "conj" and word.head.pos_ in ("NOUN", "NUM"):
            return word.head
        return None
    if word.lemma_ in ("toll", "casualty", "fatality", "death", "injury"):
        # "the death toll rose to 24", "deaths of three people", "24 deaths"
        numbers = [c for c in word.children if c.dep_ == "nummod"]
        if numbers:
            return numbers[0]
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        head = word.head
        if word.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
            for child in head.children:
                if child.dep_ in ("prep", "attr", "dobj") and child.i > word.i:
                    target = (
                        child
                        if child.dep_ != "prep"
                        else next((g for g in child.children if g.dep_ == "pobj"), None)
                    )
                    if target is not None and (target.like_num or target.pos_ == "NUM"):
                        return target
        return None
    # adjectives: "five people dead", "24 dead and 30 wounded", "left two dead"
    numbers = [c for c in word.children if c.dep_ == "nummod" or c.like_num]
    if numbers:
        return numbers[0]
    if word.dep_ == "amod" and word.head.pos_ in ("NOUN", "PROPN"):
        return word.head
    if word.head.pos_ in ("VERB", "AUX"):
        # "left two people dead": the object; "five people were dead": the subject
        children = {c.dep_: c for c in word.head.children if c.i != word.i}
        for dep in ("dobj", "nsubjpass", "nsubj"):
            if dep in children and (dep != "nsubj" or word.head.lemma_ == "be"):
                return children[dep]
    left = word.doc[word.i - 1] if word.i > 0 else None
    if left is not None and left.like_num:
        return left
    return None


def casualty_mentions(sentence: Span) -> list[CasualtyMention]:
    mentions: list[CasualtyMention] = []
    for token in sentence:
        lemma = token.lemma_.lower()
        if lemma not in ALL_LEMMAS and token.lower_ not in ALL_LEMMAS:
            continue
        if lemma == "death" and token.dep_ == "compound" and token.head.lemma_ == "toll":
            continue  # the toll itself carries the count
        kind = "dead" if (lemma in KILL_LEMMAS or token.lower_ in KILL_LEMMAS) else "injured"
        victims = _victims(token)
        count = count_of(victims) if victims is not None else None
        mentions.append(CasualtyMention(kind, count, token))
    return mentions
