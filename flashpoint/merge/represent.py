"""One record per canonical event (`flashpoint events --merged`): the best mention, gaps filled."""

from __future__ import annotations

from dataclasses import replace

from ..model import Event

# Filled from other mentions when the representative lacks them.
_FILLABLE: tuple[str, ...] = ("actor", "recipient", "date", "location", "dead", "injured", "mode")


def completeness(event: Event) -> tuple:
    """Rank mentions: most details resolved, day-precise dates and points, then confidence."""
    return (
        sum(getattr(event, name) is not None for name in _FILLABLE),
        event.date is not None and event.date.precision == "day",
        event.location is not None and event.location.lat is not None,
        event.confidence or 0.0,
    )


def representatives(events: list[Event]) -> list[Event]:
    """One copy per canonical_id of its most complete mention, missing details taken from the
    other mentions in order of completeness, `sources` covering them all. Events without a
    canonical_id stand alone. Input events are not changed."""
    grouped: dict[str, list[Event]] = {}
    for event in events:
        grouped.setdefault(event.canonical_id or event.id, []).append(event)
    merged: list[Event] = []
    for cluster_id, members in grouped.items():
        ranked = sorted(members, key=completeness, reverse=True)
        best = ranked[0]
        filled = {
            name: next((getattr(m, name) for m in ranked if getattr(m, name) is not None), None)
            for name in _FILLABLE
        }
        sources = sorted({doc_id for m in members for doc_id in (m.sources or [m.doc_id])})
        merged.append(
            replace(
                best,
                **filled,
                canonical_id=best.canonical_id or cluster_id,
                sources=sources,
                context=list(best.context),
                aux=list(best.aux),
            )
        )
    return merged
