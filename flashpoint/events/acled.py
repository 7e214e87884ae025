"""One ACLED-style sub-event for a report, read from its PLOVER events.

PLOVER codes every act in a report: protesters marching is a PROTEST, police firing tear gas
at them an ASSAULT (crowd-control), the arrests a COERCE. ACLED instead files the whole report
under one sub-event seen from the demonstrators' side, and its codebook says which:

- demonstrators who riot make a violent demonstration, whatever the police do;
- force against a peaceful protest that kills or injures, or that is more than crowd control
  (beatings, live fire), makes excessive force against protesters;
- any other attempt to disperse or suppress a protest (tear gas, arrests, a ban enforced)
  makes a protest with intervention.

`acled_event` applies these rules and otherwise takes the report's main event (the most
confident event of the lead sentence, not negated) and its class from `ontology.acled_class`.
The rules that say which acts are interventions (`interventions` in acled_plover.yaml) are
data.
"""

from __future__ import annotations

from functools import cache

from ..model import Event
from .coder import main_event as sentence_main_event
from .ontology import acled_class, load_data

RIOT = "VIOL_DEMONSTR"
EXCESSIVE_FORCE = "FORCE_AGAINST_PROTEST"
INTERVENTION = "PROTEST_WITH_INTER"


def main_event(events: list[Event]) -> Event | None:
    """The report's main event: a report leads with its news, so the event with the highest
    confidence (first one on ties) of the first sentence that reports one, not negated."""
    live = [event for event in events if "negation" not in event.aux]
    if not live:
        return None
    lead = min(event.evidence.start for event in live)
    return sentence_main_event([event for event in live if event.evidence.start == lead])


def event_class(event: Event) -> str | None:
    """ACLED-style class of one event (see `ontology.acled_class`)."""
    return acled_class(
        event.event_type,
        event.mode,
        event.context,
        event.trigger,
        event.evidence.text,
        event.actor.sector if event.actor else None,
    )


@cache
def _interventions() -> tuple[frozenset[str], ...]:
    """PLOVER readings ("TYPE", "TYPE:mode" or "TYPE/context") that act on a crowd, the
    protest modes that are riots, and the ASSAULT modes and trigger words that make force
    excessive."""
    data = load_data("acled_plover.yaml").get("interventions") or {}
    return tuple(
        frozenset(
            str(item).lower() if key == "excessive_words" else str(item)
            for item in data.get(key) or ()
        )
        for key in ("force", "riot_modes", "excessive_modes", "excessive_words")
    )


def _is_force(event: Event, readings: frozenset[str]) -> bool:
    keys = {event.event_type, f"{event.event_type}:{event.mode}"}
    keys |= {f"{event.event_type}/{context}" for context in event.context}
    return bool(keys & readings)


def acled_event(events: list[Event]) -> tuple[Event | None, str | None]:
    """The event that stands for the report in ACLED terms, and its class."""
    live = [event for event in events if "negation" not in event.aux]
    force_readings, riot_modes, excessive_modes, excessive_words = _interventions()
    protests = [event for event in live if event.event_type == "PROTEST"]
    force = [event for event in live if _is_force(event, force_readings)]
    if protests and force:
        riots = [event for event in protests if event.mode in riot_modes]
        if riots:
            return main_event(riots), RIOT
        harmful = [
            event
            for event in force
            if (event.dead or 0) + (event.injured or 0) > 0
            or event.mode in excessive_modes
            or set((event.trigger or "").lower().split()) & excessive_words
        ]
        if harmful:
            return main_event(harmful), EXCESSIVE_FORCE
        return main_event(protests), INTERVENTION
    event = main_event(live)
    return event, (event_class(event) if event is not None else None)
