"""GeoJSON: a FeatureCollection of the events that have coordinates, for GIS tools."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..model import Event
from .flat import flatten


def feature(event: Event) -> dict | None:
    """A Point feature with the flat record as properties; None without coordinates."""
    place = event.location
    if place is None or place.lat is None or place.lon is None:
        return None
    properties = {key: value for key, value in flatten(event).items() if key not in ("lat", "lon")}
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": properties,
    }


def write_geojson(events: Iterable[Event], stream: TextIO) -> int:
    """Write the collection; returns how many located events it holds."""
    features = [found for found in map(feature, events) if found is not None]
    json.dump({"type": "FeatureCollection", "features": features}, stream, ensure_ascii=False)
    stream.write("\n")
    return len(features)
