"""`flashpoint actors network`: KB relations plus event dyads as JSON and GraphML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from flashpoint.actors.commands import register
from flashpoint.actors.kb import get_kb
from flashpoint.actors.network import GRAPHML_NS, build_network, to_graphml, to_json
from flashpoint.model import Actor, Document, Event, Evidence
from flashpoint.store import Store

NS = {"g": GRAPHML_NS}
MILITIA = Actor(name="Kataib Hezbollah", id="org/kataib-hezbollah", country="IRQ", sector="REB")
US_ARMY = Actor(name="United States military", id=None, country="USA", sector="MIL")


def _event(doc_id: str, start: int, event_type: str, actor: Actor, recipient: Actor) -> Event:
    evidence = Evidence(text="A made-up sentence.", start=start, end=start + 19)
    return Event(doc_id, event_type, evidence, actor=actor, recipient=recipient, trigger=str(start))


EVENTS = [
    _event("d1", 0, "ASSAULT", MILITIA, US_ARMY),
    _event("d1", 20, "ASSAULT", MILITIA, US_ARMY),
    _event("d1", 40, "THREATEN", MILITIA, US_ARMY),
    _event("d1", 60, "ASSAULT", US_ARMY, MILITIA),
]


def _edges(network, kind: str):
    return [edge for edge in network.edges if edge.kind == kind]


def test_event_dyads_are_counted_by_plover_type_in_each_direction() -> None:
    network = build_network(get_kb(), EVENTS)
    dyads = {(edge.source, edge.target): edge for edge in _edges(network, "event")}
    forward = dyads[("org/kataib-hezbollah", "generic/USA/MIL")]
    assert forward.count == 3
    assert forward.by_type == {"ASSAULT": 2, "THREATEN": 1}
    assert dyads[("generic/USA/MIL", "org/kataib-hezbollah")].by_type == {"ASSAULT": 1}


def test_kb_relations_become_dated_edges() -> None:
    network = build_network(get_kb())
    relations = {
        (edge.source, edge.type, edge.target): edge for edge in _edges(network, "relation")
    }
    part_of = relations[("org/kataib-hezbollah", "part_of", "org/popular-mobilization-forces")]
    assert part_of.since == "2014-06-13"
    designated = relations[("org/kataib-hezbollah", "designated_by", "country/USA")]
    assert (designated.list, designated.since) == ("FTO", "2009-07-02")
    node = network.nodes["org/kataib-hezbollah"]
    assert (node.kb_id, node.country, node.sector) == ("org/kataib-hezbollah", "IRQ", "REB")


def test_events_without_both_actors_add_no_edge() -> None:
    lone = _event("d2", 0, "PROTEST", MILITIA, US_ARMY)
    lone.recipient = None
    network = build_network(get_kb(), [lone])
    assert _edges(network, "event") == []


def test_graphml_is_valid_xml_with_typed_attributes() -> None:
    root = ET.fromstring(to_graphml(build_network(get_kb(), EVENTS)))
    keys = {key.get("attr.name") for key in root.findall("g:key", NS)}
    assert {"kb_id", "country", "sector", "kind", "type", "count", "by_type"} <= keys
    graph = root.find("g:graph", NS)
    node_ids = {node.get("id") for node in graph.findall("g:node", NS)}
    for edge in graph.findall("g:edge", NS):
        assert edge.get("source") in node_ids and edge.get("target") in node_ids
    by_type = [data.text for data in graph.iterfind("g:edge/g:data[@key='e_by_type']", NS)]
    assert "ASSAULT:2;THREATEN:1" in by_type


def test_json_export_lists_nodes_and_edges() -> None:
    data = json.loads(to_json(build_network(get_kb(), EVENTS)))
    assert any(node["id"] == "generic/USA/MIL" for node in data["nodes"])
    assert any(edge["kind"] == "event" and edge["count"] == 3 for edge in data["edges"])


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """flashpoint (test app)"""

    register(app)
    return app


@pytest.mark.parametrize("fmt", ["json", "graphml"])
def test_cli_exports_the_network_of_a_store(app, db_url: str, tmp_path: Path, fmt: str) -> None:
    document = Document(id="d1", text="A made-up sentence. " * 4, published=date(2020, 1, 2))
    Store(db_url).save(document, EVENTS)
    out = tmp_path / f"net.{fmt}"
    result = CliRunner().invoke(
        app, ["actors", "network", "--format", fmt, "--out", str(out), "--db", db_url]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        events = [edge for edge in json.loads(text)["edges"] if edge["kind"] == "event"]
        assert sum(edge["count"] for edge in events) == 4
    else:
        assert ET.fromstring(text).tag == f"{{{GRAPHML_NS}}}graphml"


def test_cli_rejects_an_unknown_format(app, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["actors", "network", "--format", "gexf", "--out", str(tmp_path / "x")]
    )
    assert result.exit_code != 0


def test_cli_requires_an_output_file(app) -> None:
    result = CliRunner().invoke(app, ["actors", "network", "--format", "json"])
    assert result.exit_code != 0
    assert "--out" in str(result.exception)


def test_an_unwritable_output_names_the_file(tmp_path: Path) -> None:
    from flashpoint.actors.network import write
    from flashpoint.exceptions import InputError

    target = tmp_path / "missing" / "net.json"
    with pytest.raises(InputError, match="missing/net.json"):
        write(build_network(get_kb()), target, "json")
