"""Turn matcher hits into actor mentions on a spaCy Doc: pick the KB entry, read titles by date,
build country + sector phrases ("Iraqi security forces"), and mark backers ("Iranian-backed").

The result is a list of `Mention`s kept beside the Doc (a weak map, not `doc.user_data`, so the
Doc still serialises with `to_bytes`), which both the fp_actors component
and `resolve_span` read, so the text is matched once per document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span

from ..model import Actor
from .kb import Entry, KnowledgeBase, get_kb
from .matcher import Match, get_index

# Per-Doc caches, dropped with the Doc.
_MENTIONS: WeakKeyDictionary = WeakKeyDictionary()
_BY_TOKEN: WeakKeyDictionary = WeakKeyDictionary()
# spaCy dependency labels by which a word modifies the noun it precedes.
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "nummod", "det"})
_SUFFIX_RE = re.compile(r"\s*[-–]\s*(\w+)")
_PREFIX_RE = re.compile(r"(\w+)\s*[-–]\s*$")


@dataclass
class Mention:
    start: int  # token offsets in the Doc
    end: int
    # entity | country | capital | demonym | sector | title | coref | phrase
    kind: str
    actor: Actor | None = None
    entry: Entry | None = None
    sector: str | None = None
    strong: bool = False
    # The name backs or opposes the actor rather than being it ("Iranian-backed", "anti-ISIS").
    backer: bool = False
    role: str | None = None


def doc_date(doc: Doc) -> date:
    published = doc._.fp_published if Doc.has_extension("fp_published") else None
    if isinstance(published, datetime):
        return published.date()
    return published if isinstance(published, date) else date.today()


def entity_actor(kb: KnowledgeBase, entry: Entry, on: date, span: Span) -> Actor:
    country, sector = kb.state_at(entry, on)
    return Actor(
        name=entry.name,
        id=entry.id,
        text=span.text,
        country=country,
        sector=sector,
        aliases=list(entry.aliases),
        start=span.start_char,
        end=span.end_char,
    )


def generic_actor(kb: KnowledgeBase, country: str | None, sector: str | None, span: Span) -> Actor:
    """An actor read from a phrase rather than named in the KB: country plus sector."""
    label = kb.sector_labels.get(sector or "", "")
    country_name = kb.country_names.get(country or "", country or "")
    name = " ".join(part for part in (country_name, label) if part) or span.text
    key = f"{country or '-'}/{sector or '-'}"
    return Actor(
        name=name,
        id=f"generic/{key}",
        text=span.text,
        country=country,
        sector=sector,
        start=span.start_char,
        end=span.end_char,
    )


def choose(kb: KnowledgeBase, match: Match, on: date) -> Entry | None:
    """Among entries sharing an alias: active on the date, then curated, then listed first."""
    entries = [
        kb.entries[ref[1]] for ref in match.refs if ref[0] == "entity" and ref[1] in kb.entries
    ]
    if not entries:
        return None
    return min(entries, key=lambda entry: (not kb.active(entry, on), entry.source == "phoenix"))


def is_backer(kb: KnowledgeBase, text: str, start: int, end: int) -> bool:
    after = _SUFFIX_RE.match(text, end)
    if after and after.group(1).lower() in kb.affiliation_suffixes:
        return True
    before = _PREFIX_RE.search(text, max(0, start - 12), start)
    return bool(before and before.group(1).lower() in kb.stance_prefixes)


def in_person_name(span: Span, kinds: set[str], refs: tuple) -> bool:
    """A one-word country or capital inside a longer PERSON name ("Michael Jordan", "Chad Smith",
    "Georgia Thompson") is part of the name, not the place."""
    if len(span) != 1:
        return False
    if "capital" not in kinds and not any(
        ref[0] == "entity" and ref[1].startswith("country/") for ref in refs
    ):
        return False
    token = span[0]
    return token.ent_type_ == "PERSON" and (
        token.ent_iob_ == "I"
        or (token.i + 1 < len(span.doc) and span.doc[token.i + 1].ent_iob_ == "I")
    )


def named_countries(kb: KnowledgeBase, matches: list[Match]) -> Counter:
    """How often the text names each country by name, other name or capital."""
    counts: Counter = Counter()
    for match in matches:
        for ref in match.refs:
            if ref[0] == "capital":
                counts[ref[1]] += 1
            elif ref[0] == "entity" and ref[1].startswith("country/"):
                counts[ref[1].removeprefix("country/")] += 1
    return counts


def demonym_country(kb: KnowledgeBase, iso3: str, named: Counter) -> str:
    """A demonym several countries share goes to the one the article names most ("Congolese
    police" in an article about Brazzaville), else to its first-listed country."""
    choices = (iso3, *kb.demonym_alternatives.get(iso3, ()))
    return max(choices, key=lambda code: named[code]) if len(choices) > 1 else iso3


def read_matches(doc: Doc, kb: KnowledgeBase, on: date) -> list[Mention]:
    mentions = []
    text = doc.text  # Doc.text is rebuilt from the tokens on every access
    matches = get_index().find(text)
    named = named_countries(kb, matches)
    for match in matches:
        span = doc.char_span(match.start, match.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        kinds = match.kinds()
        if in_person_name(span, kinds, match.refs):
            continue
        backer = is_backer(kb, text, match.start, match.end)
        entry = choose(kb, match, on)
        sector = next((ref for ref in match.refs if ref[0] == "sector"), None)
        mention = Mention(span.start, span.end, "sector", backer=backer)
        if sector:
            mention.sector, mention.strong = sector[1], sector[2]
        if entry is not None:
            mention.kind = "country" if entry.type == "country" else "entity"
            mention.entry = entry
            mention.actor = entity_actor(kb, entry, on, span)
        elif "title" in kinds:
            title = next(ref for ref in match.refs if ref[0] == "title")
            mention.kind, mention.role = "title", title[1]
            mention.actor = Actor(name="", country=title[2] or None)
        elif "capital" in kinds or "demonym" in kinds:
            ref = next(ref for ref in match.refs if ref[0] in ("capital", "demonym"))
            mention.kind = ref[0]
            iso3 = demonym_country(kb, ref[1], named) if ref[0] == "demonym" else ref[1]
            country_entry = kb.entries[f"country/{iso3}"]
            mention.entry = country_entry
            sector_code = "GOV" if ref[0] == "capital" else None
            actor = generic_actor(kb, iso3, sector_code, span)
            if ref[0] == "capital":
                actor.name = country_entry.name
                actor.id = country_entry.id
            mention.actor = actor
        mentions.append(mention)
    return mentions


def resolve_titles(doc: Doc, kb: KnowledgeBase, mentions: list[Mention], on: date) -> None:
    """'the Secretary of State' in 2019 is Pompeo; 'Iraqi Prime Minister' is who held it then."""
    for k, mention in enumerate(mentions):
        if mention.kind != "title":
            continue
        after = mentions[k + 1] if k + 1 < len(mentions) else None
        between = doc[mention.end : after.start] if after else None
        if (
            after is not None
            and after.entry is not None
            and after.entry.type == "person"
            and all(token.is_punct for token in between)
            and len(between) <= 1
        ):
            # "Defense Secretary Mark Esper": the name is the actor, the title only describes it
            mention.kind, mention.actor = "sector", None
            continue
        following = doc[mention.end] if mention.end < len(doc) else None
        if following is not None and following.is_title and following.pos_ == "PROPN":
            # "President Suharto": a title before a name the KB lacks is not the office-holder
            mention.kind, mention.actor = "sector", None
            continue
        country = mention.actor.country if mention.actor else None
        before = mentions[k - 1] if k > 0 else None
        if before and before.kind in ("country", "demonym", "capital") and not before.backer:
            gap = doc[before.end : mention.start]
            if len(gap) <= 1 and all(token.lower_ in ("'s", "’s", "the") for token in gap):
                country = before.actor.country if before.actor else country
        if after is not None and after.kind in ("country", "capital") and not after.backer:
            gap = doc[mention.end : after.start]
            if [token.lower_ for token in gap] in (["of"], ["of", "the"]):
                country = (
                    after.actor.country if after.actor else country
                )  # "prime minister of Iraq"
        span = doc[mention.start : mention.end]
        holders = kb.holders(mention.role or "", country, on) if country else []
        if not holders and country is None:
            holders = [
                earlier.entry
                for earlier in reversed(mentions[:k])
                if earlier.entry is not None
                and earlier.entry.type == "person"
                and any(
                    role.role == mention.role and role.active(on) for role in earlier.entry.roles
                )
            ][:1]
        if holders:
            mention.entry = holders[0]
            mention.actor = entity_actor(kb, holders[0], on, span)
        elif country:
            mention.actor = generic_actor(
                kb, country, kb.role_sectors.get(mention.role or ""), span
            )
        else:
            mention.actor = None


def sector_of(kb: KnowledgeBase, token, by_token: dict[int, Mention]) -> tuple[str | None, bool]:
    mention = by_token.get(token.i)
    if mention is not None and mention.sector:
        return mention.sector, mention.strong
    for word in (token.lower_, token.lemma_.lower()):
        if word in kb.sector_words:
            return kb.sector_words[word]
    return None, False


def phrase_sector(kb: KnowledgeBase, span: Span, by_token: dict[int, Mention]) -> str | None:
    """Sector of a phrase from its head noun; a strong modifier beats a weak head
    ('militia leaders' are REB, not GOV)."""
    sector, strong = sector_of(kb, span.root, by_token)
    if strong or not len(span):
        return sector
    for token in span:
        # only words before the head modify it: "supporters of President X" are not government
        if token.i < span.root.i:
            modifier, modifier_strong = sector_of(kb, token, by_token)
            if modifier and modifier_strong:
                return modifier
    return sector


def _shared_head_sector(kb: KnowledgeBase, token, by_token: dict[int, Mention]) -> str | None:
    """The sector of a noun a demonym is coordinated with ("Leonean and Liberian refugees")."""
    for conj in (c for c in token.children if c.dep_ == "conj" and c.pos_ == "NOUN"):
        sector, _ = sector_of(kb, conj, by_token)
        if sector:
            return sector
    return None


def _home_of(token, by_token: dict[int, Mention]) -> Mention | None:
    """The country in an "of" phrase after a people's name ("Kurds of northern Syria")."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for inner in prep.subtree:
                found = by_token.get(inner.i)
                if found is not None and found.kind in ("country", "capital"):
                    return found
    return None


def build_phrases(doc: Doc, kb: KnowledgeBase, mentions: list[Mention], on: date) -> list[Mention]:
    """'Iraqi security forces', 'five Panamanian army officers': demonym + sector head noun."""
    by_token = {i: mention for mention in mentions for i in range(mention.start, mention.end)}
    phrases = []
    for mention in mentions:
        if mention.kind != "demonym" or mention.backer:
            continue
        token = doc[mention.end - 1]
        head = token.head
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in MODIFIER_DEPS:
            # "the Iraqis", "Americans": the people of a country, coded as the country.
            actor = entity_actor(kb, mention.entry, on, doc[mention.start : mention.end])
            home = _home_of(token, by_token)
            shared = _shared_head_sector(kb, token, by_token)
            if home is not None and home.actor is not None and home.entry != mention.entry:
                # "the Albanians of southern Serbia": a people coded where it lives
                span = doc[mention.start : home.end]
                actor = generic_actor(kb, home.actor.country, "CVL", span)
            elif shared is not None:
                # "Sierra Leonean and Liberian refugees": both demonyms share the head noun
                country = mention.actor.country if mention.actor else None
                actor = generic_actor(kb, country, shared, doc[mention.start : mention.end])
            phrases.append(Mention(mention.start, mention.end, "phrase", actor=actor))
            continue
        if token.dep_ in MODIFIER_DEPS and head.i >= mention.end and head.i - mention.end < 5:
            owner = by_token.get(head.i)
            if owner is not None and owner.kind in ("entity", "title"):
                continue
            if owner is not None and owner.kind == "demonym" and owner.entry != mention.entry:
                # "Bosnian Serbs", "Iraqi Turkmen": a people coded where it lives, as civilians
                span = doc[mention.start : owner.end]
                country = mention.actor.country if mention.actor else None
                actor = generic_actor(kb, country, "CVL", span)
                phrases.append(Mention(span.start, span.end, "phrase", actor=actor, sector="CVL"))
                continue
            after = by_token.get(head.i + 1)
            if after is not None and after.entry is not None and after.entry.type == "person":
                continue  # "Iraqi Prime Minister Adil Abdul-Mahdi": the name is the actor
            sector = phrase_sector(kb, doc[mention.end : head.i + 1], by_token)
            if sector:
                span = doc[mention.start : head.i + 1]
                actor = generic_actor(
                    kb, mention.actor.country if mention.actor else None, sector, span
                )
                phrases.append(Mention(span.start, span.end, "phrase", actor=actor, sector=sector))
    return phrases


def annotate(doc: Doc) -> list[Mention]:
    """All mentions in a Doc, computed once per Doc."""
    cached = _MENTIONS.get(doc)
    if cached is not None:
        return cached
    from .coref import link  # coreference needs the mention list built here

    kb = get_kb()
    on = doc_date(doc)
    mentions = read_matches(doc, kb, on)
    resolve_titles(doc, kb, mentions, on)
    mentions.extend(build_phrases(doc, kb, mentions, on))
    mentions.extend(link(doc, kb, mentions, on))
    mentions.sort(key=lambda mention: (mention.start, -mention.end))
    _MENTIONS[doc] = mentions
    _BY_TOKEN.pop(doc, None)
    return mentions


def forget(doc: Doc) -> None:
    """Drop a Doc's cached mentions (the component recomputes them on every run)."""
    _MENTIONS.pop(doc, None)
    _BY_TOKEN.pop(doc, None)


def by_token(doc: Doc) -> dict[int, list[Mention]]:
    """Mentions covering each token, so that resolving a span looks at its own tokens only."""
    index = _BY_TOKEN.get(doc)
    if index is None:
        index = {}
        for mention in annotate(doc):
            for i in range(mention.start, mention.end):
                index.setdefault(i, []).append(mention)
        _BY_TOKEN[doc] = index
    return index
