"""An outlet's home: the countries and states where its other articles' places lie.

A local paper writes about its own county and state, and its readers need no "Georgia" after
"Dublin" (the "local lexicon" of Lieberman, Samet and Sankaranarayanan, ICDE 2010). So each
article's confidently resolved places vote for their country and first-level subdivision, and
every article of an outlet is resolved again with the votes of that outlet's OTHER articles as
weak context (`resolve.Home`). Only our own readings are counted: there is no list of outlets and
nothing is learned from gold data. An article with no outlet, or the only one of its outlet, is
resolved exactly as before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .resolve import Home, Resolved

# A reading this sure of itself votes (resolve's confidence: 1 - exp(-margin) / 2).
MIN_CONFIDENCE = 0.8
VOTES_KEY = "fp_place_votes"


@dataclass
class Votes:
    """Countries and subdivisions of one article's (or one outlet's) confident readings."""

    countries: Counter = field(default_factory=Counter)
    admin1s: Counter = field(default_factory=Counter)

    def __add__(self, other: Votes) -> Votes:
        return Votes(self.countries + other.countries, self.admin1s + other.admin1s)

    def __sub__(self, other: Votes) -> Votes:
        return Votes(self.countries - other.countries, self.admin1s - other.admin1s)

    def __bool__(self) -> bool:
        return bool(self.countries or self.admin1s)


def votes_of(resolved: Sequence[Resolved]) -> Votes:
    """Each distinct name votes once, by its first confident reading: a town named ten times is
    one piece of evidence about where the outlet is."""
    votes = Votes()
    seen: set[str] = set()
    for item in resolved:
        if item.mention.key in seen or item.confidence < MIN_CONFIDENCE:
            continue
        seen.add(item.mention.key)
        candidate = item.candidate
        if candidate.country:
            votes.countries[candidate.country] += 1
        # a country's own "admin1" code says nothing about which of its states the outlet is in
        if candidate.admin1_code and candidate.feature != "country":
            votes.admin1s[candidate.admin1_code] += 1
    return votes


def outlet_key(outlet: str | None, url: str | None) -> str | None:
    """The outlet's name as given, else the host of the article's URL less "www."."""
    if outlet and outlet.strip():
        return outlet.strip().casefold()
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    host = host.removeprefix("www.")
    return host or None


class Homes:
    """Votes per outlet, gathered as articles are read (a run's articles, or an eval file's)."""

    def __init__(self) -> None:
        self._by_outlet: dict[str, Votes] = {}

    def add(self, outlet: str | None, votes: Votes) -> None:
        if outlet is not None and votes:
            self._by_outlet[outlet] = self._by_outlet.get(outlet, Votes()) + votes

    def home(self, outlet: str | None, own: Votes | None = None) -> Home | None:
        """The outlet's home without the article's own votes (those already count as the
        article's context), as shares; None when no other article voted."""
        if outlet is None or outlet not in self._by_outlet:
            return None
        votes = self._by_outlet[outlet] - own if own else self._by_outlet[outlet]
        if not votes:
            return None
        countries = sum(votes.countries.values()) or 1
        admin1s = sum(votes.admin1s.values()) or 1
        return Home(
            {code: count / countries for code, count in votes.countries.items()},
            {code: count / admin1s for code, count in votes.admin1s.items()},
        )
