"""Name normalisation shared by the gazetteer build, the lookups and the recogniser."""

from __future__ import annotations

import re
import unicodedata

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
