"""An outlet's home: the countries and states where its other articles' places lie.

A local paper writes about its own county and state, and its readers need no "Georgia" after
"Dublin" (the "local lexicon" of Lieberman, Samet and Sankaranarayanan, ICDE 2010). So each
article's confidently resolved places vote for their country and first-level subdivision, and
every article of an outlet is resolved again with the votes of that outlet's OTHER articles as
weak context (`resolve.Home`). A name never votes for itself: "Dublin" read as the Irish capital
in five articles of an Ohio paper must not make the sixth Irish too. Only our own readings are
counted: there is no list of outlets and nothing is learned from gold data. An article with no
outlet, or the only one of its outlet, is resolved exactly as before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    # Not at run time: the store imports this module for `Votes`, and the resolver brings spaCy.
    from .resolve import Home, Resolved

# A reading this sure of itself votes (resolve's confidence: 1 - exp(-margin) / 2).
MIN_CONFIDENCE = 0.8
VOTES_KEY = "fp_place_votes"
MAX_KEY = 256

# Votes: per name, (country, admin1 code or "") -> count of articles that read it so.
Votes = dict[str, Counter]


def votes_of(resolved: Sequence[Resolved]) -> Votes:
    """Each distinct name votes once per article, by its first confident reading: a town named
    ten times in one story is one piece of evidence about where the outlet is."""
    votes: Votes = {}
    for item in resolved:
        if item.mention.key in votes or item.confidence < MIN_CONFIDENCE:
            continue
        candidate = item.candidate
        # a country's own "admin1" code says nothing about which of its states the outlet is in
        admin1 = candidate.admin1_code if candidate.feature != "country" else None
        votes[item.mention.key] = Counter({(candidate.country or "", admin1 or ""): 1})
    return votes


def outlet_key(outlet: str | None, url: str | None) -> str | None:
    """The outlet's name as given, else the host of the article's URL less "www."."""
    if outlet and outlet.strip():
        return outlet.strip().casefold()[:MAX_KEY]  # the store's column is this wide
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:  # "http://[" : no host to read, so no outlet
        return None
    host = host.removeprefix("www.")
    return host or None


class Homes:
    """Votes per outlet, gathered as articles are read (a run's articles, or an eval file's)."""

    def __init__(self) -> None:
        self._by_outlet: dict[str, Votes] = {}

    def add(self, outlet: str | None, votes: Votes) -> None:
        if outlet is None or not votes:
            return
        gathered = self._by_outlet.setdefault(outlet, {})
        for key, readings in votes.items():
            gathered[key] = gathered.get(key, Counter()) + readings

    def snapshot(self) -> dict[str, Votes]:
        """A copy of the votes so far, for `restore` when a chunk of work is undone."""
        return {
            outlet: {key: Counter(readings) for key, readings in votes.items()}
            for outlet, votes in self._by_outlet.items()
        }

    def restore(self, snapshot: dict[str, Votes]) -> None:
        self._by_outlet = snapshot

    def home(self, outlet: str | None, own: Votes | None = None) -> Home | None:
        """The outlet's home without the article's own votes (those already count as the
        article's context); None when no other article voted."""
        if outlet is None or outlet not in self._by_outlet:
            return None
        own = own or {}
        by_key = {}
        for key, readings in self._by_outlet[outlet].items():
            left = readings - own.get(key, Counter())
            if left:
                by_key[key] = left
        from .resolve import Home

        return Home(by_key) if by_key else None
