"""schemas/ontology.ttl: our classes sit under the standard ones; every term is documented."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from schemas.namespaces import (
    DCTERMS,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    RRMA,
    RRMA_ONTOLOGY,
    SCHEMA,
    XSD,
)
from schemas.vocabulary import ONTOLOGY_PATH, VOCABULARY_VERSION, ontology

# The superclasses that docs/rdf-model.md and DESIGN.md name for each of our classes.
SUPERCLASSES: dict[URIRef, set[URIRef]] = {
    RRMA.Actor: {SCHEMA.Organization, ORG.Organization},
    RRMA.Action: {PROV.Activity, SCHEMA.Project},
    RRMA.Participation: {PROV.Association},
    RRMA.Partnership: {ORG.OrganizationalCollaboration},
    RRMA.WorkingGroup: {ORG.OrganizationalUnit},
    RRMA.Network: {ORG.FormalOrganization, SCHEMA.NGO},
    RRMA.Share: set(),  # no standard class says "a percentage of an action"
}


def ours(graph: Graph, kind: URIRef) -> set[URIRef]:
    return {
        term for term in graph.subjects(RDF.type, kind) if isinstance(term, URIRef) and term in RRMA
    }


def properties() -> set[URIRef]:
    graph = ontology()
    return ours(graph, OWL.ObjectProperty) | ours(graph, OWL.DatatypeProperty)


def languages(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    return sorted(
        str(value.language)
        for value in graph.objects(subject, predicate)
        if isinstance(value, Literal)
    )


def test_it_parses_fresh_from_the_file() -> None:
    graph = Graph().parse(ONTOLOGY_PATH, format="turtle")
    assert len(graph) == len(ontology())


def test_the_ontology_is_described_and_versioned() -> None:
    graph = ontology()
    assert (RRMA_ONTOLOGY, RDF.type, OWL.Ontology) in graph
    assert list(graph.objects(RRMA_ONTOLOGY, OWL.versionInfo)) == [Literal("1.0.0")]
    assert VOCABULARY_VERSION() == "1.0.0"
    assert languages(graph, RRMA_ONTOLOGY, DCTERMS.title) == ["en", "fr"]
    assert languages(graph, RRMA_ONTOLOGY, RDFS.comment) == ["en", "fr"]
    assert (
        RRMA_ONTOLOGY,
        DCTERMS.license,
        URIRef("https://creativecommons.org/licenses/by/4.0/"),
    ) in graph
    created = graph.value(RRMA_ONTOLOGY, DCTERMS.created)
    assert isinstance(created, Literal)
    assert created.datatype == XSD.date


def test_the_classes_are_ours_and_nothing_else() -> None:
    assert ours(ontology(), OWL.Class) == set(SUPERCLASSES)


@pytest.mark.parametrize("cls", sorted(SUPERCLASSES), ids=lambda iri: iri.removeprefix(str(RRMA)))
def test_class_is_a_subclass_of_the_standard_classes(cls: URIRef) -> None:
    graph = ontology()
    assert set(graph.objects(cls, RDFS.subClassOf)) == SUPERCLASSES[cls]
    assert languages(graph, cls, RDFS.label) == ["en", "fr"]
    assert languages(graph, cls, RDFS.comment) == ["en", "fr"]


def test_the_properties_are_those_of_the_model() -> None:
    names = {str(term).removeprefix(str(RRMA)) for term in properties()}
    assert names == {
        "actorType", "sector", "sdg", "departement", "consent", "version", "actionKind",
        "activityStatus", "plannedStartDate", "plannedEndDate", "recipientCountry",
        "countryShare", "sectorShare", "country", "percentage", "locality", "position",
        "partnerName", "partnerCountry", "organisationType", "funderName", "year",
        "fundingStatus", "budget", "groupKind", "theme", "region", "nodeId", "sequence",
        "lastSequence", "horizon", "pageSize",
    }  # fmt: skip


@pytest.mark.parametrize("prop", sorted(properties()), ids=lambda iri: iri.removeprefix(str(RRMA)))
def test_property_is_documented_with_domain_and_range(prop: URIRef) -> None:
    graph = ontology()
    assert languages(graph, prop, RDFS.label) == ["en", "fr"]
    assert languages(graph, prop, RDFS.comment) == ["en", "fr"]
    assert len(list(graph.objects(prop, RDFS.domain))) == 1
    ranges = list(graph.objects(prop, RDFS.range))
    assert len(ranges) == 1
    # A datatype property ranges over an XSD datatype, an object property over a class.
    is_datatype = (prop, RDF.type, OWL.DatatypeProperty) in graph
    assert str(ranges[0]).startswith(str(XSD)) == is_datatype
    assert (prop, RDFS.isDefinedBy, RRMA_ONTOLOGY) in graph
