"""Every published record and every dump conforms to the shapes, parses with a second,
independent parser (Oxigraph), and its JSON-LD expands with the node's own context into the
same graph (no network fetch)."""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from pyshacl import validate
from rdflib import Graph

from schemas.vocabulary import shapes
from tests.publication.conftest import Seeded
from tests.publication.test_round_trip import assert_isomorphic

FORMATS = {"nt": "nt", "ttl": "turtle", "rdf": "xml"}
OX = {"nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE, "rdf": ox.RdfFormat.RDF_XML}


def conforms(graph: Graph) -> tuple[bool, str]:
    ok, _, text = validate(graph, shacl_graph=shapes(), allow_warnings=True, inference="none")
    return bool(ok), str(text)


def expand_with_served_context(client: TestClient, body: bytes) -> Graph:
    """Parse JSON-LD with the context the node serves, handed over locally."""
    document: dict[str, Any] = json.loads(body)
    served = client.get("/vocab/context.jsonld").json()
    document["@context"] = served["@context"]
    return Graph().parse(data=json.dumps(document), format="json-ld")


def records_graph(client: TestClient, seeded: Seeded, extension: str) -> Graph:
    """All published records in one format, each parsed by rdflib and by Oxigraph."""
    union = Graph()
    for record in seeded.all:
        body = client.get(f"{record.iri.removeprefix('https://node.test')}.{extension}").content
        graph = Graph().parse(data=body, format=FORMATS[extension])
        oxigraph = list(ox.parse(body, format=OX[extension]))
        assert len(oxigraph) == len(graph), record.iri
        union += graph
    return union


def test_records_conform_to_the_shapes(client: TestClient, seeded: Seeded) -> None:
    ok, report = conforms(records_graph(client, seeded, "nt"))  # one run: shapes target each
    assert ok, report


@pytest.mark.parametrize("extension", ["ttl", "rdf"])
def test_every_format_says_the_same(client: TestClient, seeded: Seeded, extension: str) -> None:
    assert_isomorphic(records_graph(client, seeded, extension), records_graph(client, seeded, "nt"))


def test_record_jsonld_expands_to_the_same_graph(client: TestClient, seeded: Seeded) -> None:
    for record in seeded.all:
        path = record.iri.removeprefix("https://node.test")
        expected = Graph().parse(data=client.get(f"{path}.nt").content, format="nt")
        jsonld = client.get(f"{path}.jsonld")
        assert json.loads(jsonld.content)["@context"] == "https://node.test/vocab/context.jsonld"
        assert_isomorphic(expand_with_served_context(client, jsonld.content), expected)


def test_jsonld_reads_like_plain_json(client: TestClient, seeded: Seeded) -> None:
    actor = seeded.actors[0]
    document = client.get(f"{actor.iri.removeprefix('https://node.test')}.jsonld").json()
    assert document["id"] == actor.iri
    assert document["type"] == "Actor"
    assert document["name"] == actor.name  # type: ignore[union-attr]
    assert isinstance(document["version"], int)


@pytest.mark.parametrize(("extension", "parser"), [("nt", "nt"), ("ttl", "turtle")])
def test_dump_is_every_record_and_parses_twice(
    client: TestClient, seeded: Seeded, extension: str, parser: str
) -> None:
    body = client.get(f"/dump.{extension}").content
    graph = Graph().parse(data=body, format=parser)
    assert len(list(ox.parse(body, format=OX[extension]))) == len(graph)
    expected = records_graph(client, seeded, "nt")
    expected.parse(data=client.get("/network.nt").content, format="nt")
    assert_isomorphic(graph, expected)


def test_dump_conforms_to_the_shapes(client: TestClient, seeded: Seeded) -> None:
    ok, report = conforms(Graph().parse(data=client.get("/dump.nt").content, format="nt"))
    assert ok, report
    assert seeded.all


def test_dump_jsonld_expands_to_the_ntriples_dump(client: TestClient, seeded: Seeded) -> None:
    expected = Graph().parse(data=client.get("/dump.nt").content, format="nt")
    expanded = expand_with_served_context(client, client.get("/dump.jsonld").content)
    network = Graph().parse(data=client.get("/network.nt").content, format="nt")
    assert_isomorphic(expanded + network, expected)
    assert seeded.all


def test_a_broken_record_is_caught_by_the_shapes(seeded: Seeded) -> None:
    from federation.rdf.records import record_graph
    from schemas.namespaces import SCHEMA

    graph = record_graph(seeded.actions[0])
    graph.remove((None, SCHEMA.name, None))
    ok, _ = conforms(graph)
    assert not ok
