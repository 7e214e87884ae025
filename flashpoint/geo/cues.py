"""Toponyms that the layout of news text marks, whatever NER made of their words.

The phrase match in `toponyms` trusts a small town only with NER's support, since small towns
share names with common words and surnames. Some layouts say "place" outright, so any town the
gazetteer knows is taken there, even where NER read the words as a person's name:

- lists closed by "counties" or "parishes": "in Becker, Clay and Otter Tail counties";
- a legislator's party and home: "Rep. Ann Lee, D-Kanawha", "(R-Elbow Lake)";
- an upper-case dateline: "BANTAM — A stonework mason ...", "HURRICANE, W.Va. - ...";
- a town qualified by its own state or country: "Canal Winchester, Ohio", "Sioux Falls, S.D.";
- a town after "in", "near" or ", of" that lies in a state the article names: "in Glen Carbon"
  in a story that says "Illinois" elsewhere;
- a place an organisation is named after, where the name says so: "the DeKalb County Jail",
  "Litchfield Superior Court", "the Spina Bifida Association of Western Pennsylvania";
- a name listed with places ("Indianapolis and Evansville"), "Northbrook-based", "the city of
  Sevierville".
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..nlp.extensions import doc_layout
from .data import load_local_words
from .gazetteer import Candidate, Gazetteer
from .names import DIRECTIONS, abbreviation_key
from .toponyms import Mention, _capitalised, in_states, mention_key

# "Clay and Otter Tail counties": the plural and the word each name takes in the gazetteer.
LIST_WORDS = {"counties": "county", "parishes": "parish"}
LIST_JOINS = {",", "and", "or", "&"}
# US legislators' party before their home town.
PARTY_MARKS = {"D", "R", "I", "DFL"}
MAX_RUN = 4
# NER labels no layout overrides ("in August"); people's names are left open on purpose.
NOT_NAMES = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
# Words before a town's name that make it where something happens or someone lives.
PLACE_PREPOSITIONS = {"in", "near", "outside", "from", "to"}
# Words before "to" that make it no direction: "according to Taylor".
NOT_DIRECTIONS = {"according", "thanks", "due", "owing", "compared", "similar"}
# Words for a kind of town before "of": "the city of Sevierville".
TOWN_WORDS = {"city", "town", "village", "township", "borough", "municipality"}
TOWN_WORDS |= {f"{word}s" for word in TOWN_WORDS} | {"cities", "municipalities"}
# Places a list must already hold for any town the gazetteer knows to join them.
LIST_PLACES = 2
# Units of distance before "from X" / "of X".
UNITS = {"miles", "mile", "kilometers", "kilometres", "km", "kms"}
# Words after "X-" that make X a place: "Northbrook-based", "U.S.-led".
DERIVED = {"based", "led", "backed", "born", "bound"}
SIZEABLE_POPULATION = 20_000
PROMINENT_POPULATION = 100_000
PROMINENT_FEATURES = {"country", "admin1"}
# Words that make a country's or city's name a party's or a club's: "United Russia".
NAME_QUALIFIERS = {"united", "real", "free", "just", "fair", "great", "new", "one"}
SIZEABLE_FEATURES = {"admin1", "admin2", "country", "region", "water"}
# Words before a region's name that are not part of it ("Metropolitan Atlanta").
AREA_WORDS = DIRECTIONS | {"metropolitan", "metro", "greater", "central", "upstate", "downstate"}


def _name_word(doc: Doc, i: int) -> bool:
    token = doc[i]
    return token.ent_type_ not in NOT_NAMES and _capitalised(token)


def _run_back(doc: Doc, end: int, taken: list[bool]) -> int:
    """Start of the run of capitalised, untaken words ending just before `end`."""
    start = end
    while start > 0 and end - start < MAX_RUN and not taken[start - 1]:
        if not _name_word(doc, start - 1):
            break
        start -= 1
    return start


def _run_forward(doc: Doc, start: int, taken: list[bool]) -> int:
    end = start
    while end < len(doc) and end - start < MAX_RUN and not taken[end]:
        if not _name_word(doc, end):
            break
        end += 1
    return end


def _county_lists(doc: Doc, taken: list[bool]) -> list[tuple[int, int, str]]:
    found = []
    for k, token in enumerate(doc):
        suffix = LIST_WORDS.get(token.lower_)
        if suffix is None:
            continue
        end = k
        while end > 0:
            start = _run_back(doc, end, taken)
            if start == end:
                break
            found.append((start, end, f"{mention_key(doc[start:end].text)} {suffix}"))
            # back over ", and" / "," / "and" to the next name of the list
            end = start
            while end > 0 and doc[end - 1].lower_ in LIST_JOINS:
                end -= 1
            if end == start:
                break
    return found


def _party_homes(doc: Doc, taken: list[bool], gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    found = []
    for i in range(1, len(doc) - 2):
        if doc[i].text in PARTY_MARKS and doc[i + 1].text == "-" and doc[i - 1].text in ",(":
            end = _run_forward(doc, i + 2, taken)
            if end > i + 2:
                # "D-S.C.", "D-W. Va.": a state's abbreviation is read as the state
                found.append((i + 2, end, abbreviation_key(doc, i + 2, end, gazetteer)))
    return found


def _datelines(doc: Doc, taken: list[bool]) -> list[tuple[int, int, str]]:
    """The upper-case places of the text's datelines (`ingest.layout`): "BANTAM —"."""
    found = []
    for line in doc_layout(doc).datelines:
        if line.place is None:
            continue
        span = doc.char_span(*line.place, alignment_mode="expand")
        if span is None or not span.text.isupper() or any(taken[span.start : span.end]):
            continue
        found.append((span.start, span.end, mention_key(span.text)))
    return found


