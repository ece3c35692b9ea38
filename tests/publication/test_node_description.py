"""The DCAT catalogue (checked against DCAT-AP's mandatory properties), VoID statistics,
the /.well-known document, the dump's state, and the vocabulary at its URLs."""

from __future__ import annotations

from fastapi.testclient import TestClient
from pyshacl import validate
from rdflib import Graph, URIRef

from schemas.namespaces import DCAT, VOID
from tests.conftest import FIXTURES
from tests.factories import actor_payload
from tests.publication.conftest import Seeded

BASE = "https://node.test"


def catalog(client: TestClient) -> Graph:
    return Graph().parse(data=client.get("/catalog.ttl").content, format="turtle")


def test_catalog_is_valid_dcat(client: TestClient, seeded: Seeded) -> None:
    shapes = Graph().parse(FIXTURES / "dcat-ap-core-shapes.ttl")
    ok, _, report = validate(catalog(client), shacl_graph=shapes, inference="none")
    assert ok, report
    assert seeded.all


def test_catalog_counts_the_records(client: TestClient, seeded: Seeded) -> None:
    graph = catalog(client)
    entities = {str(s).rsplit("#", 1)[-1]: int(o) for s, o in graph.subject_objects(VOID.entities)}
    assert entities["actors"] == len(seeded.actors)
    assert entities["actions"] == len(seeded.actions)
    assert entities["groups"] == len(seeded.groups)
    assert entities["void"] == len(seeded.all)
    dump_triples = len(Graph().parse(data=client.get("/dump.nt").content, format="nt"))
    network_triples = len(Graph().parse(data=client.get("/network.nt").content, format="nt"))
    total = int(graph.value(URIRef(f"{BASE}/catalog#void"), VOID.triples))  # type: ignore[arg-type]
    assert total == dump_triples - network_triples
    assert (
        URIRef(f"{BASE}/catalog"),
        DCAT.themeTaxonomy,
        URIRef("https://w3id.org/rrma/concept/country"),
    ) in graph


def test_catalog_by_negotiation(client: TestClient) -> None:
    for accept, media in (
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("text/html", "text/html"),
    ):
        response = client.get("/catalog", headers={"Accept": accept})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media)


def test_home_and_well_known_point_at_everything(client: TestClient) -> None:
    assert client.get("/").json()["links"]["catalog"] == f"{BASE}/catalog"
    document = client.get("/.well-known/rrma-federation").json()
    assert document["catalog"] == f"{BASE}/catalog"
    assert document["dump"] == f"{BASE}/dump"
    assert document["vocabulary"]["version"]
    for key in ("feed", "sparql", "inbox"):
        assert key in document
    for url in (document["vocabulary"][k] for k in ("ontology", "shapes", "context")):
        assert client.get(url.removeprefix(BASE)).status_code == 200


def test_dump_state_follows_writes(
    client: TestClient, seeded: Seeded, editor: dict[str, str]
) -> None:
    state = client.get("/dump/state").json()
    assert state["records"] == len(seeded.all)
    head = client.head("/dump.nt")
    assert head.status_code == 200
    assert head.headers["x-state-digest"] == state["digest"]
    assert head.content == b""
    etag = client.get("/dump.nt").headers["etag"]
    assert client.get("/dump.nt", headers={"If-None-Match": etag}).status_code == 304
    client.post("/api/actors", json=actor_payload(), headers=editor)
    after = client.get("/dump/state").json()
    assert after["records"] == state["records"] + 1
    assert after["digest"] != state["digest"]
    assert client.get("/dump.nt", headers={"If-None-Match": etag}).status_code == 200


def test_dump_by_negotiation(client: TestClient) -> None:
    assert (
        client.get("/dump", headers={"Accept": "text/turtle"})
        .headers["content-type"]
        .startswith("text/turtle")
    )
    assert client.get("/dump", headers={"Accept": "application/rdf+xml"}).status_code == 406


def test_vocabulary_is_served(client: TestClient) -> None:
    page = client.get("/vocab")
    assert page.status_code == 200
    assert "rrma:Actor" in page.text
    ontology = Graph().parse(data=client.get("/vocab/ontology.ttl").content, format="turtle")
    assert len(ontology) > 50
    schemes = client.get("/vocab/concepts").json()
    assert "country" in schemes
    country = client.get("/vocab/concepts/country.ttl")
    assert country.status_code == 200
    assert "Burkina Faso" in country.text
    assert client.get("/vocab/concepts/nope.ttl").status_code == 404
