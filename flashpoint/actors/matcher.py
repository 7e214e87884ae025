"""Find knowledge-base names, demonyms, capitals, sector words and titles in text, fast.

One token trie over normalised aliases (see normalize.py) is walked from every token, so matching
costs a few dict look-ups per token whatever the size of the KB. Long curated names also get a
fuzzy pass: a consonant skeleton proposes a candidate and rapidfuzz confirms it above a threshold,
so unseen transliterations ("Hizbullah", "Qais al-Khizali") still land, while short or common
words never do.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from .kb import KnowledgeBase
from .normalize import Token, alias_key, case_ok, plurals, skeleton, tokenize

END = ""
MAX_TOKENS = 12
FUZZY_MIN_LETTERS = 8
FUZZY_THRESHOLD = 84.0
FUZZY_MAX_TOKENS = 4
# Misspelt country names ("Afganistan", "Ethopia"): a country name of at least this many letters
# and one capitalised word at most one letter shorter, same first letter, close in length and
# spelling. Shorter names (Iran, Chad, Niger) would meet ordinary words and other countries,
# so they never match this way.
COUNTRY_FUZZY_MIN_LETTERS = 8
COUNTRY_FUZZY_THRESHOLD = 88.5
COUNTRY_FUZZY_MAX_LENGTH_GAP = 2

# A reference from an alias to what it names:
# ("entity", entry_id) | ("demonym", iso3) | ("capital", iso3) | ("sector", code, strong)
# | ("title", role, country or "")
Ref = tuple


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    first: int
    last: int  # token index after the match
    refs: tuple[Ref, ...]
    fuzzy: bool = False

    def kinds(self) -> set[str]:
        return {ref[0] for ref in self.refs}


class Index:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.trie: dict = {}
        self.fuzzy: dict[str, list[tuple[Ref, tuple[str, ...]]]] = {}
        # first letter -> one-word country names and aliases long enough for fuzzy matching
        self.countries: dict[str, list[tuple[str, Ref]]] = {}
        # Curated names first, then demonyms, capitals, sectors and titles, and imported names last:
        # an imported alias never shadows anything curated.
        curated = [entry for entry in kb.entries.values() if entry.source != "phoenix"]
        imported = [entry for entry in kb.entries.values() if entry.source == "phoenix"]
        for entry in curated:
            ref = ("entity", entry.id)
            for name in entry.names:
                norms = self.add(name, ref)
                if norms and self._fuzzy_worthy(norms):
                    self.fuzzy.setdefault(skeleton(norms), []).append((ref, norms))
                if (
                    entry.type == "country"
                    and len(norms) == 1
                    and len(norms[0]) >= COUNTRY_FUZZY_MIN_LETTERS
                ):
                    self.countries.setdefault(norms[0][0], []).append((norms[0], ref))
        for demonym, iso3 in kb.demonyms.items():
            for form in (demonym, *plurals(demonym)):
                self.add(form, ("demonym", iso3))
        for capital, iso3 in kb.capitals.items():
            self.add(capital, ("capital", iso3))
        for phrase, (code, strong) in kb.sector_words.items():
            for form in (phrase, *plurals(phrase)):
                self.add(form, ("sector", code, strong))
        for title, (role, country) in kb.titles.items():
            self.add(title, ("title", role, country or ""))
        for entry in imported:
            for name in entry.aliases:
                self.add(name, ("entity", entry.id), imported=True)

    @staticmethod
    def _fuzzy_worthy(norms: tuple[str, ...]) -> bool:
        letters = sum(len(word) for word in norms)
        return letters >= FUZZY_MIN_LETTERS and (len(norms) > 1 or letters >= 9)

    def add(self, alias: str, ref: Ref, imported: bool = False) -> tuple[str, ...]:
        norms, modes = alias_key(alias)
        if not norms or len(norms) > MAX_TOKENS:
            return ()
        node = self.trie
        for norm in norms:
            node = node.setdefault(norm, {})
        terminals = node.setdefault(END, [])
        if imported and terminals:
            return norms
        if not any(existing == ref and had == modes for existing, had in terminals):
            terminals.append((ref, modes))
        return norms

    def find(self, text: str, fuzzy: bool = True) -> list[Match]:
        """Non-overlapping matches, longest first, in text order."""
        tokens = tokenize(text)
        candidates = self._exact(tokens)
        if fuzzy and self.fuzzy:
            covered = {i for match in candidates for i in range(match.first, match.last)}
            candidates.extend(self._fuzzy(tokens, covered))
        return select(candidates)

    def _exact(self, tokens: list[Token]) -> list[Match]:
        found = []
        trie = self.trie
        for i in range(len(tokens)):
            node = trie
            for j in range(i, min(len(tokens), i + MAX_TOKENS)):
                node = node.get(tokens[j].norm)
                if node is None:
                    break
                terminals = node.get(END)
                if terminals:
                    span = tokens[i : j + 1]
                    refs = tuple(ref for ref, modes in terminals if case_ok(span, (), modes))
                    if refs:
                        found.append(Match(tokens[i].start, tokens[j].end, i, j + 1, refs))
        return found

    def _fuzzy(self, tokens: list[Token], covered: set[int]) -> list[Match]:
        found = []
        for i, token in enumerate(tokens):
            if i in covered or not token.surface[:1].isupper():
                continue
            for j in range(i + 1, min(len(tokens), i + FUZZY_MAX_TOKENS) + 1):
                if j - 1 in covered or not tokens[j - 1].surface[:1].isupper():
                    break
                norms = tuple(tok.norm for tok in tokens[i:j])
                if not self._fuzzy_worthy(norms):
                    continue
                for ref, alias in self.fuzzy.get(skeleton(norms), ()):
                    if fuzz.ratio(" ".join(norms), " ".join(alias)) >= FUZZY_THRESHOLD:
                        found.append(Match(token.start, tokens[j - 1].end, i, j, (ref,), True))
                        break
            if not found or found[-1].first != i:
                ref = self._country(token.norm)
                if ref is not None:
                    found.append(Match(token.start, token.end, i, i + 1, (ref,), True))
        return found

    def _country(self, norm: str) -> Ref | None:
        if len(norm) < COUNTRY_FUZZY_MIN_LETTERS - 1:
            return None
        best, best_score = None, COUNTRY_FUZZY_THRESHOLD
        for name, ref in self.countries.get(norm[0], ()):
            if abs(len(name) - len(norm)) > COUNTRY_FUZZY_MAX_LENGTH_GAP:
                continue
            score = fuzz.ratio(norm, name)
            if score >= best_score:
                best, best_score = ref, score
        return best


def select(candidates: list[Match]) -> list[Match]:
    """Longest matches win; ties go to the earlier one; exact beats fuzzy. A title that starts
    inside a name and runs past it is the head of the phrase ("Pakistan's army chief" is the
    chief, not the army), so the name gives way and shorter matches fill its start."""
    titles = [match for match in candidates if "title" in match.kinds()]
    if titles:
        candidates = [
            match
            for match in candidates
            if "title" in match.kinds()
            or not any(match.first < title.first < match.last < title.last for title in titles)
        ]
    taken: set[int] = set()
    chosen = []
    for match in sorted(candidates, key=lambda m: (-(m.last - m.first), m.fuzzy, m.first)):
        if any(i in taken for i in range(match.first, match.last)):
            continue
        taken.update(range(match.first, match.last))
        chosen.append(match)
    return sorted(chosen, key=lambda m: m.first)


def get_index() -> Index:
    from .cache import load

    return load()[1]


def find(text: str) -> list[Match]:
    return get_index().find(text)
