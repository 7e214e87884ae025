"""Country references: demonyms ("Russian officials", "two Canadians", "Abkhaz forces") read as
the country, or the region or state (data/geo/place_demonyms.yaml), they name, kept apart from
places.

"Iraqi forces shelled the town" says nothing about where the shelling was, so a demonym is never
a place: `locate` and the article's focus read only `doc.spans["fp_places"]`. But it does refer to
a country, and geoparsing gold sets (LGL, TR-News) tag it as a toponym of that country, as do
readers who want to know which countries an article is about; and a country the article
names so is context for resolving its places (`resolve.DEMONYM_VOTE`). This step fills
`doc.spans["fp_country_refs"]`, each span carrying `span._.fp_place` (the country, or the
region, state or continent), for those uses only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.attrs import IS_TITLE, IS_UPPER, LENGTH
from spacy.tokens import Doc, Span

from .data import load_demonyms, load_place_demonyms
from .gazetteer import Candidate, Gazetteer

if TYPE_CHECKING:
    from .toponyms import Mention

REFS_KEY = "fp_country_refs"
MAX_WORDS = 2  # "Sri Lankan", "South Korean"
# NER reads a demonym as a language ("speaks French"); a person's name that holds one
# ("Monica French") is a PERSON entity that runs past the demonym.
SKIP_LABELS = {"LANGUAGE"}
# Words that, before a demonym, make a people of another continent or origin: "Native American",
# "North American wind patterns", "African-American", "Anglo-Americans".
SKIP_BEFORE = {"native", "north", "south", "latin", "central", "african", "anglo", "-"}
# A demonym whose country shares its name with a US state: in an article placed in that state
# and not in the country, it names the state's people ("a Georgian who moved to Atlanta").
STATE_NAMES = {"GEO": "Georgia"}
PLACE_FEATURES = {"admin1", "region", "continent", "country"}


# What a demonym names: ("country", iso3) or ("place", gazetteer name, iso3 or None).
Target = tuple


def _lookup(word: str, table: dict):
    """`word` (case-folded) or, for a plural ("Iraqis", "Ohioans"), its singular in `table`."""
    found = table.get(word)
    if found is None and word.endswith("s"):
        found = table.get(word[:-1])
    return found


def demonym_country(text: str) -> str | None:
    """The ISO alpha-3 code of the country a demonym names ("Iraqi", "Iraqis"), else None."""
    return _lookup(text.casefold(), load_demonyms())


def _target_of(text: str) -> Target | None:
    country = demonym_country(text)
    if country is not None:
        return ("country", country)
    place = _lookup(text.casefold(), load_place_demonyms())
    return ("place", *place) if place is not None else None


def _skipped(words: Span, target: Target) -> bool:
    doc = words.doc
    if any(token.ent_type_ in SKIP_LABELS for token in words):
        return True
    around = [doc[i] for i in (words.start - 1, words.end) if 0 <= i < len(doc)]
    if words[0].ent_type_ == "PERSON" and any(t.ent_type_ == "PERSON" for t in around):
        return True
    # "African-American", "Asian-Americans": a people of the second word's country; a country
    # is itself a party in such pairs ("a Russian-American crew")
    compound = words.end + 1 < len(doc) and doc[words.end].text == "-"
    if compound and target[0] == "place" and doc[words.end + 1].is_title:
        return True
    if words.start == 0:
        return False
    before = doc[words.start - 1]
    if before.lower_ == "-" and words.start > 1:
        before = doc[words.start - 2]
    return before.lower_ in SKIP_BEFORE


def find(doc: Doc, mentions: Iterable[Mention]) -> list[tuple[Span, Target]]:
    """Demonym spans with what they name, longest first, none on a token of a place the
    recogniser took (`mentions`: "the Russian Federation")."""
    taken = {index for mention in mentions for index in range(mention.start, mention.end)}
    # read as arrays: this runs over every token of every article
    title, upper, length = doc.to_array([IS_TITLE, IS_UPPER, LENGTH]).T
    capitalised = ((title == 1) | ((upper == 1) & (length > 2))).tolist()
    found: list[tuple[Span, Target]] = []
    index = 0
    while index < len(doc):
        if not capitalised[index]:
            index += 1
            continue
        for size in range(min(MAX_WORDS, len(doc) - index), 0, -1):
            if not all(capitalised[index : index + size]):
                continue
            target = _target_of(" ".join(doc[i].text for i in range(index, index + size)))
            if target is None:
                continue
            words = doc[index : index + size]
            on_place = not taken.isdisjoint(range(words.start, words.end))
            if not on_place and not _skipped(words, target):
                found.append((words, target))
            index += size - 1
            break
        index += 1
    return found


def _state_reading(doc: Doc, iso3: str, gazetteer: Gazetteer):
    """The US state of the same name when the article's places hold it and not the country."""
    name = STATE_NAMES.get(iso3)
    if name is None:
        return None
    places = [span._.fp_place for span in doc.spans.get("fp_places", [])]
    if any(place.country == iso3 for place in places):
        return None
    if not any(place.country == "USA" and place.admin1 == name for place in places):
        return None
    return next(
        (c for c in gazetteer.candidates(name) if c.country == "USA" and c.feature == "admin1"),
        None,
    )


def _place(name: str, country: str | None, gazetteer: Gazetteer) -> Candidate | None:
    """The region, state or continent of that own name (not a town that shares it)."""
    candidates = [
        c
        for c in gazetteer.candidates(name)
        if c.feature in PLACE_FEATURES and (country is None or c.country == country)
    ]
    return max(candidates, key=lambda c: (c.kind == 0, c.population), default=None)


def countries_of(found: list[tuple[Span, Target]]) -> set[str]:
    """The countries the demonyms name, for the resolver's article context."""
    return {target[1] if target[0] == "country" else target[2] for _, target in found} - {None}


def annotate_country_refs(doc: Doc, gazetteer: Gazetteer, found: list[tuple[Span, Target]]) -> Doc:
    """`found`: what `find` read in the doc; placed once the doc's places are (a "Georgian"
    in an article placed in the US state reads as the state)."""
    spans: list[Span] = []
    for words, target in found:
        if target[0] == "country":
            candidate = _state_reading(doc, target[1], gazetteer) or gazetteer.country(target[1])
        else:
            candidate = _place(target[1], target[2], gazetteer)
        if candidate is None:
            continue
        words._.fp_place = candidate.to_place(words.text, words.start_char, words.end_char)
        spans.append(words)
    doc.spans[REFS_KEY] = spans
    return doc