def _qualified(
    doc: Doc, taken: list[bool], mentions: list[Mention], found: dict[str, list[Candidate]]
) -> list[tuple[int, int, str, set]]:
    """Runs before ", <state or country>", with the (admin1 code, country) pairs that state or
    country allows."""
    result = []
    for mention in mentions:
        if mention.start < 2 or doc[mention.start - 1].text != ",":
            continue
        wanted = {
            (c.admin1_code if c.feature == "admin1" else None, c.country)
            for c in found.get(mention.key, [])
            if c.kind == 0 and c.feature in ("admin1", "country")
        }
        start = _run_back(doc, mention.start - 1, taken)
        if wanted and start < mention.start - 1:
            result.append(
                (start, mention.start - 1, mention_key(doc[start : mention.start - 1].text), wanted)
            )
    return result


def _after_prepositions(doc: Doc, taken: list[bool]) -> list[tuple[int, int, str]]:
    found = []
    for i in range(1, len(doc) - 1):
        word = doc[i - 1].lower_
        residence = word == "of" and i > 1 and doc[i - 2].text == ","
        if word == "to" and i > 1 and doc[i - 2].lower_ in NOT_DIRECTIONS:
            continue  # "according to Taylor"
        if (word in PLACE_PREPOSITIONS or residence) and not taken[i] and _name_word(doc, i):
            end = _run_forward(doc, i, taken)
            found.append((i, end, mention_key(doc[i:end].text)))
    return found


def _organisation_parts(doc: Doc, taken: list[bool]) -> list[tuple[int, int, str]]:
    """Places organisations are named after: the name that opens an organisation's name when a
    word of local government follows it ("DeKalb County Jail", "Gwinnett County Police"), and
    the name after the organisation's last "of", less words such as "Western" ("Association of
    Western Pennsylvania", "United Way of Metropolitan Atlanta"). Schools, courts and colleges
    are named after people as often as after towns ("Lee Academy"), so they say nothing."""
    bodies = load_local_words().get("bodies", frozenset())
    found = []
    for ent in doc.ents:
        if ent.label_ != "ORG" or len(ent) < 2:
            continue
        start = ent.start + (doc[ent.start].lower_ == "the")
        end = _run_forward(doc, start, taken)
        while end > start and not (end < ent.end and doc[end].lower_ in bodies):
            end -= 1
        if end > start and not all(doc[i].lower_ in bodies | AREA_WORDS for i in range(start, end)):
            found.append((start, end, mention_key(doc[start:end].text)))
        ofs = [i for i in range(ent.start + 1, ent.end - 1) if doc[i].lower_ == "of"]
        if ofs:
            start = ofs[-1] + 1
            while start < ent.end - 1 and doc[start].lower_ in AREA_WORDS:
                start += 1
            if all(_name_word(doc, i) and not taken[i] for i in range(start, ent.end)):
                found.append((start, ent.end, mention_key(doc[start : ent.end].text)))
    return found


