"""Coding conventions for parties the text describes but does not name.

Event coders (CAMEO, PLOVER) code such parties by rule rather than leave them empty:
- people or places acted on are civilians: "arrested 100 Palestinians", "shelled a village",
  "extended the curfew in Abidjan" (the population of the place);
- an ethnic group is coded where it lives: "ethnic Albanians in Macedonia" is Macedonian;
- an attack nobody is named for is by unidentified armed attackers of the country where it
  happened ("a roadside bomb near Samarra").
The word lists are `data/actors/conventions.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Span, Token

from ..model import Actor, Place
from .kb import DATA_DIR, get_kb, read_yaml
from .mentions import generic_actor

CONVENTIONS_FILE = DATA_DIR / "conventions.yaml"
CIVILIAN = "CVL"
PLURAL_TAGS = frozenset({"NNS", "NNPS"})


@dataclass(frozen=True)
class Conventions:
    civilian_places: frozenset[str]
    population_types: frozenset[str]
    crowd_types: frozenset[str]
    unattributed_types: frozenset[str]
    unidentified_sector: str
    ethnic_markers: frozenset[str]
    instruments: frozenset[str]
    foreign_missions: frozenset[str] = frozenset()


@cache
def conventions() -> Conventions:
    data = read_yaml(CONVENTIONS_FILE)
    if not isinstance(data, dict):
        from ..exceptions import KnowledgeBaseError

        raise KnowledgeBaseError(f"{CONVENTIONS_FILE}: expected a mapping of word lists")
    return Conventions(
        civilian_places=frozenset(data.get("civilian_places") or ()),
        population_types=frozenset(data.get("population_types") or ()),
        crowd_types=frozenset(data.get("crowd_types") or ()),
        unattributed_types=frozenset(data.get("unattributed_types") or ()),
        unidentified_sector=str(data.get("unidentified_sector") or "UAF"),
        ethnic_markers=frozenset(data.get("ethnic_markers") or ()),
        instruments=frozenset(data.get("instruments") or ()),
        foreign_missions=frozenset(data.get("foreign_missions") or ()),
    )


def is_people(head: Token | None) -> bool:
    """A people named by the plural of its demonym ("Palestinians", "ethnic Albanians")."""
    if head is None:
        return False
    if head.lower_ in get_kb().partitives or head.pos_ == "NUM":
        # "thousands of Sudanese": the people is in the of-phrase
        inner = [g for c in head.children if c.lower_ == "of" for g in c.children]
        return any(is_people(token) for token in inner if token.dep_ == "pobj")
    return head.ent_type_ == "NORP" and head.pos_ in ("NOUN", "PROPN") and head.tag_ in PLURAL_TAGS


def is_ethnic(head: Token) -> bool:
    markers = conventions().ethnic_markers
    return any(token.lower_ in markers for token in head.lefts)


def is_civilian_place(head: Token | None) -> bool:
    if head is None:
        return False
    places = conventions().civilian_places
    if head.lemma_.lower() in places or head.lower_ in places:
        return True
    compound = " ".join(t.lower_ for t in head.lefts if t.dep_ in ("amod", "compound"))
    return f"{compound} {head.lemma_.lower()}".strip() in places


def civilian_recipient(
    recipient: Actor | None, head: Token | None, event_type: str | None
) -> Actor | None:
    """The recipient with the civilian sector when it is a people or a populated place, or only
    the place where a population-wide act happens; otherwise unchanged."""
    if recipient is None or not recipient.country:
        return recipient
    if _capital_attacked(recipient, head, event_type):
        return replace(recipient, sector=CIVILIAN)
    if recipient.sector:
        return recipient
    if is_people(head) or is_civilian_place(head):
        return replace(recipient, sector=CIVILIAN)
    if event_type not in conventions().population_types:
        return recipient
    # Only a place is known: nobody is named ("extended the curfew in Abidjan"), or the act is
    # aimed at an activity there ("banned voting in East Jerusalem").
    placed = head is None and recipient.text is None
    activity = (
        head is not None
        and head.pos_ == "NOUN"
        and head.ent_type_ == ""
        and head.lemma_.lower() not in get_kb().partitives  # "members of": people, not a place
        and (recipient.id or "").startswith("generic/")
    )
    return replace(recipient, sector=CIVILIAN) if placed or activity else recipient


def civilian_crowd(actor: Actor | None, head: Token | None, event_type: str | None) -> Actor | None:
    """A people that protests ("young Algerians blocked roads") is its country's civilians."""
    if actor is None or actor.sector or not actor.country or not is_people(head):
        return actor
    if event_type not in conventions().crowd_types:
        return actor
    return replace(actor, sector=CIVILIAN)


def _capital_attacked(recipient: Actor, head: Token | None, event_type: str | None) -> bool:
    """ "Shelled Juba", "a curfew over Kabul": a capital acted on by force is its people, not
    the government it stands for in "Kabul said"."""
    return (
        head is not None
        and head.ent_type_ == "GPE"
        and head.text in get_kb().capitals
        and recipient.sector == "GOV"
        and event_type in conventions().population_types
    )


def is_instrument(actor: Actor | None, head: Token | None) -> bool:
    """A weapon standing as the doer, with no country of its own ("a missile", "rockets")."""
    if head is None or (actor is not None and actor.country is not None):
        return False
    return head.lemma_.lower() in conventions().instruments


def unidentified_attacker(
    event_type: str | None, place: Place | None, sentence: Span, recipient: Actor | None
) -> Actor | None:
    """Unidentified armed attackers of the country where an attack happened, for an attack no
    one is named for. A place inside the victims' own phrase ("one U.S. soldier", "an anti-Syria
    journalist") says who they are, not where it happened: another place of the sentence is used."""
    rules = conventions()
    if event_type not in rules.unattributed_types:
        return None
    country = place.country if place is not None and not _inside(place, recipient) else None
    if country is None:
        country = next(
            (
                found.country
                for found in _sentence_places(sentence)
                if found.country and not _inside(found, recipient)
            ),
            None,
        )
    if country is None:
        return None
    actor = generic_actor(get_kb(), country, rules.unidentified_sector, sentence)
    return replace(actor, text=None, start=None, end=None)


def _inside(place: Place, recipient: Actor | None) -> bool:
    if recipient is None or recipient.start is None or place.start is None:
        return False
    return recipient.start <= place.start < (recipient.end or recipient.start)


def _sentence_places(sentence: Span) -> list[Place]:
    found = []
    for span in sentence.doc.spans.get("fp_places", []):
        if sentence.start <= span.start < sentence.end and span._.fp_place is not None:
            found.append(span._.fp_place)
    return found
