"""How exact an event's date and place are, in the few words an analyst filters on.

The pipeline keeps the time expression's own granularity and the gazetteer's feature class;
these fold them into date precision (day, week, month, year, range) and place precision
(point, city, region, country), so a month-only date or a country centroid is never shown as
if it were a day or a street.
"""

from __future__ import annotations

from ..model import Event

DATE_PRECISIONS = ("day", "week", "month", "year", "range")
PLACE_PRECISIONS = ("point", "city", "region", "country")

_DATE = {"day": "day", "week": "week", "month": "month", "year": "year"}
_PLACE = {
    "country": "country",
    "admin1": "region",
    "admin2": "region",
    "region": "region",
    "city": "city",
    "town": "city",
    "village": "city",
}


def date_precision(event: Event) -> str | None:
    if event.date is None:
        return None
    if event.date.start == event.date.end:
        return "day"
    # Seasons, quarters, decades and spans between two dates are all ranges to a reader.
    return _DATE.get(event.date.precision or "", "range")


def place_precision(event: Event) -> str | None:
    place = event.location
    if place is None:
        return None
    return feature_precision(place.feature, place.admin1)


def feature_precision(feature: str | None, admin1: str | None) -> str:
    """Point, city, region or country for a gazetteer feature class; rows stored before the
    class was kept are a country when they have no first-level division."""
    if feature is None:
        return "city" if admin1 else "country"
    # Airports, bases and named facilities are points on the map.
    return _PLACE.get(feature, "point")
