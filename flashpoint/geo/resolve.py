"""Toponym resolution: pick one gazetteer entry per mention, using priors and the article's context.

Score of a candidate = population prior (log scale) + feature prior + context: how much of the
rest of the article points to the candidate's country and first-level subdivision (each distinct
name votes once, a named state or country more than a town, a country named by a demonym
between the two), an explicit qualifier
("Springfield, Illinois", "Fort Bragg, N.C.") and a nearby demonym ("the Iraqi city of Kirkuk"),
a cue word ("the city of", "province"), how many of the article's other names have SOME reading
in the same subdivision or neighbourhood (joint support, which lets "Decatur" and "Morgan County"
agree on Alabama), and how many of the article's other specific places lie within NEARBY_KM.
Context comes from the other mentions' best readings, so it is computed from priors alone first,
then twice more with the previous readings as context. The older weights were set on the LGL and
TR-News sets as a whole; NAMED_VOTE and JOINT_WEIGHT on their even-numbered articles only, the
odd ones held out (`flashpoint eval geo` reports both halves). No name is special-cased.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from .demonyms import demonym_country
from .gazetteer import Candidate, Gazetteer, neighbours
from .names import SUFFIXES, after_direction
from .toponyms import Mention

FEATURE_PRIOR = {
    "country": 2.0,
    "admin1": 0.0,
    "continent": 2.0,
    "region": 1.0,
    "water": 0.5,
    "base": 1.0,
    "facility": 0.5,
    "city": 0.0,
    "admin2": 0.0,
    "airport": -1.5,
}
ALIAS_PENALTY = 2.0
ALIAS_PENALTY_BIG = 0.7
BIG_PLACE = 100_000
# An alternate name an order of magnitude bigger than the own-name places stays a candidate.
EXONYM_RATIO = 10
COUNTRY_WEIGHT = 4.0
# A neighbouring country in the article is weaker evidence than the country itself.
NEIGHBOUR_SHARE = 0.3
ADMIN1_WEIGHT = 6.0
QUALIFIER_BONUS = 8.0
DEMONYM_BONUS = 4.0
FEATURE_HINT_BONUS = 2.0
SPATIAL_WEIGHT = 2.0
NEARBY_KM = 150.0
# Vote weight of a place read as a state or country: named outright, not guessed among namesakes.
NAMED_VOTE = 3.0
NAMED = {"admin1", "country"}
JOINT_WEIGHT = 1.0
# Vote of a country the article names by a demonym ("Russian troops", "a French woman"):
# less than naming the country outright (NAMED_VOTE); set on the even halves of LGL and TR-News.
DEMONYM_VOTE = 2.0
# Weight of the outlet's home (`homes`): the share of its other articles' readings in the
# candidate's country and state.
HOME_COUNTRY_WEIGHT = 2.0
HOME_ADMIN1_WEIGHT = 4.0
HOME_STATE_SHARE = 0.3
# Grid cells for the joint test: a candidate agrees with a name having a reading in its cell or
# the eight around it (about 100-300 km).
CELL_DEGREES = 1.0
# Places too large to say anything about where the article's other places lie.
BROAD = {"country", "continent", "region", "water", "admin1"}


class Home:
    """Where an outlet's other articles were placed (`homes`): per name, the (country, admin1)
    readings it had. A candidate scores by the share of the OTHER names' readings in its country
    and its state, so that no name is its own evidence."""

    def __init__(self, by_key: dict[str, Counter]) -> None:
        self.by_key = by_key
        self.countries: Counter = Counter()
        self.admin1s: Counter = Counter()
        for readings in by_key.values():
            for (country, admin1), count in readings.items():
                self.countries[country] += count
                self.admin1s[admin1] += count
        # readings with a country / a state ("" marks none)
        self.country_total = sum(self.countries.values()) - self.countries[""]
        self.admin1_total = sum(self.admin1s.values()) - self.admin1s[""]

    def states(self) -> frozenset[str]:
        """The states that hold at least HOME_STATE_SHARE of the readings: the outlet's own."""
        total = self.admin1_total
        return frozenset(
            code
            for code, count in self.admin1s.items()
            if code and total and count / total >= HOME_STATE_SHARE
        )

    def score(self, candidate: Candidate, key: str) -> float:
        # the other names' readings: the outlet's less this name's own
        own = self.by_key.get(key, {})
        country, admin1 = candidate.country, candidate.admin1_code
        score = 0.0
        total = self.country_total - sum(n for (c, _), n in own.items() if c)
        if country and total > 0:
            same = self.countries[country] - sum(n for (c, _), n in own.items() if c == country)
            score += HOME_COUNTRY_WEIGHT * same / total
        total = self.admin1_total - sum(n for (_, a), n in own.items() if a)
        if admin1 and candidate.feature != "country" and total > 0:
            same = self.admin1s[admin1] - sum(n for (_, a), n in own.items() if a == admin1)
            score += HOME_ADMIN1_WEIGHT * same / total
        return score


