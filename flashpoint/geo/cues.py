"""Toponyms that the layout of news text marks, whatever NER made of their words.

The phrase match in `toponyms` trusts a small town only with NER's support, since small towns
share names with common words and surnames. Some layouts say "place" outright, so any town the
gazetteer knows is taken there, even where NER read the words as a person's name:

- lists closed by "counties" or "parishes": "in Becker, Clay and Otter Tail counties";
- a legislator's party and home: "Rep. Ann Lee, D-Kanawha", "(R-Elbow Lake)";
- an upper-case dateline: "BANTAM — A stonework mason ...", "HURRICANE, W.Va. - ...";
- a town qualified by its own state or country: "Canal Winchester, Ohio", "Sioux Falls, S.D.";
- a town after "in", "near" or ", of" that lies in a state the article names: "in Glen Carbon"
  in a story that says "Illinois" elsewhere.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .gazetteer import Candidate, Gazetteer
from .toponyms import Mention, mention_key

# "Clay and Otter Tail counties": the plural and the word each name takes in the gazetteer.
LIST_WORDS = {"counties": "county", "parishes": "parish"}
LIST_JOINS = {",", "and", "or", "&"}
# US legislators' party before their home town.
PARTY_MARKS = {"D", "R", "I", "DFL"}
DATELINE_DASHES = {"—", "–", "-", "--", "---"}
MAX_RUN = 4
# NER labels no layout overrides ("in August"); people's names are left open on purpose.
NOT_NAMES = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
# Words before a town's name that make it where something happens or someone lives.
PLACE_PREPOSITIONS = {"in", "near", "outside", "from", "to"}
# Name-internal words in an upper-case dateline ("ISLE OF PALMS").
_JOINERS = {"of", "de", "la", "le", "du"}


def _name_word(doc: Doc, i: int) -> bool:
    token = doc[i]
    if token.ent_type_ in NOT_NAMES or not token.text[:1].isupper() or token.is_punct:
        return False
    return token.is_title or token.is_upper


def _run_back(doc: Doc, end: int, taken: list[bool]) -> int:
    """Start of the run of capitalised, untaken words ending just before `end`."""
    start = end
    while start > 0 and end - start < MAX_RUN and not taken[start - 1]:
        if not _name_word(doc, start - 1):
            break
        start -= 1
    return start


def _run_forward(doc: Doc, start: int, taken: list[bool], upper: bool = False) -> int:
    end = start
    while end < len(doc) and end - start < MAX_RUN and not taken[end]:
        token = doc[end]
        if upper and end > start and token.lower_ in _JOINERS and token.is_upper:
            end += 1
            continue
        if not _name_word(doc, end) or (upper and not token.is_upper):
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


def _party_homes(doc: Doc, taken: list[bool]) -> list[tuple[int, int, str]]:
    found = []
    for i in range(1, len(doc) - 2):
        if doc[i].text in PARTY_MARKS and doc[i + 1].text == "-" and doc[i - 1].text in ",(":
            end = _run_forward(doc, i + 2, taken)
            if end > i + 2:
                found.append((i + 2, end, mention_key(doc[i + 2 : end].text)))
    return found


def _datelines(doc: Doc, taken: list[bool]) -> list[tuple[int, int, str]]:
    found = []
    for start, token in enumerate(doc):
        # a sentence's first word (read from the text when no parser set sentences)
        opens = start == 0 or token.is_sent_start or doc[start - 1].text in (".", "!", "?")
        if not opens or not token.is_upper or len(token.text) < 3:
            continue
        end = _run_forward(doc, start, taken, upper=True)
        if start < end < len(doc) and (doc[end].text in DATELINE_DASHES or doc[end].text == ","):
            found.append((start, end, mention_key(doc[start:end].text)))
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
        if (word in PLACE_PREPOSITIONS or residence) and not taken[i] and _name_word(doc, i):
            end = _run_forward(doc, i, taken)
            found.append((i, end, mention_key(doc[i:end].text)))
    return found


def cued_mentions(
    doc: Doc, gazetteer: Gazetteer, taken: list[bool], mentions: list[Mention]
) -> list[Mention]:
    """Mentions the layout marks, over words not yet taken; `taken` is updated."""
    lists = _county_lists(doc, taken)
    plain = _party_homes(doc, taken) + _datelines(doc, taken)
    keys = {key for _, _, key in lists + plain} | {mention.key for mention in mentions}
    found = gazetteer.lookup(keys)
    qualified = _qualified(doc, taken, mentions, found)
    found.update(gazetteer.lookup(key for _, _, key, _ in qualified))
    accepted: list[tuple[int, int, str]] = []
    for start, end, key in lists:
        if any(c.feature == "admin2" for c in found.get(key, [])):
            accepted.append((start, end, key))
    accepted += [(start, end, key) for start, end, key in plain if key in found]
    # states the article names outright (a town's state is only a guess at this point)
    states = {
        c.admin1_code
        for mention in mentions
        for c in found.get(mention.key, [])
        if c.kind == 0 and c.feature == "admin1"
    }
    if states:
        local = _after_prepositions(doc, taken)
        found.update(gazetteer.lookup(key for _, _, key in local))
        for start, end, key in local:
            if any(c.kind == 0 and c.admin1_code in states for c in found.get(key, [])):
                accepted.append((start, end, key))
    for start, end, key, wanted in qualified:
        if any(
            (c.admin1_code, c.country) in wanted or (None, c.country) in wanted
            for c in found.get(key, [])
        ):
            accepted.append((start, end, key))
    result = []
    for start, end, key in sorted(accepted):
        if not any(taken[start:end]):
            result.append(Mention(start, end, key, "layout"))
            for i in range(start, end):
                taken[i] = True
    return result