def _organisation_openers(
    doc: Doc, taken: list[bool], gazetteer: Gazetteer
) -> list[tuple[int, int, str]]:
    """Every run of name words that could be the state or country opening an organisation's
    name, shortest first: "the S.C. Highway Patrol", "West Virginia Division of Highways",
    "Northeast Texas Community College" (area words such as "Northeast" left out). Only
    states and countries are read here (see `cued_mentions`): towns open firms' names too
    often ("Lincoln Financial")."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "ORG" or len(ent) < 2:
            continue
        start = ent.start + (doc[ent.start].lower_ == "the")
        while start < ent.end - 1 and doc[start].lower_ in AREA_WORDS:
            start += 1
        for end in range(start + 1, min(start + MAX_RUN, ent.end - 1) + 1):
            if not all(_name_word(doc, i) and not taken[i] for i in range(start, end)):
                break
            found.append((start, end, abbreviation_key(doc, start, end, gazetteer)))
    return found


def _organisation_ends(doc: Doc, taken: list[bool]) -> list[tuple[int, int, str]]:
    """Names that close an organisation's name: "Environment Canada", "CBC Toronto", "Team
    Alberta". Surnames close names as often ("Goldman Sachs"), so only countries, states and
    big cities are taken here (PROMINENT_*)."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "ORG" or len(ent) < 2:
            continue
        # "Team Alberta's": the possessive is no part of the name
        end = ent.end - (doc[ent.end - 1].lower_ in ("'s", "’s"))
        for start in range(max(ent.start + 1, end - MAX_RUN), end):
            if not all(_name_word(doc, i) and not taken[i] for i in range(start, end)):
                continue
            before = doc[start - 1]
            # a party's or a club's name ("United Russia", "Real Madrid") is no place's
            qualified = before.pos_ == "ADJ" or before.lower_ in NAME_QUALIFIERS
            area = all(doc[i].lower_ in AREA_WORDS for i in range(start, end))
            if not qualified and not area:
                found.append((start, end, mention_key(doc[start:end].text)))
            break
    return found


def _name_runs(doc: Doc, taken: list[bool]):
    """(start, end) of each run of name words not yet taken, from its first word."""
    for i in range(len(doc)):
        if taken[i] or not _name_word(doc, i) or (i > 0 and _name_word(doc, i - 1)):
            continue
        yield i, _run_forward(doc, i, taken)


def _listed(doc: Doc, taken: list[bool]) -> list[tuple[int, int, str, int]]:
    """Names listed with places ("Indianapolis and Evansville"), with how many places."""
    found = []
    for start, end in _name_runs(doc, taken):
        places = sum(taken[other.i] for other in doc[end - 1].conjuncts)
        if places:
            found.append((start, end, mention_key(doc[start:end].text), places))
    return found


def _named_as_places(doc: Doc, taken: list[bool]) -> list[tuple[int, int, str]]:
    """Names the words around call a place: "Northbrook-based", "the city of Sevierville"."""
    found = []
    for i, end in _name_runs(doc, taken):
        based = end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in DERIVED
        town = i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in TOWN_WORDS
        # "60 miles southwest of Raleigh", "north of Kirkuk", "20 km from Goma"
        bearing = i > 1 and doc[i - 1].lower_ in ("of", "from")
        bearing = bearing and (doc[i - 2].lower_ in DIRECTIONS or doc[i - 2].lower_ in UNITS)
        if based or town or bearing:
            found.append((i, end, mention_key(doc[i:end].text)))
    return found


