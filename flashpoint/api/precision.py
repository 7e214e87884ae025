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
    if place.feature is None:
        return "country" if place.name and place.country and not place.admin1 else "city"
    # Airports, bases and named facilities are points on the map.
    return _PLACE.get(place.feature, "point")