@dataclass
class Resolved:
    mention: Mention
    candidate: Candidate
    confidence: float


def _lookup_mentions(mentions: list[Mention], gazetteer: Gazetteer) -> list[list[Candidate]]:
    keys = {mention.key for mention in mentions}
    for mention in mentions:
        head, _, last = mention.key.rpartition(" ")
        if last in SUFFIXES and head:
            keys.add(head)
        rest = after_direction(mention.key)
        if rest:
            keys.add(rest)
    found = gazetteer.lookup(keys)
    result: list[list[Candidate]] = []
    for mention in mentions:
        candidates = found.get(mention.key)
        if not candidates:
            head, _, last = mention.key.rpartition(" ")
            wanted = SUFFIXES.get(last)
            candidates = [c for c in found.get(head, []) if c.feature == wanted] or found.get(
                head, []
            )
        if not candidates:
            # "Northeast Georgia", "Southern Iraq": the part of a place is placed at the place.
            rest = after_direction(mention.key)
            candidates = found.get(rest, []) if rest else []
        candidates = [c for c in candidates or [] if c.lat is not None]
        # A village whose stray alternate name is "Maryville" should not compete with the
        # places actually called Maryville.
        # An alternate name far more populous than every place of that own name is a real
        # exonym ("Jenin" for Janin, not the hamlet of Jenin).
        own = [c.population for c in candidates if c.kind == 0]
        if own:
            floor = min(BIG_PLACE, EXONYM_RATIO * max(own))
            candidates = [c for c in candidates if c.kind == 0 or c.population >= floor]
        result.append(candidates)
    return result


def _qualifier(doc: Doc, mention: Mention, resolved_next: list[Candidate], own: list[Candidate]):
    """(admin1 code, country) named right after "<mention>," if any: of the readings of that
    name, one that holds a place of the mention's name first ("Dudley, Georgia" is the US
    state's, "Gori, Georgia" the country's), else the most populous."""
    if mention.end + 1 >= len(doc) or doc[mention.end].text != ",":
        return None
    codes = {c.admin1_code for c in own} | {c.country for c in own}

    def holds(candidate: Candidate) -> bool:
        if candidate.feature == "admin1":
            return candidate.admin1_code in codes
        return candidate.country in codes

    for candidate in sorted(resolved_next, key=lambda c: (not holds(c), -c.population)):
        if candidate.feature == "admin1":
            return candidate.admin1_code, candidate.country
        if candidate.feature == "country":
            return None, candidate.country
    return None


def _demonym_hint(doc: Doc, mention: Mention) -> str | None:
    """The country a demonym just before the name gives it ("the Iraqi city of Basra"); one
    across another preposition or a verb is about something else ("an American base in
    northeastern Jordan" says nothing of Jordan)."""
    start = mention.start
    while start > max(0, mention.start - 4):
        token = doc[start - 1]
        if (token.pos_ == "ADP" and token.lower_ != "of") or token.pos_ in ("VERB", "PUNCT"):
            break
        start -= 1
    for token in doc[start : mention.start]:
        country = demonym_country(token.text)
        if country:
            return country
    return None


