"""May two event mentions report the same real-world event, and how strongly do they agree?

`compatible` holds the hard rules (dates that cannot overlap, a denial, unrelated types: any one
keeps two mentions apart whatever else agrees); `score` adds the weights of
`data/merge/weights.yaml` for each agreeing detail and their penalties for each conflicting one
(other actors, a distant place, another mode), since real extractors misread those. Both work
on `Mention`, an event with the facts the rules need worked out once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from ..geo.distance import haversine_km
from ..ingest.layout import Layout, read_layout
from ..model import Event, Place, TimeSpan
from .participants import participants_score, strong_conflict
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
    # True when the sentence is the article's headline or lead (see ingest/layout.py).
    lede: bool = False
    # The trigger's last word, folded ("missile strikes" -> "strike"); "" without a trigger.
    head: str = ""
    # Key words near the trigger with their weights (see terms.py); set for the whole batch.
    terms: dict[str, float] = field(default_factory=dict)
    # True when the place was read outside the event's sentence (the article's main place,
    # the extractor's guess when the sentence names none): see `_places_of`.
    place_guessed: bool = False

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
        layout = read_layout(text) if text else None
        if event.location is not None and _is_dateline_place(event.location, layout):
            # Where the article was filed, not where the event happened.
            event = replace(event, location=None)
        span = event.date
        if span is not None and _is_document_date(span, published, layout):
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
        aux = frozenset(event.aux)
        if span is not None and published is not None and span.end < published:
            # An event dated before its report has happened (or is recalled): "future" on it is
            # a misreading of the clause around it ("the strike will be answered").
            aux -= {"future"}
        return cls(
            event=event,
            article=article or event.doc_id,
            aux=aux,
            first=first,
            last=last,
            dated=dated,
            day=day,
            coarse=coarse,
            lede=layout is not None and layout.in_lede(event.evidence.start),
            head=trigger_head(event.trigger),
            place_guessed=place_guessed(event),
        )


def place_guessed(event: Event) -> bool:
    """Whether the event's place comes from outside its own sentence."""
    place, evidence = event.location, event.evidence
    if place is None or place.start is None:
        return False
    return not evidence.start <= place.start < evidence.end


def _is_dateline_place(place: Place, layout: Layout | None) -> bool:
    if layout is None or place.start is None:
        return False
    end = place.end if place.end is not None else place.start + len(place.text or place.name)
    return layout.in_dateline_place(place.start, end)


def _is_document_date(span: TimeSpan, published: date | None, layout: Layout | None) -> bool:
    """The extractor's fallback (no time expression) or the article's dateline: both say when
    the article was written, not when the event happened."""
    if published is None or not (span.start == span.end == published):
        return False
    if span.text is None:
        return True
    if layout is None or span.char_end is None:
        return False
    start = span.char_start if span.char_start is not None else span.char_end - len(span.text)
    return layout.in_dateline_date(start, span.char_end)


def conflicting(first: Mention, second: Mention, settings: MergeSettings | None = None) -> bool:
    """True when the two mentions name different places or actors: such a pair may be one event
    only on its own evidence, never by way of a third mention (see cluster.py). Modes are left
    out: extractors misread them too often for a mismatch to forbid anything."""
    settings = settings or load_settings()
    a, b = first.event, second.event
    return _places_of(first, second, settings) == "place_conflict" or strong_conflict(
        a, b, settings
    )


def _places_of(first: Mention, second: Mention, settings: MergeSettings) -> str | None:
    """`_place_agreement` of two mentions. A guessed place never conflicts, and agrees only
    across articles: within its own it was taken from the other mentions' places."""
    agreement = _place_agreement(first.event.location, second.event.location, settings)
    guessed = first.place_guessed or second.place_guessed
    if guessed and (agreement == "place_conflict" or first.article == second.article):
        return None
    return agreement


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
    return _place_agreement(first, second, settings or load_settings()) != "place_conflict"


def _place_agreement(
    first: Place | None, second: Place | None, settings: MergeSettings
) -> str | None:
    if first is None or second is None:
        return None
    if not (_coarse(first, settings) or _coarse(second, settings)):
        # Both points: the distance decides (computed once; it is the costliest comparison).
        distance = distance_km(first, second)
        if distance > settings.far_km:
            return "place_conflict"
        if distance <= settings.near_km:
            return "place_near"
    elif first.country and second.country and first.country != second.country:
        return "place_conflict"
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
        and settings.types_compatible(a.event_type, b.event_type, a.mode, b.mode)
    )


def score(first: Mention, second: Mention, settings: MergeSettings | None = None) -> float | None:
    """Sum of the weights of every agreeing detail, or None when a hard rule fails."""
    settings = settings or load_settings()
    if not compatible(first, second, settings):
        return None
    weights = settings.weights
    a, b = first.event, second.event
    total = weights["same_type"] if a.event_type == b.event_type else weights["compatible_type"]
    mates = first.article == second.article and _sentence_mates(a, b)
    if first.article == second.article:
        total += weights["same_document"]
        if mates:
            total += weights["same_sentence"]
        elif first.lede and second.lede and shared_terms(first, second):
            # The headline summarises the lead when they name something in common; a lead that
            # also recalls an older event ("in retaliation for the killing of ...") shares
            # nothing with the headline through that clause.
            total += weights["headline_lead"]
    # "historical" says how old the event was when reported, not what happened: the original
    # report and a recap a year later describe one event
    if first.aux - {"historical"} != second.aux - {"historical"}:
        total += weights["aux_mismatch"]
    total += participants_score(a, b, settings)
    if first.dated and second.dated and not (first.coarse or second.coarse):
        exact = a.date.start <= b.date.end and b.date.start <= a.date.end
        total += (
            weights["same_day"] if first.day and second.day and exact else weights["date_overlap"]
        )
    place = _places_of(first, second, settings)
    if place:
        total += weights[place]
    if a.dead and a.dead == b.dead:
        total += weights["same_casualties"]
    if heads_similar(first.head, second.head):
        total += weights["trigger_similar"]
    if not mates:
        # Two triggers of one sentence share its words whether or not they are one event.
        total += weights["context_overlap"] * overlap(
            first.terms, second.terms, settings.context_floor
        )
    return total


def shared_terms(first: Mention, second: Mention) -> bool:
    return not first.terms.keys().isdisjoint(second.terms.keys())


def trigger_head(trigger: str | None) -> str:
    words = (trigger or "").split()
    return fold(words[-1]) if words else ""


def heads_similar(first: str, second: str) -> bool:
    """The same folded head word ("missile strike" ~ "strikes"), or one head a compound of the
    other ("airstrikes" ~ "strikes")."""
    if not (first and second):
        return False
    if first == second:
        return True
    short, long = sorted((first, second), key=len)
    return len(short) >= 5 and long.endswith(short)


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
