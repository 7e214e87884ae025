"""May two event mentions report the same real-world event, and how strongly do they agree?

`compatible` holds the hard rules (a mismatch on any of them keeps two mentions apart whatever
else agrees); `score` adds the weights of `data/merge/weights.yaml` for each agreeing detail.
Both work on `Mention`, an event with the facts the rules need worked out once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from ..geo.distance import haversine_km
from ..model import Actor, Event, Place, TimeSpan
from .layout import in_lede
from .settings import MergeSettings, load_settings
from .terms import fold, key_terms, overlap, weigh

# Ordinal-day bounds for mentions with no date at all: they overlap everything.
_NO_START = -(10**9)
_NO_END = 10**9


@dataclass
class Mention:
    """One event with the facts the merge rules compare, computed once."""

    event: Event
    # The article the mention belongs to, syndicated copies mapped to their original.
    article: str
    aux: frozenset[str]
    # Earliest and latest ordinal day the event may have happened on, tolerance included.
    first: float
    last: float
    # True when the date is the event's own (not the document's), and when it names one day.
    dated: bool
    day: bool
    # True when the date range is too long to place the event in a week.
    coarse: bool
    # True when the sentence is the article's headline or lead (see layout.py).
    lede: bool = False
    # Key words near the trigger with their weights (see terms.py); set for the whole batch.
    terms: dict[str, float] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        event: Event,
        published: date | None = None,
        article: str | None = None,
        settings: MergeSettings | None = None,
        text: str | None = None,
    ) -> Mention:
        """`text` is the article's text, to recognise a date or place read from its dateline."""
        settings = settings or load_settings()
        if event.location is not None and _is_dateline_place(event.location, text):
            # Where the article was filed, not where the event happened.
            event = replace(event, location=None)
        span = event.date
        if span is not None and _is_document_date(span, published, text):
            # The extractor's fallback when the text gives no time: not evidence of the day.
            span = None
        if span is not None:
            tolerance = settings.tolerance(span.precision)
            first = span.start.toordinal() - tolerance
            last = span.end.toordinal() + tolerance
            length = (span.end - span.start).days + 1
            dated, day = True, span.precision == "day" and length == 1
            coarse = length > settings.coarse_date_days
        elif published is not None:
            # Undated mentions happened on or before the day they were reported; recaps of older
            # events are common, so the window reaches back (`published` tolerance) but earns
            # no date weight.
            last = published.toordinal()
            first = last - settings.tolerance("published")
            dated = day = coarse = False
        else:
            first, last = _NO_START, _NO_END
            dated = day = False
            coarse = True
        return cls(
            event=event,
            article=article or event.doc_id,
            aux=frozenset(event.aux),
            first=first,
            last=last,
            dated=dated,
            day=day,
            coarse=coarse,
            lede=in_lede(event.evidence.start, text),
        )


# What follows the date in a wire dateline ("BAGHDAD, Dec. 31, 2019 - Hundreds of ...").
_DATELINE_END = re.compile(r"[\s,.)]{0,3}[-\u2013\u2014]+\s")


# A dateline: the place opens a line and a dash follows within a few words ("KYIV, April 9 - ").
_DATELINE = re.compile(r"[^\n]{0,60}?\s[-\u2013\u2014]+\s")


def _is_dateline_place(place: Place, text: str | None) -> bool:
    if text is None or place.start is None or place.start >= len(text):
        return False
    at_line_start = place.start == 0 or text[place.start - 1] == "\n"
    return at_line_start and _DATELINE.match(text, place.start) is not None


def _is_document_date(span: TimeSpan, published: date | None, text: str | None) -> bool:
    """The extractor's fallback (no time expression) or the article's dateline: both say when
    the article was written, not when the event happened."""
    if published is None or not (span.start == span.end == published):
        return False
    if span.text is None:
        return True
    if text is None or span.char_end is None:
        return False
    return _DATELINE_END.match(text, span.char_end) is not None


def actors_compatible(
    first: Actor | None, second: Actor | None, settings: MergeSettings | None = None
) -> bool:
    """False when the two readings name different actors (see `actor_conflict`)."""
    return actor_conflict(first, second, settings or load_settings()) is None


def actor_conflict(
    first: Actor | None, second: Actor | None, settings: MergeSettings
) -> str | None:
    """How surely two actor readings are different actors: None when they may be one.

    "strong" for two different KB ids, two countries read with a sector each, or opposed
    sectors; "weak" when one side is only a country read without a sector (extractors often take
    it from a place adjective: "an Iraqi base"). A missing side and an unresolved phrase
    ("gunmen") fit anything: outlets word one attacker differently.
    """
    if first is None or second is None:
        return None
    first_id, second_id = _identity(first, settings), _identity(second, settings)
    if first_id and second_id:
        return None if first_id == second_id else "strong"
    if first.country and second.country and first.country != second.country:
        return "strong" if first.sector and second.sector else "weak"
    opposed = frozenset((first.sector, second.sector)) in settings.distinct_sectors
    return "strong" if first.sector and second.sector and opposed else None


