"""A small hand-built event database for the API and web tests (texts written for these tests).

Events are built as `model.Event` objects with offsets found in the texts, so they look like what
the extractor stores; the pipeline-built database is used alongside when examples/articles exist.
"""

from __future__ import annotations

from datetime import date

from flashpoint.model import Actor, Document, Event, Evidence, Place, TimeSpan
from flashpoint.store import Store

MILITIA = {
    "name": "Kataib Hezbollah",
    "id": "org/kataib-hezbollah",
    "country": "IRQ",
    "sector": "REB",
}
US_FORCES = {"name": "United States military", "country": "USA", "sector": "MIL"}
IRAQ_GOV = {"name": "Iraqi government", "country": "IRQ", "sector": "GOV"}
PROTESTERS = {"name": "Protesters", "country": "IRQ", "sector": "CVL"}

BALAD = Place("Balad", country="IRQ", admin1="Salah ad Din", lat=34.01, lon=44.15, geonameid=98860)
BAGHDAD = Place("Baghdad", country="IRQ", admin1="Baghdad", lat=33.34, lon=44.40, geonameid=98182)
ERBIL = Place("Erbil", country="IRQ", admin1="Erbil", lat=36.19, lon=44.01, geonameid=95446)

ERBIL_SOURCES = ["erbil-drone.txt", "erbil-drone-wire.txt"]

# (doc_id, published, text, [event specs]); each spec names substrings of the text.
ARTICLES = [
    (
        "balad-rockets.txt",
        date(2024, 1, 9),
        "BAGHDAD - Three rockets struck the Balad air base north of the capital on Monday, "
        "wounding two contractors, officials said.\n\nA spokesman for Kataib Hezbollah denied "
        "that the group had fired at the base. The United States military said it would respond.",
        [
            dict(
                type="ASSAULT",
                mode="heavy-weapons",
                trigger="struck",
                actor=MILITIA,
                actor_text=None,
                recipient=US_FORCES,
                recipient_text="the Balad air base",
                time="on Monday",
                day=date(2024, 1, 8),
                place=BALAD,
                place_text="Balad",
                injured=2,
                confidence=0.82,
            ),
            dict(
                type="THREATEN",
                trigger="respond",
                actor=US_FORCES,
                actor_text="The United States military",
                recipient=MILITIA,
                time=None,
                day=None,
                confidence=0.55,
            ),
        ],
    ),
    (
        "erbil-drone.txt",
        date(2024, 1, 20),
        "ERBIL - A drone packed with explosives hit a compound near Erbil airport on Friday "
        "night, killing one guard. Kataib Hezbollah claimed the strike in a statement.",
        [
            dict(
                type="ASSAULT",
                mode="drone",
                trigger="hit",
                actor=MILITIA,
                actor_text="Kataib Hezbollah",
                recipient=US_FORCES,
                recipient_text=None,
                time="on Friday night",
                day=date(2024, 1, 19),
                place=ERBIL,
                place_text="Erbil",
                dead=1,
                confidence=0.9,
                canonical="ce_erbil_drone",
                sources=ERBIL_SOURCES,
            ),
        ],
    ),
    (
        "erbil-drone-wire.txt",
        date(2024, 1, 20),
        "An explosive-laden drone hit a site close to the airport in Erbil late on Friday, "
        "killing a security guard, according to regional authorities.",
        [
            dict(
                type="ASSAULT",
                mode="drone",
                trigger="hit",
                actor=None,
                recipient=US_FORCES,
                time="late on Friday",
                day=date(2024, 1, 19),
                place=ERBIL,
                place_text="Erbil",
                dead=1,
                confidence=0.74,
                canonical="ce_erbil_drone",
                sources=ERBIL_SOURCES,
            ),
        ],
    ),
    (
        "baghdad-talks.txt",
        date(2024, 2, 3),
        "BAGHDAD - Iraqi government officials met a United States military delegation in "
        "Baghdad on Saturday to discuss the future of the coalition. Both sides agreed to "
        "continue the talks next month.",
        [
            dict(
                type="CONSULT",
                mode="visit",
                trigger="met",
                actor=IRAQ_GOV,
                actor_text="Iraqi government officials",
                recipient=US_FORCES,
                recipient_text="a United States military delegation",
                time="on Saturday",
                day=date(2024, 2, 3),
                place=BAGHDAD,
                place_text="Baghdad",
                confidence=0.77,
            ),
            dict(
                type="AGREE",
                trigger="agreed",
                actor=IRAQ_GOV,
                recipient=US_FORCES,
                day=date(2024, 2, 3),
                place=BAGHDAD,
                confidence=0.6,
            ),
        ],
    ),
    (
        "baghdad-protest.txt",
        date(2024, 2, 16),
        "Thousands of protesters marched through central Baghdad on Friday demanding the "
        "withdrawal of foreign troops. Riot police fired tear gas and injured 12 people.",
        [
            dict(
                type="PROTEST",
                mode="demo",
                trigger="marched",
                actor=PROTESTERS,
                actor_text="Thousands of protesters",
                recipient=IRAQ_GOV,
                time="on Friday",
                day=date(2024, 2, 16),
                place=BAGHDAD,
                place_text="Baghdad",
                confidence=0.7,
            ),
            dict(
                type="ASSAULT",
                mode="crowd-control",
                trigger="fired",
                actor=IRAQ_GOV,
                actor_text="Riot police",
                recipient=PROTESTERS,
                day=date(2024, 2, 16),
                place=BAGHDAD,
                injured=12,
                confidence=0.66,
            ),
        ],
    ),
]


