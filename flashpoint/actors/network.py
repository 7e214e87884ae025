"""The actor network: knowledge-base relations plus who-did-what-to-whom dyads from stored events.

Nodes are actors (a KB id, or a country + sector reading for actors the KB does not name); edges
are either KB relations (`part_of`, `backed_by`, `designated_by`, with their dates) or event
dyads (source actor -> target actor, counted by PLOVER event type). Written as JSON or as
GraphML with the standard library, so Gephi, Cytoscape, networkx or igraph can read it.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..exceptions import InputError
from ..model import Actor, Event
from .kb import Entry, KnowledgeBase

FORMATS = ("json", "graphml")
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
# GraphML attribute keys: (id, applies to, name, type)
GRAPHML_KEYS = (
    ("n_name", "node", "name", "string"),
    ("n_kb_id", "node", "kb_id", "string"),
    ("n_country", "node", "country", "string"),
    ("n_sector", "node", "sector", "string"),
    ("n_type", "node", "type", "string"),
    ("e_kind", "edge", "kind", "string"),
    ("e_type", "edge", "type", "string"),
    ("e_since", "edge", "since", "string"),
    ("e_until", "edge", "until", "string"),
    ("e_list", "edge", "list", "string"),
    ("e_count", "edge", "count", "int"),
    ("e_by_type", "edge", "by_type", "string"),
)


@dataclass
class Node:
    id: str
    name: str
    kb_id: str | None = None
    country: str | None = None
    sector: str | None = None
    type: str | None = None


@dataclass
class Edge:
    source: str
    target: str
    # "relation" (from the KB) or "event" (a dyad of stored events)
    kind: str
    type: str | None = None
    since: str | None = None
    until: str | None = None
    list: str | None = None
    count: int = 1
    by_type: dict[str, int] = field(default_factory=dict)


@dataclass
class Network:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "nodes": [asdict(node) for node in self.nodes.values()],
            "edges": [asdict(edge) for edge in self.edges],
        }


def _entry_node(entry: Entry) -> Node:
    return Node(entry.id, entry.name, entry.id, entry.country, entry.sector, entry.type)


def actor_key(actor: Actor) -> str:
    """One node per KB entry; actors the KB lacks are grouped by country and sector."""
    if actor.id:
        return actor.id
    return f"generic/{actor.country or '-'}/{actor.sector or '-'}"


def _add_entry(network: Network, kb: KnowledgeBase, entry_id: str) -> None:
    if entry_id in network.nodes:
        return
    entry = kb.get(entry_id)
    if entry is not None:
        network.nodes[entry_id] = _entry_node(entry)
    else:
        network.nodes[entry_id] = Node(entry_id, entry_id)


def add_relations(network: Network, kb: KnowledgeBase) -> None:
    """Every dated relation of the curated and user entries (imported ones carry none)."""
    for entry in kb.entries.values():
        if entry.source == "phoenix" or not entry.relations:
            continue
        _add_entry(network, kb, entry.id)
        for name, relations in entry.relations.items():
            for relation in relations:
                # Designations name a country code (or a list keeper) rather than an entry id.
                target = relation.target
                if name == "designated_by" and f"country/{target}" in kb.entries:
                    target = f"country/{target}"
                _add_entry(network, kb, target)
                network.edges.append(
                    Edge(
                        entry.id,
                        target,
                        "relation",
                        type=name,
                        since=relation.since.isoformat() if relation.since else None,
                        until=relation.until.isoformat() if relation.until else None,
                        list=relation.note,
                    )
                )


def add_events(network: Network, kb: KnowledgeBase, events: Iterable[Event]) -> None:
    """One edge per (source, target) pair of actors, counting events by PLOVER type."""
    dyads: dict[tuple[str, str], Counter] = {}
    for event in events:
        if event.actor is None or event.recipient is None:
            continue
        pair = []
        for actor in (event.actor, event.recipient):
            key = actor_key(actor)
            if key not in network.nodes:
                entry = kb.get(actor.id) if actor.id else None
                network.nodes[key] = (
                    _entry_node(entry)
                    if entry is not None
                    else Node(key, actor.name or key, actor.id, actor.country, actor.sector)
                )
            pair.append(key)
        dyads.setdefault((pair[0], pair[1]), Counter())[event.event_type] += 1
    for (source, target), counts in sorted(dyads.items()):
        network.edges.append(
            Edge(
                source,
                target,
                "event",
                count=sum(counts.values()),
                by_type=dict(sorted(counts.items())),
            )
        )


def build_network(kb: KnowledgeBase, events: Iterable[Event] = ()) -> Network:
    network = Network()
    add_relations(network, kb)
    add_events(network, kb, events)
    return network


def to_json(network: Network) -> str:
    return json.dumps(network.to_dict(), ensure_ascii=False, indent=1)


def to_graphml(network: Network) -> str:
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    for key_id, target, name, kind in GRAPHML_KEYS:
        ET.SubElement(
            root,
            f"{{{GRAPHML_NS}}}key",
            {"id": key_id, "for": target, "attr.name": name, "attr.type": kind},
        )
    graph = ET.SubElement(
        root, f"{{{GRAPHML_NS}}}graph", {"id": "actors", "edgedefault": "directed"}
    )
    for node in network.nodes.values():
        element = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", {"id": node.id})
        for name in ("name", "kb_id", "country", "sector", "type"):
            _data(element, f"n_{name}", getattr(node, name))
    for number, edge in enumerate(network.edges):
        element = ET.SubElement(
            graph,
            f"{{{GRAPHML_NS}}}edge",
            {"id": f"e{number}", "source": edge.source, "target": edge.target},
        )
        for name in ("kind", "type", "since", "until", "list", "count"):
            _data(element, f"e_{name}", getattr(edge, name))
        if edge.by_type:
            by_type = ";".join(f"{kind}:{count}" for kind, count in edge.by_type.items())
            _data(element, "e_by_type", by_type)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _data(element: ET.Element, key: str, value: object) -> None:
    if value is not None:
        ET.SubElement(element, f"{{{GRAPHML_NS}}}data", {"key": key}).text = str(value)


def write(network: Network, path: Path, fmt: str) -> None:
    if fmt not in FORMATS:
        raise InputError(str(path), f"unknown network format {fmt!r} (use json or graphml)")
    text = to_graphml(network) if fmt == "graphml" else to_json(network)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot write the network: {exc}") from exc