def _identity(actor: Actor, settings: MergeSettings) -> str | None:
    """The id when it names one actor; ids of a kind of actor ("generic/USA/MIL") compare by
    country and sector instead."""
    if actor.id and not actor.id.startswith(settings.generic_id_prefixes):
        return actor.id
    return None


def _actor_agreement(
    first: Actor | None, second: Actor | None, settings: MergeSettings
) -> str | None:
    """ "id" when both name the same KB entry, "country" when country (and sector) agree."""
    if first is None or second is None:
        return None
    first_id = _identity(first, settings)
    if first_id and first_id == _identity(second, settings):
        return "id"
    if first.country and first.country == second.country:
        if first.sector and second.sector and first.sector != second.sector:
            return None
        return "country"
    # Unresolved phrases: the same words ("the Rubymar") are weak evidence of one actor.
    unresolved = not (first.id or second.id or first.country or second.country)
    if unresolved and _norm(first.name) and _norm(first.name) == _norm(second.name):
        return "name"
    return None


def _strong_conflict(first: Event, second: Event, settings: MergeSettings) -> bool:
    """Different actors on some side whichever way round the roles are read."""

    def either(pairs: tuple[tuple[Actor | None, Actor | None], ...]) -> bool:
        return any(actor_conflict(x, y, settings) == "strong" for x, y in pairs)

    straight = either(((first.actor, second.actor), (first.recipient, second.recipient)))
    return straight and either(((first.actor, second.recipient), (first.recipient, second.actor)))


def conflicting(first: Mention, second: Mention, settings: MergeSettings | None = None) -> bool:
    """True when the two mentions name different places or actors: such a pair may be one event
    only on its own evidence, never by way of a third mention (see cluster.py). Modes are left
    out: extractors misread them too often for a mismatch to forbid anything."""
    settings = settings or load_settings()
    a, b = first.event, second.event
    return not places_compatible(a.location, b.location, settings) or _strong_conflict(
        a, b, settings
    )


def _role_score(
    pairs: tuple[tuple[str, Actor | None, Actor | None], ...], settings: MergeSettings
) -> float:
    weights = settings.weights
    total = 0.0
    for role, x, y in pairs:
        agreement = _actor_agreement(x, y, settings)
        if agreement:
            total += weights[f"{role}_{agreement}"]
        conflict = actor_conflict(x, y, settings)
        if conflict:
            total += weights[f"actor_{conflict}_conflict"]
    return total


def participants_score(first: Event, second: Event, settings: MergeSettings) -> float:
    """Agreement of actor and recipient, read either way round: a passive report ("the base was
    hit by rockets") and an extractor that swapped the roles describe the same attack."""
    straight = _role_score(
        (("actor", first.actor, second.actor), ("recipient", first.recipient, second.recipient)),
        settings,
    )
    if not (first.actor or first.recipient) or not (second.actor or second.recipient):
        return straight
    swapped = _role_score(
        (("actor", first.actor, second.recipient), ("recipient", first.recipient, second.actor)),
        settings,
    )
    # A swap must be the better reading by a margin: two mentions that share one country on
    # opposite sides are usually that country's two different acts.
    return max(straight, swapped + settings.weights["swapped_roles"])


def _coarse(place: Place, settings: MergeSettings) -> bool:
    return place.lat is None or place.lon is None or place.feature in settings.coarse_features


def distance_km(first: Place, second: Place) -> float | None:
    if None in (first.lat, first.lon, second.lat, second.lon):
        return None
    return haversine_km(first.lat, first.lon, second.lat, second.lon)


def places_compatible(
    first: Place | None, second: Place | None, settings: MergeSettings | None = None
) -> bool:
    """Near enough when both are points; the same country when either is coarse. A mismatch
    costs `place_conflict` in `score`: extractors often take the place of another clause."""
    if first is None or second is None:
        return True
    settings = settings or load_settings()
    if not (_coarse(first, settings) or _coarse(second, settings)):
        return distance_km(first, second) <= settings.far_km
    if first.country and second.country:
        return first.country == second.country
    return True


def _place_agreement(
    first: Place | None, second: Place | None, settings: MergeSettings
) -> str | None:
    if first is None or second is None:
        return None
    if not places_compatible(first, second, settings):
        return "place_conflict"
    points = not (_coarse(first, settings) or _coarse(second, settings))
    if points and distance_km(first, second) <= settings.near_km:
        return "place_near"
    if first.country and first.country == second.country:
        if first.admin1 and first.admin1 == second.admin1:
            return "same_admin1"
        return "same_country"
    return None