def _feature_hint(doc: Doc, mention: Mention) -> str | None:
    """The kind of place the words around ask for: "Anbar province", "the city of Basra"."""
    if mention.end < len(doc) and doc[mention.end].lower_ in SUFFIXES:
        return SUFFIXES[doc[mention.end].lower_]
    if mention.start >= 2 and doc[mention.start - 1].lower_ == "of":
        return SUFFIXES.get(doc[mention.start - 2].lower_)
    return None


def _prior(candidate: Candidate) -> float:
    score = math.log10(candidate.population + 10) + FEATURE_PRIOR.get(candidate.feature, 0.0)
    if not candidate.kind:
        return score
    # Alternate names of big places are mostly real exonyms ("Basra"); those of villages are
    # often stray (a town once nicknamed "Paris").
    # A county's bare name ("Franklin" for Franklin County) is mostly its town's.
    small = candidate.population < BIG_PLACE or candidate.feature == "admin2"
    return score - (ALIAS_PENALTY if small else ALIAS_PENALTY_BIG)


def _votes(picks: list[Candidate | None], mentions: list[Mention]):
    """Per mention key, the country and admin1 votes of every other mention.

    Each distinct name votes once however often it is repeated (a town named ten times must not
    outvote the state named once), and a named state or country votes with NAMED_VOTE: it is
    direct evidence, where a town's reading is itself a guess."""
    readings: dict[str, list[Candidate]] = {}
    for mention, pick in zip(mentions, picks, strict=True):
        if pick is not None:
            readings.setdefault(mention.key, []).append(pick)
    countries: Counter = Counter()
    admin1s: Counter = Counter()
    by_key: dict[str, tuple[Counter, Counter]] = {}
    for key, picks_of_key in readings.items():
        own = by_key.setdefault(key, (Counter(), Counter()))
        for pick in picks_of_key:
            weight = (NAMED_VOTE if pick.feature in NAMED else 1.0) / len(picks_of_key)
            if pick.country:
                countries[pick.country] += weight
                own[0][pick.country] += weight
            code = pick.admin1_code
            if code and pick.feature != "country":
                admin1s[code] += weight
                own[1][code] += weight
    return countries, admin1s, by_key


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(math.floor(lat / CELL_DEGREES)), int(math.floor(lon / CELL_DEGREES))


def _joint_support(mentions: list[Mention], candidate_lists: list[list[Candidate]]):
    """For every candidate, the share of the article's other names that have SOME reading in the
    same first-level subdivision or the same neighbourhood. Unlike the votes, which follow each
    name's current best reading, this sees every reading, so "Paris" and "Henry County" can
    agree on Tennessee though neither would pick it alone."""
    codes: dict[str, set[str]] = {}
    cells: dict[str, set[tuple[int, int]]] = {}
    for mention, candidates in zip(mentions, candidate_lists, strict=True):
        if mention.key in codes or not candidates:
            continue
        codes[mention.key] = {c.admin1_code for c in candidates if c.admin1_code}
        cells[mention.key] = {
            _cell(c.lat, c.lon) for c in candidates if c.feature not in BROAD | {"admin2"}
        }
    support: list[list[float]] = []
    for mention, candidates in zip(mentions, candidate_lists, strict=True):
        others = [key for key in codes if key != mention.key]
        row = []
        for candidate in candidates:
            if not others or candidate.feature in BROAD:
                row.append(0.0)
                continue
            near = set()
            if candidate.feature != "admin2":
                cell_lat, cell_lon = _cell(candidate.lat, candidate.lon)
                near = {(cell_lat + a, cell_lon + b) for a in (-1, 0, 1) for b in (-1, 0, 1)}
            agree = sum(
                candidate.admin1_code in codes[key] or not near.isdisjoint(cells[key])
                for key in others
            )
            row.append(agree / len(others))
        support.append(row)
    return support


