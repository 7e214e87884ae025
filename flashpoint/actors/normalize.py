"""Text normalisation shared by the knowledge base and the matcher.

Names of armed groups and people reach English news in many spellings. Both the KB aliases and the
article text go through the same steps, so that "Kata’ib Hezbollah", "Kataib Hezbollah" and
"KATAIB HEZBOLLAH" meet on one key:
- tokens are runs of letters/digits; apostrophes inside a word vanish (Kata'ib -> kataib), a final
  possessive 's is dropped (Iran's -> iran), dotted acronyms collapse (U.S. -> US);
- accents are stripped and case is folded;
- the Arabic article "al"/"el" is dropped wherever it stands (al-Muhandis, Al Qaeda, Qaeda).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

APOSTROPHES = "'’ʼʿʾ`´‘"
TOKEN_RE = re.compile(rf"(?:[A-Za-z]\.){{2,}}|[^\W_]+(?:[{APOSTROPHES}][^\W_]+)*")
ARTICLES = frozenset({"al", "el"})
# Case rules for an alias token: exact (acronyms such as US, PMF), proper (single capitalised word),
# or any (multi-word names, which are rarely ordinary phrases).
EXACT, PROPER, ANY = "exact", "proper", "any"


@dataclass(frozen=True, slots=True)
class Token:
    norm: str
    # The surface form with dots and apostrophes removed, accents stripped; used for case checks.
    surface: str
    start: int
    end: int


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Accent-free surface form of one token, apostrophes and dots removed, case kept."""
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_DROP)


_DROP = str.maketrans("", "", APOSTROPHES + ".")


def tokenize(text: str) -> list[Token]:
    """Normalised tokens of a text with their character offsets; articles are left out."""
    tokens: list[Token] = []
    for found in TOKEN_RE.finditer(text):
        word = found.group()
        start, end = found.start(), found.end()
        if len(word) > 2 and word[-2] in APOSTROPHES and word[-1] in "sS":
            word = word[:-2]
            end -= 2
        surface = fold(word)
        norm = surface.lower()
        if norm in ARTICLES or not norm:
            continue
        tokens.append(Token(norm, surface, start, end))
    return tokens


def alias_key(alias: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The normalised token tuple of an alias and the case rule for each token."""
    words = [token for token in tokenize(alias)]
    if words and words[0].norm == "the" and len(words) > 1:
        words = words[1:]
    norms = tuple(token.norm for token in words)
    modes: list[str] = []
    for token in words:
        letters = [ch for ch in token.surface if ch.isalpha()]
        if len(letters) >= 2 and any(ch.isupper() for ch in letters[1:]):
            # Acronyms and mixed-case short forms (PMF, LeT, MoD) match only as written.
            modes.append(f"{EXACT}:{token.surface}")
        elif len(words) == 1 and token.surface[:1].isupper():
            modes.append(PROPER)
        else:
            modes.append(ANY)
    return norms, tuple(modes)


def case_ok(tokens: list[Token], aliased: tuple[str, ...], modes: tuple[str, ...]) -> bool:
    """Whether text tokens satisfy an alias's case rules."""
    for token, mode in zip(tokens, modes, strict=True):
        if mode.startswith(EXACT):
            if token.surface != mode[len(EXACT) + 1 :]:
                return False
        elif mode == PROPER and not token.surface[:1].isupper():
            return False
    return True


_SKELETON_MAP = str.maketrans({"q": "k", "c": "k", "j": "g"})


def skeleton(norms: tuple[str, ...]) -> str:
    """A consonant skeleton of a name: Hezbollah, Hizballah and Hizbullah share 'hzblh'."""
    parts = []
    for word in norms:
        word = word.translate(_SKELETON_MAP)
        kept = word[0] + "".join(ch for ch in word[1:] if ch not in "aeiouyw")
        collapsed = "".join(ch for i, ch in enumerate(kept) if i == 0 or ch != kept[i - 1])
        parts.append(collapsed)
    return " ".join(parts)


def plurals(word: str) -> list[str]:
    """Regular English plural forms of a noun or noun phrase (the last word is inflected)."""
    head, _, last = word.rpartition(" ")
    prefix = f"{head} " if head else ""
    lower = last.lower()
    if not last or lower.endswith(("ese", "ss", "sh", "ch", "x", "z", "men", "people", "police")):
        return [] if not lower.endswith(("ss", "sh", "ch", "x")) else [f"{prefix}{last}es"]
    if lower.endswith("s"):
        return []
    if lower.endswith("y") and len(lower) > 2 and lower[-2] not in "aeiou":
        return [f"{prefix}{last[:-1]}ies"]
    if lower.endswith("man"):
        return [f"{prefix}{last[:-3]}men"]
    return [f"{prefix}{last}s"]
