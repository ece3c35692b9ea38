"""Record → RDF → record gives the same record; RDF → record → RDF an isomorphic graph."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from federation.common.records import RecordKind
from federation.rdf.description import Description
from federation.rdf.records import kind_of, record_from_rdf, record_graph
from federation.rdf.terms import MappingError
from schemas.namespaces import RRMA, SCHEMA
from tests.publication.conftest import Seeded


def assert_isomorphic(first: Graph, second: Graph) -> None:
    if isomorphic(first, second):
        return
    _, only_first, only_second = graph_diff(to_isomorphic(first), to_isomorphic(second))
    pytest.fail(
        "graphs differ\nonly in the first:\n"
        + only_first.serialize(format="nt")
        + "only in the second:\n"
        + only_second.serialize(format="nt")
    )


def test_every_kind_is_seeded(seeded: Seeded) -> None:
    assert seeded.actors
    assert seeded.actions
    assert seeded.groups


def test_record_to_rdf_to_record(seeded: Seeded) -> None:
    for record in seeded.all:
        graph = record_graph(record)
        back = record_from_rdf(Description.of_graph(graph), URIRef(record.iri), kind_of(record))
        assert back == record, record.iri


def test_rdf_to_record_to_rdf(seeded: Seeded) -> None:
    for record in seeded.all:
        graph = record_graph(record)
        back = record_from_rdf(Description.of_graph(graph), URIRef(record.iri), kind_of(record))
        assert_isomorphic(record_graph(back), graph)


def test_a_record_has_no_blank_nodes_and_stays_under_its_iri(seeded: Seeded) -> None:
    for record in seeded.all:
        for subject, _, obj in record_graph(record):
            assert str(subject).startswith(record.iri), subject
            assert isinstance(subject, URIRef)
            assert not isinstance(obj, BNode)


def test_reading_names_the_field_at_fault(seeded: Seeded) -> None:
    action = seeded.actions[0]
    graph = record_graph(action)
    graph.remove((URIRef(action.iri), SCHEMA.name, None))
    with pytest.raises(MappingError) as missing:
        record_from_rdf(Description.of_graph(graph), URIRef(action.iri), RecordKind.ACTION)
    assert missing.value.field == "title"
    graph = record_graph(action)
    graph.set((URIRef(action.iri), RRMA.activityStatus, URIRef("https://example.org/x")))
    with pytest.raises(MappingError) as wrong:
        record_from_rdf(Description.of_graph(graph), URIRef(action.iri), RecordKind.ACTION)
    assert wrong.value.field == "status"


def test_other_spellings_of_schema_org_and_sdg_are_read(seeded: Seeded) -> None:
    action = seeded.actions[0]
    graph = Graph()
    for subject, predicate, obj in record_graph(action):
        written = str(predicate).replace("https://schema.org/", "http://schema.org/")
        other = obj
        if isinstance(obj, URIRef) and str(obj).startswith("http://metadata.un.org/sdg/"):
            other = URIRef(str(obj).replace("http://", "https://"))
        graph.add((subject, URIRef(written), other))
    back = record_from_rdf(Description.of_graph(graph), URIRef(action.iri), RecordKind.ACTION)
    assert back == action