def _actor(spec: dict | None, text: str, mention: str | None) -> Actor | None:
    if spec is None:
        return None
    start = text.find(mention) if mention else -1
    return Actor(
        name=spec["name"],
        id=spec.get("id"),
        country=spec.get("country"),
        sector=spec.get("sector"),
        text=mention,
        start=start if start >= 0 else None,
        end=start + len(mention) if start >= 0 else None,
    )


def events_for(doc_id: str, text: str, specs: list[dict]) -> list[Event]:
    events = []
    for spec in specs:
        trigger_start = text.index(spec["trigger"])
        stop = text.rfind(". ", 0, trigger_start)
        sentence_start = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, trigger_start) + 1)
        sentence_end = text.find(". ", trigger_start)
        sentence_end = len(text) if sentence_end < 0 else sentence_end + 1
        when = None
        if spec.get("day"):
            time_text = spec.get("time")
            found = text.find(time_text) if time_text else -1
            when = TimeSpan(
                spec["day"],
                spec["day"],
                "day",
                time_text,
                found if found >= 0 else None,
                found + len(time_text) if found >= 0 else None,
            )
        place = spec.get("place")
        if place is not None:
            mention = spec.get("place_text")
            found = text.find(mention, sentence_start) if mention else -1
            place = Place(
                **{
                    **place.__dict__,
                    "text": mention,
                    "start": found if found >= 0 else None,
                    "end": found + len(mention) if found >= 0 else None,
                }
            )
        events.append(
            Event(
                doc_id=doc_id,
                event_type=spec["type"],
                mode=spec.get("mode"),
                evidence=Evidence(
                    text[sentence_start:sentence_end],
                    sentence_start,
                    sentence_end,
                    trigger_start,
                    trigger_start + len(spec["trigger"]),
                ),
                actor=_actor(spec.get("actor"), text, spec.get("actor_text")),
                recipient=_actor(spec.get("recipient"), text, spec.get("recipient_text")),
                date=when,
                location=place,
                dead=spec.get("dead"),
                injured=spec.get("injured"),
                confidence=spec.get("confidence"),
                trigger=spec["trigger"],
                canonical_id=spec.get("canonical"),
                sources=spec.get("sources", []),
            )
        )
    return events


def fill(url: str, articles: list | None = None) -> list[Event]:
    """Store every test article with its events; returns the events."""
    stored = []
    with Store(url) as store:
        for doc_id, published, text, specs in ARTICLES if articles is None else articles:
            document = Document(
                id=doc_id,
                text=text,
                published=published,
                title=doc_id[:-4],
                url=f"https://news.example.org/{doc_id[:-4]}",
                outlet="Example News",
            )
            events = events_for(doc_id, text, specs)
            store.save(document, events)
            stored.extend(events)
    return stored


# The address test clients call: a loopback server answers only to loopback names.
LOOPBACK = "http://127.0.0.1"


DENIAL = "Officials said no strike hit Mosul in March. A raid will follow next year."


RAID = DENIAL.index("raid")


def qualified_events() -> list[Event]:
    """Two events of one article: a denied strike dated only to a month on the country's
    centroid, and a raid that is only promised."""
    mosul_start = DENIAL.index("Mosul")
    denied = Event(
        doc_id="denial.txt",
        event_type="ASSAULT",
        evidence=Evidence(DENIAL[:45], 0, 45, DENIAL.index("strike"), DENIAL.index("strike") + 6),
        trigger="strike",
        date=TimeSpan(date(2024, 3, 1), date(2024, 3, 31), "month", "in March"),
        location=Place("Iraq", country="IRQ", lat=33.0, lon=44.0, feature="country",
                       text="Mosul", start=mosul_start, end=mosul_start + 5),
        aux=["negation"],
    )  # fmt: skip
    promised = Event(
        doc_id="denial.txt",
        event_type="ASSAULT",
        evidence=Evidence(DENIAL[46:], 46, len(DENIAL), RAID, RAID + 4),
        trigger="raid",
        aux=["future"],
    )  # fmt: skip
    return [denied, promised]


def fill_qualified(url: str) -> list[Event]:
    """Store the article of qualified events beside the others; returns its events."""
    events = qualified_events()
    with Store(url) as store:
        store.save(Document(id="denial.txt", text=DENIAL, published=date(2024, 4, 2)), events)
    return events


def event_ids(response) -> set[str]:
    """The ids of an event-list response, which must have succeeded."""
    assert response.status_code == 200, response.text
    return {event["id"] for event in response.json()["events"]}
