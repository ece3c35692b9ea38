"""``/sparql`` by the SPARQL 1.1 Protocol, on an index of known rows: answers checked against
the rows, every format parsed back, named graphs by source, and what is refused."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from httpx import Response
from rdflib import Graph, URIRef

from federation.sparql.description import SD
from federation.sparql.service import SparqlService
from schemas.namespaces import CONCEPT, RDF, RRMA, SCHEMA
from tests.api.helpers import error_of
from tests.conftest import BASE_URL
from tests.sparql.conftest import OWN_GRAPH, PEER_GRAPH, Index
from tests.sparql.helpers import (
    ACTIONS,
    ALL_NAMES,
    BY_COUNTRY,
    EXPECTED,
    NAMES,
    PREFIX,
    counts,
    get,
    ok,
)

pytestmark = pytest.mark.usefixtures("index", "sparql")


def test_a_count_by_country_matches_the_rows(client: TestClient) -> None:
    response = get(client, BY_COUNTRY)
    assert counts(response) == EXPECTED
    assert response.headers["x-sparql-truncated"] == "false"
    assert response.headers["x-sparql-result-limit"] == "10000"
    assert response.headers["x-index-as-of"]


def test_get_post_form_and_post_query_give_the_same_answer(client: TestClient) -> None:
    by_get = get(client, BY_COUNTRY)
    by_form = client.post("/sparql", data={"query": BY_COUNTRY})
    by_body = client.post(
        "/sparql",
        content=BY_COUNTRY.encode(),
        headers={"Content-Type": "application/sparql-query; charset=utf-8"},
    )
    assert counts(by_get) == counts(by_form) == counts(by_body) == EXPECTED


def test_select_in_every_results_format(client: TestClient) -> None:
    expected = ALL_NAMES
    body = ok(
        get(client, NAMES, "application/sparql-results+json"), "application/sparql-results+json"
    )
    assert [row["name"]["value"] for row in body.json()["results"]["bindings"]] == expected
    xml = ok(get(client, NAMES, "application/sparql-results+xml"), "application/sparql-results+xml")
    parsed = ox.parse_query_results(xml.content, ox.QueryResultsFormat.XML)
    assert isinstance(parsed, ox.QuerySolutions)
    assert [solution["name"].value for solution in parsed] == expected
    tsv = ok(get(client, NAMES, "text/tab-separated-values"), "text/tab-separated-values")
    parsed = ox.parse_query_results(tsv.content, ox.QueryResultsFormat.TSV)
    assert isinstance(parsed, ox.QuerySolutions)
    assert [solution["name"].value for solution in parsed] == expected
    table = ok(get(client, NAMES, "text/csv"), "text/csv")
    rows = list(csv.reader(io.StringIO(table.text)))
    assert rows == [["name"], *([name] for name in expected)]
    assert get(client, NAMES, format="csv").text == table.text


def test_ask_in_json_and_xml(client: TestClient) -> None:
    ask = f"ASK {{ ?a <{RRMA.recipientCountry}> <{CONCEPT['country/ML']}> }}"
    assert ok(get(client, ask), "application/sparql-results+json").json()["boolean"] is True
    xml = get(client, ask.replace("ML", "FR"), "application/sparql-results+xml").content
    parsed = ox.parse_query_results(xml, ox.QueryResultsFormat.XML)
    assert isinstance(parsed, ox.QueryBoolean)
    assert not parsed


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_construct_in_every_rdf_format(
    client: TestClient, index: Index, accept: str, rdf_format: ox.RdfFormat
) -> None:
    response = ok(get(client, ACTIONS, accept), accept)
    triples = {(q.subject, q.predicate, q.object) for q in ox.parse(response.content, rdf_format)}
    names = {o.value for s, p, o in triples if p == ox.NamedNode(str(SCHEMA.name))}
    assert names == {
        "Puits au Burkina",
        "École à Ouagadougou",
        "Maraîchage au Sénégal",
        "Santé au Mali",
    }
    assert len(triples) == 8


def test_describe_gives_the_record(client: TestClient) -> None:
    query = PREFIX + "DESCRIBE ?a WHERE { ?a schema:name 'Santé au Mali' }"
    graph = Graph().parse(data=ok(get(client, query), "text/turtle").text, format="turtle")
    assert len(graph) == 3
    assert (None, RRMA.recipientCountry, CONCEPT["country/ML"]) in graph


def test_named_graphs_by_source_and_a_union_default_graph(client: TestClient) -> None:
    query = PREFIX + (
        "SELECT ?g (COUNT(?a) AS ?n) WHERE { GRAPH ?g { ?a a rrma:Action } } GROUP BY ?g"
    )
    bindings = ok(get(client, query), "application/sparql-results+json").json()["results"]
    by_graph = {row["g"]["value"]: int(row["n"]["value"]) for row in bindings["bindings"]}
    assert by_graph == {OWN_GRAPH: 2, PEER_GRAPH: 2}
    # FROM, default-graph-uri and named-graph-uri choose graphs; the union is the default.
    count = PREFIX + "SELECT (COUNT(?a) AS ?n) {FROM} WHERE { ?a a rrma:Action }"
    assert _number(get(client, count.replace("{FROM}", ""))) == 4
    assert _number(get(client, count.replace("{FROM}", f"FROM <{PEER_GRAPH}>"))) == 2
    plain = count.replace("{FROM}", "")
    assert _number(get(client, plain, **{"default-graph-uri": OWN_GRAPH})) == 2
    named = PREFIX + "SELECT (COUNT(?a) AS ?n) WHERE { GRAPH ?g { ?a a rrma:Action } }"
    assert _number(get(client, named, **{"named-graph-uri": PEER_GRAPH})) == 2
    assert _number(get(client, plain, **{"named-graph-uri": PEER_GRAPH})) == 0


def _number(response: Response) -> int:
    bindings = ok(response, "application/sparql-results+json").json()["results"]["bindings"]
    return int(bindings[0]["n"]["value"])


def test_updates_are_refused_and_change_nothing(client: TestClient) -> None:
    update = f"INSERT DATA {{ GRAPH <{PEER_GRAPH}> {{ <{BASE_URL}/x> a <{RRMA.Action}> }} }}"
    refused = [
        client.get("/sparql", params={"update": update}),
        client.post("/sparql", data={"update": update}),
        client.post(
            "/sparql", content=update, headers={"Content-Type": "application/sparql-update"}
        ),
        get(client, update),
        client.post("/sparql", data={"query": "PREFIX ex: <http://ex/>\nCLEAR ALL"}),
    ]
    for response in refused:
        error = error_of(response, 400, "sparql_update_refused")
        assert "lecture seule" in error["message"]
        assert "read-only" in error["message_en"]
    assert counts(get(client, BY_COUNTRY)) == EXPECTED


def test_service_is_refused(client: TestClient) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    error_of(get(client, query), 400, "sparql_service_refused")


def test_a_syntax_error_names_the_problem(client: TestClient) -> None:
    error = error_of(get(client, "SELECT * WHERE { ?s ?p }"), 400, "sparql_syntax")
    assert "1:" in error["message_en"]  # where: line and column
    assert error["message"].startswith("Requête SPARQL invalide")


def test_bad_protocol_requests(client: TestClient) -> None:
    error_of(client.post("/sparql", data={"format": "json"}), 400, "sparql_bad_request")
    error_of(client.get("/sparql", params={"query": ""}), 400, "sparql_bad_request")
    twice = client.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")])
    error_of(twice, 400, "sparql_bad_request")
    error_of(
        client.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"}),
        415,
        "unsupported_media_type",
    )
    error_of(
        get(client, "ASK {}", **{"default-graph-uri": "not an iri"}), 400, "sparql_bad_request"
    )
    error_of(get(client, "ASK {}", "image/png"), 406, "not_acceptable")
    # A SELECT for a client that takes only RDF: nothing it accepts suits the answer.
    error_of(get(client, NAMES, "text/turtle"), 406, "not_acceptable")
    latin1 = client.post(
        "/sparql",
        content="ASK { ?s ?p 'é' }".encode("latin-1"),
        headers={"Content-Type": "application/sparql-query"},
    )
    error_of(latin1, 400, "sparql_bad_request")


def test_without_a_query_the_service_is_described(client: TestClient) -> None:
    response = ok(client.get("/sparql"), "text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    service = URIRef(f"{BASE_URL}/sparql#service")
    assert (service, RDF.type, SD.Service) in graph
    assert (service, SD.endpoint, URIRef(f"{BASE_URL}/sparql")) in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    names = set(graph.objects(None, SD.name))
    assert names == {URIRef(OWN_GRAPH), URIRef(PEER_GRAPH)}
    descriptions = " ".join(str(o) for o in graph.objects(service, None))
    assert "5 s" in descriptions
    assert "10000" in descriptions
    jsonld = ok(
        client.get("/sparql", headers={"Accept": "application/ld+json"}), "application/ld+json"
    )
    assert json.loads(jsonld.text)


def test_a_browser_gets_a_form(client: TestClient) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    page = ok(client.get("/sparql", headers={"Accept": accept}), "text/html")
    assert '<form method="get" action="sparql">' in page.text
    assert "recipientCountry" in page.text
    assert PEER_GRAPH in page.text


def test_the_node_document_names_the_endpoint(client: TestClient, sparql: SparqlService) -> None:
    document = client.get("/.well-known/rrma-federation").json()
    assert document["sparql"] == f"{BASE_URL}/sparql"