def dates_compatible(first: Mention, second: Mention) -> bool:
    if first.article == second.article and not (first.dated and second.dated):
        # A recap ("the attack") in the same article takes the date of what it recaps.
        return True
    return first.first <= second.last and second.first <= first.last


def _sentence_mates(first: Event, second: Event) -> bool:
    """Two triggers of one sentence are mostly two events ("strikes in retaliation for the
    attack"), but not always ("the attack that killed a contractor"): a penalty, not a rule.
    The sentence is compared by its words, so that a syndicated copy's sentence counts too."""
    if first.evidence.text != second.evidence.text:
        return False
    if None in (first.evidence.trigger_start, second.evidence.trigger_start):
        return False
    low, high = sorted(
        (
            first.evidence.trigger_start - first.evidence.start,
            second.evidence.trigger_start - second.evidence.start,
        )
    )
    # A headline run into the lead is one "sentence" to the parser but two units of text.
    return low != high and "\n" not in first.evidence.text[low:high]


# A denied event is never the event that happened; other modes ("will strike", "had struck")
# are often misread by extractors, so a mismatch there is a penalty in `score`.
_HARD_AUX = frozenset({"negation"})


def compatible(first: Mention, second: Mention, settings: MergeSettings | None = None) -> bool:
    """The hard rules: none may fail for two mentions to be one event."""
    settings = settings or load_settings()
    a, b = first.event, second.event
    # Cheapest and most selective first: most pairs in a week's block fail on the day.
    return (
        dates_compatible(first, second)
        and (_HARD_AUX & first.aux) == (_HARD_AUX & second.aux)
        and (a.event_type == b.event_type or settings.types_compatible(a.event_type, b.event_type))
    )


def score(first: Mention, second: Mention, settings: MergeSettings | None = None) -> float | None:
    """Sum of the weights of every agreeing detail, or None when a hard rule fails."""
    settings = settings or load_settings()
    if not compatible(first, second, settings):
        return None
    weights = settings.weights
    a, b = first.event, second.event
    total = weights["same_type"] if a.event_type == b.event_type else weights["compatible_type"]
    if first.article == second.article:
        total += weights["same_document"]
        if _sentence_mates(a, b):
            total += weights["same_sentence"]
        elif first.lede and second.lede and shared_terms(first, second):
            # The headline summarises the lead when they name something in common; a lead that
            # also recalls an older event ("in retaliation for the killing of ...") shares
            # nothing with the headline through that clause.
            total += weights["headline_lead"]
    if first.aux != second.aux:
        total += weights["aux_mismatch"]
    total += participants_score(a, b, settings)
    if first.dated and second.dated and not (first.coarse or second.coarse):
        exact = a.date.start <= b.date.end and b.date.start <= a.date.end
        total += (
            weights["same_day"] if first.day and second.day and exact else weights["date_overlap"]
        )
    place = _place_agreement(a.location, b.location, settings)
    if place:
        total += weights[place]
    if a.dead and a.dead == b.dead:
        total += weights["same_casualties"]
    if triggers_similar(a.trigger, b.trigger):
        total += weights["trigger_similar"]
    total += weights["context_overlap"] * overlap(first.terms, second.terms, settings.context_floor)
    return total


def shared_terms(first: Mention, second: Mention) -> bool:
    return not first.terms.keys().isdisjoint(second.terms.keys())


def triggers_similar(first: str | None, second: str | None) -> bool:
    """The same head word, folded ("missile strike" ~ "strikes"), or one head a compound of the
    other ("airstrikes" ~ "strikes")."""
    if not (first and second):
        return False
    head_first, head_second = (fold(text.split()[-1]) for text in (first, second))
    if head_first == head_second:
        return True
    short, long = sorted((head_first, head_second), key=len)
    return len(short) >= 5 and long.endswith(short)


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def pair_score(
    first: Event,
    second: Event,
    published: dict[str, date | None] | None = None,
    settings: MergeSettings | None = None,
) -> float | None:
    """`score` for two bare events (tests, debugging): document dates by doc_id, no copies."""
    published = published or {}
    settings = settings or load_settings()
    mentions = [
        Mention.of(event, published.get(event.doc_id), settings=settings)
        for event in (first, second)
    ]
    add_terms(mentions, settings)
    return score(mentions[0], mentions[1], settings)


def add_terms(mentions: list[Mention], settings: MergeSettings) -> None:
    """Give every mention its weighted key words, rarity measured over this batch."""
    term_sets = [key_terms(mention.event, settings.context_window) for mention in mentions]
    for mention, terms in zip(mentions, weigh(term_sets), strict=True):
        mention.terms = terms