def resolve(
    doc: Doc,
    mentions: list[Mention],
    gazetteer: Gazetteer,
    home: Home | None = None,
    named: set[str] | frozenset[str] = frozenset(),
) -> list[Resolved]:
    """`named`: countries the article names by demonym ("French officials"), as context."""
    candidate_lists = _lookup_mentions(mentions, gazetteer)
    support = _joint_support(mentions, candidate_lists)
    statics: list[list[float]] = []
    for index, (mention, candidates) in enumerate(zip(mentions, candidate_lists, strict=True)):
        following = []
        if index + 1 < len(mentions) and mentions[index + 1].start == mention.end + 1:
            following = candidate_lists[index + 1]
        qualifier = _qualifier(doc, mention, following, candidates)
        hint = _demonym_hint(doc, mention)
        wanted = _feature_hint(doc, mention)
        scores = []
        for candidate in candidates:
            score = _prior(candidate)
            if wanted and candidate.feature == wanted:
                score += FEATURE_HINT_BONUS
            if qualifier is not None:
                code, country = qualifier
                if (code and candidate.admin1_code == code) or (
                    not code and candidate.country == country
                ):
                    score += QUALIFIER_BONUS
            if hint and candidate.country == hint:
                score += DEMONYM_BONUS
            if home is not None:
                score += home.score(candidate, mention.key)
            scores.append(score + JOINT_WEIGHT * support[index][len(scores)])
        statics.append(scores)

    picks: list[Candidate | None] = [
        candidates[max(range(len(scores)), key=scores.__getitem__)] if candidates else None
        for candidates, scores in zip(candidate_lists, statics, strict=True)
    ]
    results: list[Resolved] = []
    borders = neighbours()
    for _ in range(2):
        countries, admin1s, by_key = _votes(picks, mentions)
        for country in named:
            countries[country] += DEMONYM_VOTE
        anchors = [
            (mention.key, pick)
            for mention, pick in zip(mentions, picks, strict=True)
            if pick is not None and pick.feature not in BROAD
        ]
        results = []
        for i, mention in enumerate(mentions):
            candidates = candidate_lists[i]
            if not candidates:
                picks[i] = None
                continue
            own_countries, own_admin1s = by_key.get(mention.key, (Counter(), Counter()))
            other_total = max(1, sum(countries.values()) - sum(own_countries.values()))
            admin1_total = max(1, sum(admin1s.values()) - sum(own_admin1s.values()))
            scored = []
            for candidate, score in zip(candidates, statics[i], strict=True):
                if candidate.country:
                    share = countries[candidate.country] - own_countries[candidate.country]
                    for other in borders.get(candidate.country, ()):
                        share += NEIGHBOUR_SHARE * (countries[other] - own_countries[other])
                    score += COUNTRY_WEIGHT * share / other_total
                if candidate.admin1_code and candidate.feature != "country":
                    code = candidate.admin1_code
                    score += ADMIN1_WEIGHT * (admin1s[code] - own_admin1s[code]) / admin1_total
                if anchors and candidate.feature not in BROAD:
                    score += SPATIAL_WEIGHT * _nearby(candidate, anchors, mention.key)
                scored.append((score, candidate))
            scored.sort(key=lambda item: -item[0])
            best_score, best = scored[0]
            margin = best_score - scored[1][0] if len(scored) > 1 else 3.0
            picks[i] = best
            results.append(Resolved(mention, best, round(1 - 0.5 * math.exp(-margin), 3)))
    return results


def _nearby(candidate: Candidate, anchors: list[tuple[str, Candidate]], key: str) -> float:
    """Share of the article's other specific places within NEARBY_KM of the candidate: local
    stories name places close together."""
    others = [pick for other, pick in anchors if other != key]
    if not others:
        return 0.0
    cos_lat = math.cos(math.radians(candidate.lat))
    close = 0
    for pick in others:
        dlat = (pick.lat - candidate.lat) * 111.2
        dlon = (pick.lon - candidate.lon) * 111.2 * cos_lat
        close += dlat * dlat + dlon * dlon <= NEARBY_KM * NEARBY_KM
    return close / len(others)
