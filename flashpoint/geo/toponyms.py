"""Toponym recognition: which stretches of a Doc name places.

Two sources: the statistical NER (GPE, LOC, FAC) and a gazetteer phrase match over capitalised
token runs, which catches what NER misses (bases such as "Ayn al-Asad", small towns). Demonyms
("Iraqi", "Americans") and people's names are not places.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..nlp.extensions import doc_layout
from .data import (
    load_local_words,
    load_not_places,
    load_organisation_words,
)
from .demonyms import demonym_country
from .gazetteer import Candidate, Gazetteer
from .names import abbreviation_key, fallback_keys, mention_key

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entities whose words must not be read as places ("Jordan Peterson", "Syrian").
BLOCKING_LABELS = {"PERSON", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL"}
MAX_WORDS = 5
# A phrase match must name something this big (or be a country, region, base...) to be trusted
# without NER's support: small towns share names with common capitalised words.
MIN_PHRASE_POPULATION = 20_000
PHRASE_FEATURES = {"country", "admin1", "admin2", "base", "region", "water", "continent"}
NAMED_FEATURES = {"base", "facility", "region", "country", "admin1", "water", "continent"}
# A city this big, under its own name, is taken even where NER read the word as a person's name.
SOFT_POPULATION = 1_000_000
NORP_POPULATION = 100_000
# Dependency roles in which a lone capitalised word is more often a person than a town.
PERSON_ROLES = {"nsubj", "nsubjpass", "appos"}
# Two-letter names written without full stops; other upper-case pairs are mostly state codes,
# read only after a comma ("Tulsa, OK").
SHORT_NAMES = {"US", "UK", "EU"}
LOCATIVE = {"in", "near", "at", "outside", "from", "to", "across", "around", "throughout", "into"}


@dataclass
class Mention:
    start: int  # token offsets in the doc
    end: int
    key: str
    source: str  # "ner", "gazetteer" or "abbreviation"


def is_demonym(text: str) -> bool:
    return demonym_country(text.strip()) is not None


def _trim(span: Span) -> tuple[int, int]:
    """Drops a leading "the" and trailing possessive or punctuation from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    return start, end


def _phrase_worthy(candidates: list[Candidate]) -> bool:
    for candidate in candidates:
        if candidate.kind == 0 and (
            candidate.feature in PHRASE_FEATURES or candidate.population >= MIN_PHRASE_POPULATION
        ):
            return True
        if candidate.feature in ("base", "facility", "region", "water", "country"):
            return True
    return False


def _capitalised(token: Token) -> bool:
    """A word that can start or continue a name: "Basra", "U.S.", "KIRKUK" (datelines)."""
    text = token.text
    if text in ("al-", "el-"):
        return True
    if not text[:1].isupper() or token.is_punct:
        return False
    if token.is_title or (token.is_upper and (len(text) > 2 or "." in text)):
        return True
    if text in SHORT_NAMES:
        return True
    # "DeKalb", "McLean", "DuPage": a capital inside a word that starts with one
    return text.isalpha() and not text.isupper() and text[1:2].islower()


def _inside_name(doc: Doc, start: int, end: int) -> bool:
    """True when the words around belong to a longer proper name ("Briar Vista", "Vista Ridge")."""
    if start > 0:
        before = doc[start - 1]
        if _capitalised(before) and not before.is_stop and not before.is_sent_start:
            return True
    return False


def _soft_support(
    doc: Doc, start: int, end: int, key: str, place_keys: set[str], candidates: list[Candidate]
) -> bool:
    """Evidence that a word NER read as a person's name, or a sentence's first word, is a place:
    the same name is a place elsewhere in the article, a locative word stands before it, it opens
    a dateline ("KYIV, April 8 —"), or it names a big city under its own name ("struck Kharkiv"):
    a lone word for a person is nearly always a surname the article spelled out before, and those
    were set aside already."""
    if key in place_keys:
        return True
    if start > 0 and doc[start - 1].lower_ in LOCATIVE:
        return True
    if doc_layout(doc).names_dateline_place(doc[start].idx, doc[end - 1].idx + len(doc[end - 1])):
        return True
    # NER's "nationality" on a word that is no demonym is mostly a city's name ("Sochi")
    floor = NORP_POPULATION if doc[start].ent_type_ == "NORP" else SOFT_POPULATION
    return any(c.kind == 0 and c.feature == "city" and c.population >= floor for c in candidates)


