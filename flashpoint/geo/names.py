"""Name normalisation shared by the gazetteer build, the lookups and the recogniser."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from .data import load_region_abbreviations

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .gazetteer import Gazetteer

_DROP = re.compile(r"[’'`ʿʾ‘.]")
_SPACE = re.compile(r"[\s\-‐‑–—_/]+")
_NON_WORD = re.compile(r"[^\w ]")


def normalize(name: str) -> str:
    """Lower-case ASCII key: accents, apostrophes and full stops dropped, hyphens become spaces.

    "Ayn al-Asad" and "Ayn Al Asad" share a key, so do "St. Louis" and "St Louis"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _DROP.sub("", text.casefold())
    text = _SPACE.sub(" ", text)
    text = _NON_WORD.sub("", text)
    return " ".join(text.split())


_LATIN = re.compile(
    r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF][A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’\-\. ]*$"
)


def usable_alias(name: str) -> bool:
    """Alternate names worth indexing: Latin script, capitalised, not a code like "LAX"."""
    if len(name) < 3 or not _LATIN.match(name) or not name[0].isupper():
        return False
    return not name.isupper()


# Leading Arabic articles: "Al Basrah" is also written "Basrah".
_ARTICLES = ("al ", "el ", "as ", "ash ", "ad ", "an ", "ar ", "az ", "at ")


# Leading words written both in full and abbreviated: "Mt. Pleasant" is "Mount Pleasant".
# ("St." is left alone: "St. Peter" names churches far more often than the Minnesota town.)
_SHORT_FORMS = {
    "mount": "mt",
    "mt": "mount",
    "fort": "ft",
    "ft": "fort",
}


def name_keys(name: str) -> set[str]:
    key = normalize(name)
    keys = {key} if key else set()
    first, _, rest = key.partition(" ")
    if rest and first in _SHORT_FORMS:
        keys.add(f"{_SHORT_FORMS[first]} {rest}")
    if key.startswith("the ") and len(key) > 6:
        keys.add(key[4:])  # "the Gulf" is looked up as "gulf"
    if "," in name:
        # "Washington, D.C." is also plain "Washington".
        keys.add(normalize(name.split(",", 1)[0]))
    for article in _ARTICLES:
        if key.startswith(article) and len(key) > len(article) + 2:
            keys.add(key[len(article) :])
    return keys


# "Kirkuk province", "Basra city": generic words after a name, with the kind of place they ask for.
SUFFIXES = {
    "province": "admin1",
    "governorate": "admin1",
    "state": "admin1",
    "region": "admin1",
    "oblast": "admin1",
    "city": "city",
    "town": "city",
    "village": "city",
    "district": "admin1",
}


DIRECTIONS = {
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "upper",
    "lower",
    "greater",
    "metro",
    "downtown",
}


def fallback_keys(key: str) -> list[str]:
    """The shorter keys the resolver also tries when `key` itself names nothing: the name before
    a generic word ("kirkuk" for "kirkuk province") and after a direction ("iraq" for
    "southern iraq")."""
    keys = []
    head, _, last = key.rpartition(" ")
    if last in SUFFIXES and head:
        keys.append(head)
    rest = after_direction(key)
    if rest:
        keys.append(rest)
    return keys


def after_direction(key: str) -> str | None:
    """The name a direction qualifies: "iraq" for "southern iraq", "queensland" for "far north
    queensland"."""
    first, _, rest = key.partition(" ")
    if first == "far":
        first, _, rest = rest.partition(" ")
    return rest if first in DIRECTIONS and rest else None


_LEADING = ("the ",)


def mention_key(text: str) -> str:
    """The lookup key of a name as written: normalised, less a leading "the" and a possessive."""
    key = normalize(text)
    for prefix in _LEADING:
        if key.startswith(prefix):
            key = key[len(prefix) :]
    if key.endswith(" s") and text.rstrip().endswith(("'s", "’s")):
        key = key[:-2]
    return key


def abbreviation_key(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> str:
    """The lookup key of a span, reading "N.C." or (after a comma) "NC" as the state's name."""
    text = doc[start:end].text
    # "W. Va." and "W.Va" + "." (the tokenizer splits a final full stop off) are "W.Va.".
    dotted = text.replace(" ", "")
    if not dotted.endswith(".") and end < len(doc) and doc[end].text == ".":
        dotted += "."
    full = load_region_abbreviations().get(dotted)
    after_comma = start > 0 and doc[start - 1].text == ","
    if full is None and end - start == 1 and len(text) == 2 and text.isupper() and after_comma:
        state = gazetteer.admin1(f"US.{text}")
        full = state.name if state is not None else None
    return mention_key(full or text)