def _big_enough(candidates: list[Candidate], features: set[str], population: int) -> bool:
    """Some place of that own name is one of `features` or has `population` people: a small
    town's name is too often a word ("Commerce") or a surname ("Brown") to take on weak cues."""
    return any(
        c.kind == 0 and (c.feature in features or c.population >= population) for c in candidates
    )


def cued_mentions(
    doc: Doc,
    gazetteer: Gazetteer,
    taken: list[bool],
    mentions: list[Mention],
    home_states: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Mentions the layout marks, over words not yet taken; `taken` is updated. `home_states`:
    the states the article's outlet mostly writes about (`homes`), which count as named."""
    lists = _county_lists(doc, taken)
    plain = _party_homes(doc, taken, gazetteer) + _datelines(doc, taken)
    plain += _named_as_places(doc, taken)
    listed = _listed(doc, taken)
    weak = _organisation_parts(doc, taken) + [(start, end, key) for start, end, key, _ in listed]
    # in a list of places ("Dodge City, Great Bend, Hutchinson and Pratt") a small town will do
    crowded = [(start, end, key) for start, end, key, places in listed if places >= LIST_PLACES]
    ends = _organisation_ends(doc, taken)
    openers = _organisation_openers(doc, taken, gazetteer)
    keys = {key for _, _, key in lists + plain + weak + ends + openers}
    keys |= {mention.key for mention in mentions}
    found = gazetteer.lookup(keys)
    qualified = _qualified(doc, taken, mentions, found)
    found.update(gazetteer.lookup(key for _, _, key, _ in qualified))
    accepted: list[tuple[int, int, str]] = []
    for start, end, key in lists:
        if any(c.feature == "admin2" for c in found.get(key, [])):
            accepted.append((start, end, key))
    accepted += [(start, end, key) for start, end, key in plain if key in found]
    accepted += [
        (start, end, key)
        for start, end, key in weak
        if _big_enough(found.get(key, []), SIZEABLE_FEATURES, SIZEABLE_POPULATION)
    ]
    accepted += [
        (start, end, key)
        for start, end, key in crowded
        if any(c.kind == 0 for c in found.get(key, []))
    ]
    accepted += [
        (start, end, key)
        for start, end, key in ends
        if _big_enough(found.get(key, []), PROMINENT_FEATURES, PROMINENT_POPULATION)
    ]
    accepted += [
        (start, end, key)
        for start, end, key in openers
        if any(c.kind == 0 and c.feature in PROMINENT_FEATURES for c in found.get(key, []))
    ]
    # states the article names outright (a town's state is only a guess at this point)
    states = {
        c.admin1_code
        for mention in mentions
        for c in found.get(mention.key, [])
        if c.kind == 0 and c.feature == "admin1"
    }
    if states or home_states:
        local = _after_prepositions(doc, taken)
        found.update(gazetteer.lookup(key for _, _, key in local))
        for start, end, key in local:
            # the outlet's state is a weaker hint than one the article names: not enough to
            # make a place of a word NER read as a person's name ("according to Taylor")
            person = any(doc[i].ent_type_ == "PERSON" for i in range(start, end))
            wanted = states if person else states | home_states
            if in_states(found.get(key, []), wanted):
                accepted.append((start, end, key))
    for start, end, key, wanted in qualified:
        if any(
            (c.admin1_code, c.country) in wanted or (None, c.country) in wanted
            for c in found.get(key, [])
        ):
            accepted.append((start, end, key))
    result = []
    # the longest of those that start together: "West Virginia", not "West"
    for start, end, key in sorted(accepted, key=lambda item: (item[0], -item[1])):
        if not any(taken[start:end]):
            result.append(Mention(start, end, key, "layout"))
            for i in range(start, end):
                taken[i] = True
    return result