def in_states(candidates: list[Candidate], states: frozenset[str] | set[str]) -> bool:
    """Some place of that own name lies in one of `states` (first-level subdivision codes)."""
    return any(c.kind == 0 and c.admin1_code in states for c in candidates)


def _states_or_country(candidates: list[Candidate]) -> bool:
    """A sentence's first word that NER left untagged is a place if it is a country's or a
    state's own name ("Egypt, which ..."): capitalisation says nothing there, but such names
    seldom stand for anything else."""
    return any(c.kind == 0 and c.feature in ("country", "admin1") for c in candidates)


def _person_words(ents: list[Span], gazetteer: Gazetteer) -> set[str]:
    """Last words of people's names, less the names of countries and states: a headline
    "Rethinking Egypt" taken for a person must not unmake every later "Egypt"."""
    words = {ent[-1].lower_ for ent in ents if ent.label_ == "PERSON" and len(ent) > 1}
    found = gazetteer.lookup(mention_key(word) for word in words)
    return {word for word in words if not _states_or_country(found.get(mention_key(word), []))}


def _widest_known(
    start: int, end: int, key: str, grams: dict[tuple[int, int], str], found: dict
) -> tuple[int, int, str]:
    """The longest name the gazetteer knows that contains an NER span: NER often stops short of
    "County" or "Township" ("Henderson" in "Henderson County Sheriff's Department")."""
    best = (start, end, key)
    for i in range(max(0, end - MAX_WORDS), start + 1):
        for j in range(end, i + MAX_WORDS + 1):
            gram = grams.get((i, j))
            if gram in found and j - i > best[1] - best[0]:
                best = (i, j, gram)
    return best


def _local_cue(doc: Doc, end: int, groups: tuple[str, ...] = ("bodies",)) -> bool:
    """The word after a name makes it a place's: "Danbury police", "a Chiefland man"."""
    if end >= len(doc):
        return False
    words = load_local_words()
    return any(doc[end].lower_ in words.get(group, ()) for group in groups)


def _hint_allows(
    hint_spans: list[tuple[int, int]],
    hinted: list[int],
    doc: Doc,
    start: int,
    end: int,
) -> bool | None:
    """None when the phrase touches no NER span unknown to the gazetteer; else whether it is a
    name that opens that span and is followed, inside it, by a local word ("Henderson County" in
    "Henderson County Jail", "Athens" in "Athens Regional Park"). Other words there ("Main" in
    "Main Street") stay out, as when NER's span was taken whole."""
    if all(hinted[i] < 0 for i in range(start, end)):
        return None
    if hinted[start] < 0 or hinted[end - 1] != hinted[start]:
        return False
    span_start, span_end = hint_spans[hinted[start]]
    if start != span_start or end >= span_end:
        return False
    return _local_cue(doc, end, ("bodies", "institutions"))


def recognise(
    doc: Doc, gazetteer: Gazetteer, home_states: frozenset[str] = frozenset()
) -> list[Mention]:
    """Place mentions in `doc`, longest-first, not overlapping, in text order. `home_states`:
    the states the article's outlet mostly writes about (`homes`)."""
    taken = [False] * len(doc)
    blocked = [False] * len(doc)
    soft = [False] * len(doc)
    mentions: list[Mention] = []
    ents = list(doc.ents)  # doc.ents builds new spans on every access
    for ent in ents:
        if ent.label_ in BLOCKING_LABELS:
            # NER often takes a lone town name for a person, or a city for a nationality
            # ("Aleppo"); such words stay open to evidence.
            open_to_evidence = (ent.label_ == "PERSON" and len(ent) == 1) or (
                ent.label_ == "NORP" and not is_demonym(ent.text)
            )
            for i in range(ent.start, ent.end):
                soft[i] = open_to_evidence
                blocked[i] = not open_to_evidence
            if ent.label_ == "PERSON" and len(ent) > 1:
                # "Gainesville Fire Chief ..." read as a name: its first word may still be a
                # place if the article names that place elsewhere.
                soft[ent.start], blocked[ent.start] = True, False
    # Surnames ("Ripley" after "Ellen Ripley"), and one-word organisations
    # ("Toyota"), are not places when they stand alone later on.
    person_words = _person_words(ents, gazetteer)
    # ("the EU" is one too, for NER, but always the union)
    whole_orgs = {
        ent.start
        for ent in ents
        if ent.label_ == "ORG" and len(ent) == 1 and ent.text not in SHORT_NAMES
    }
    not_places = load_not_places()
    ner_spans: list[tuple[int, int]] = []
    for ent in ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        start, end = _trim(ent)
        if start >= end or is_demonym(doc[start:end].text):
            continue
        if end - start == 1 and doc[start].lower_ in person_words:
            continue
        ner_spans.append((start, end))

    # Gazetteer phrase matches over capitalised runs; NER spans are also looked up so that
    # one query serves both.
    grams: dict[tuple[int, int], str] = {}
    # Token attributes read once: this loop is the hot path of the place step.
    capitalised: list[bool] = []
    texts: list[str] = []
    lower: list[bool] = []
    for token in doc:
        capitalised.append(_capitalised(token))
        texts.append(token.text)
        lower.append(token.is_lower)
    for i in range(len(doc)):
        # "The" opens no name: the key drops it anyway, and the span would take it in
        if blocked[i] or not capitalised[i] or texts[i] in ("The", "THE"):
            continue
        for j in range(i + 1, min(i + MAX_WORDS, len(doc)) + 1):
            text = texts[j - 1]
            if text in ("-", "‑"):
                continue  # "al-Asad" is split around its hyphen; a name never ends on one
            # "PORT-AU-PRINCE", "Port-au-Prince": short words inside a hyphenated name
            hyphened = j - 2 > i and texts[j - 2] in ("-", "‑") and len(text) <= 4
            joined = hyphened and (doc[j - 1].is_upper or lower[j - 1])
            if blocked[j - 1] or not (capitalised[j - 1] or lower[j - 1] or joined):
                break
            if lower[j - 1] and not joined and text not in ("al", "el", "of", "de"):
                break
            grams[(i, j)] = mention_key(doc[i:j].text)
    people = [_trim(ent) for ent in ents if ent.label_ == "PERSON" and len(ent) > 1]
    ner_keyed = [(s, e, abbreviation_key(doc, s, e, gazetteer)) for s, e in ner_spans]
    keys = set(grams.values()) | {mention_key(doc[s:e].text) for s, e in people}
    keys |= {key for _, _, key in ner_keyed}
    keys |= {fallback for _, _, key in ner_keyed for fallback in fallback_keys(key)}
    found = gazetteer.lookup(keys)
    # NER reads some bases and regions as people ("Ain al-Asad"); a name the gazetteer knows as
    # something other than a town is taken back.
    for start, end in people:
        key = mention_key(doc[start:end].text)
        candidates = found.get(key, [])
        # ... and so is a whole "name" that is a town of the outlet's state ("Glen Allen")
        named = any(candidate.feature in NAMED_FEATURES for candidate in candidates)
        if named or in_states(candidates, home_states):
            ner_keyed.append((start, end, key))

    # hinted[i]: index of the NER place span, unknown to the gazetteer as a whole, that token i
    # lies in ("Henderson County Jail", "Mount Pleasant Civic Center"): names inside it are
    # looked for by the phrase match below, with NER's word that this is about a place.
    hinted = [-1] * len(doc)
    hint_spans: list[tuple[int, int]] = []
    for start, end, key in ner_keyed:
        wide = _widest_known(start, end, key, grams, found)
        if not any(taken[wide[0] : wide[1]]):
            start, end, key = wide
        if key not in found and not any(k in found for k in fallback_keys(key)):
            for i in range(start, end):
                hinted[i] = len(hint_spans)
            hint_spans.append((start, end))
            continue
        mentions.append(Mention(start, end, key, "ner"))
        for i in range(start, end):
            taken[i] = True
    # "Fort Bragg, N.C.": a state abbreviation after a comma names the state.
    for i in range(2, len(doc)):
        if taken[i] or texts[i - 1] != "," or not texts[i - 2][:1].isupper():
            continue
        key = abbreviation_key(doc, i, i + 1, gazetteer)
        if key != mention_key(doc[i].text):
            mentions.append(Mention(i, i + 1, key, "abbreviation"))
            taken[i] = True

    # A small town's name NER tagged as a place is trusted at its other occurrences when NER
    # tagged at least as many of them as it left: one stray tag ("Olympic") proves nothing.
    ner_counts = Counter(mention.key for mention in mentions if mention.source == "ner")
    open_counts = Counter(
        key
        for (start, end), key in grams.items()
        if key in ner_counts and not any(taken[start:end])
    )
    # Surnames and one-word organisations ("Xinhua") stay out whatever NER said once.
    named = set(person_words) | {doc[start].lower_ for start in whole_orgs}
    ner_keys = {
        key for key, count in ner_counts.items() if count >= open_counts[key] and key not in named
    }
    doubtful: list[tuple[int, int, str]] = []
    for (start, end), key in sorted(grams.items(), key=lambda item: item[0][0] - item[0][1]):
        if any(taken[start:end]) or key not in found:
            continue
        # "Laurel" before "County" is not a town when "Laurel County" is a name itself.
        longer = grams.get((start, end + 1))
        part = longer is not None and longer in found
        hint = _hint_allows(hint_spans, hinted, doc, start, end)
        if hint is False:
            continue
        # a stop word is no name ("But town officials ...", "The City Council")
        cued = hint or (_local_cue(doc, end) and not doc[start].is_stop)
        if cued and part and not taken[end]:
            end, key = end + 1, longer
        # a town of the outlet's state, unless an entity's name goes on past it with a word
        # that is not an institution's ("Sheldon Peck", "White House", not "Shiloh School")
        goes_on = (
            end < len(doc)
            and capitalised[end]
            and doc[end].ent_iob_ == "I"
            and not _local_cue(doc, end, ("bodies", "institutions"))
        )
        at_home = not goes_on and in_states(found[key], home_states)
        if not cued and not at_home and not _phrase_worthy(found[key]) and key not in ner_keys:
            continue
        if is_demonym(doc[start:end].text) or (not hint and _inside_name(doc, start, end)):
            continue
        single = end - start == 1
        if single and doc[start].lower_ in not_places:
            continue
        if not hint and (
            any(soft[start:end])
            or (single and doc[start].is_sent_start and not _states_or_country(found[key]))
            or (single and (doc[start].lower_ in person_words or start in whole_orgs))
        ):
            doubtful.append((start, end, key))
            continue
        mentions.append(Mention(start, end, key, "gazetteer"))
        for i in range(start, end):
            taken[i] = True
    place_keys = {mention.key for mention in mentions}
    for start, end, key in doubtful:
        if any(taken[start:end]):
            continue
        # A local word after a surname ("Clinton officials") says nothing about a place.
        cued = (
            _local_cue(doc, end)
            and not doc[start].is_stop
            and doc[start].lower_ not in person_words
            and grams.get((start, end + 1)) not in found
        )
        # A town of the outlet's own state is taken at a sentence's start or where NER said
        # "organisation" when it qualifies a noun ("Roselle officers") or follows a preposition;
        # a name that is a clause's subject ("Manning cited ...") or a person's name is more
        # often a surname.
        head = doc[end - 1]
        at_home = (
            head.pos_ == "PROPN"
            and head.dep_ not in PERSON_ROLES
            and not any(doc[i].ent_type_ == "PERSON" for i in range(start, end))
            and in_states(found[key], home_states)
        )
        if cued or at_home or _soft_support(doc, start, end, key, place_keys, found[key]):
            mentions.append(Mention(start, end, key, "gazetteer"))
            for i in range(start, end):
                taken[i] = True
    # Lists of counties, party-and-home tags, datelines and "Town, State" say "place" whatever
    # NER read (imported here: cues builds on this module's Mention).
    from .cues import cued_mentions

    mentions += cued_mentions(doc, gazetteer, taken, mentions, home_states)
    organisation_words = load_organisation_words()
    # ... but "the Florida Division of Forestry" is a state's office, named after the state
    mentions = [
        mention
        for mention in mentions
        if mention.end >= len(doc)
        or not (doc[mention.end].lower_ in organisation_words and _capitalised(doc[mention.end]))
        or (mention.end + 1 < len(doc) and doc[mention.end + 1].lower_ == "of")
    ]
    mentions.sort(key=lambda mention: mention.start)
    return mentions
