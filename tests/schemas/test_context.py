"""schemas/context.jsonld: every JSON name expands to exactly the IRI of docs/rdf-model.md.

Sample records in plain JSON (tests/fixtures/jsonld) are expanded with the context given as a
local dict (no network) by two processors, rdflib's and Oxigraph's, and compared by graph
isomorphism with the Turtle records of tests/fixtures/shapes/valid of the same name.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.plugins.shared.jsonld.context import Context

from schemas.namespaces import ADMS, DCTERMS, ORG, PROV, RDF, RRMA, SCHEMA, SKOS, XSD
from schemas.vocabulary import context

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLES = sorted((FIXTURES / "jsonld").glob("*.json"))
VALID_RECORDS = FIXTURES / "shapes" / "valid"

# The JSON name of every property and class of docs/rdf-model.md, and its IRI there.
PROPERTIES: dict[str, URIRef] = {
    # every record
    "externalId": DCTERMS.identifier,
    "created": DCTERMS.created,
    "modified": DCTERMS.modified,
    "version": RRMA.version,
    "attributedTo": PROV.wasAttributedTo,
    # actor
    "name": SCHEMA.name,
    "alternateName": SCHEMA.alternateName,
    "actorType": RRMA.actorType,
    "identifiers": ADMS.identifier,
    "notation": SKOS.notation,
    "identifierType": DCTERMS.type,
    "address": SCHEMA.address,
    "streetAddress": SCHEMA.streetAddress,
    "postalCode": SCHEMA.postalCode,
    "locality": SCHEMA.addressLocality,
    "departement": RRMA.departement,
    "addressRegion": SCHEMA.addressRegion,
    "addressCountry": SCHEMA.addressCountry,
    "url": SCHEMA.url,
    "description": SCHEMA.description,
    "email": SCHEMA.email,
    "contactPoint": SCHEMA.contactPoint,
    "consent": RRMA.consent,
    "countries": SCHEMA.areaServed,
    "sectors": RRMA.sector,
    "sdgs": RRMA.sdg,
    # action
    "actionKind": RRMA.actionKind,
    "activityStatus": RRMA.activityStatus,
    "plannedStartDate": RRMA.plannedStartDate,
    "plannedEndDate": RRMA.plannedEndDate,
    "startDate": SCHEMA.startDate,
    "endDate": SCHEMA.endDate,
    "recipientCountries": RRMA.recipientCountry,
    "countryShares": RRMA.countryShare,
    "sectorShares": RRMA.sectorShare,
    "country": RRMA.country,
    "sector": RRMA.sector,
    "percentage": RRMA.percentage,
    "localities": RRMA.locality,
    "participants": PROV.qualifiedAssociation,
    "associatedWith": PROV.wasAssociatedWith,
    "position": RRMA.position,
    "role": PROV.hadRole,
    "agent": PROV.agent,
    "partnerName": RRMA.partnerName,
    "partnerCountry": RRMA.partnerCountry,
    "organisationType": RRMA.organisationType,
    "fundings": SCHEMA.funding,
    "funder": SCHEMA.funder,
    "funderName": RRMA.funderName,
    "amount": SCHEMA.amount,
    "currency": SCHEMA.currency,
    "year": RRMA.year,
    "fundingStatus": RRMA.fundingStatus,
    "budget": RRMA.budget,
    "value": SCHEMA.value,
    # working group
    "groupKind": RRMA.groupKind,
    "theme": RRMA.theme,
    "unitOf": ORG.unitOf,
    "members": ORG.hasMembership,
    "member": ORG.member,
    "memberRole": ORG.role,
    # network
    "region": RRMA.region,
    "nodeId": RRMA.nodeId,
}
CLASSES: dict[str, URIRef] = {
    "Actor": RRMA.Actor,
    "Action": RRMA.Action,
    "WorkingGroup": RRMA.WorkingGroup,
    "Network": RRMA.Network,
    "Participation": RRMA.Participation,
    "Share": RRMA.Share,
    "MonetaryGrant": SCHEMA.MonetaryGrant,
    "MonetaryAmount": SCHEMA.MonetaryAmount,
    "PostalAddress": SCHEMA.PostalAddress,
    "ContactPoint": SCHEMA.ContactPoint,
    "Identifier": ADMS.Identifier,
    "Membership": ORG.Membership,
}
# How each literal-valued name is typed; the others are IRIs ("@id") or plain strings (None).
DATATYPES: dict[str, URIRef] = {
    "created": XSD.dateTime,
    "modified": XSD.dateTime,
    "version": XSD.integer,
    "consent": XSD.boolean,
    "plannedStartDate": XSD.date,
    "plannedEndDate": XSD.date,
    "startDate": XSD.date,
    "endDate": XSD.date,
    "percentage": XSD.decimal,
    "position": XSD.integer,
    "amount": XSD.decimal,
    "year": XSD.integer,
    "value": XSD.decimal,
}
STRINGS = {
    "externalId",
    "name",
    "alternateName",
    "notation",
    "streetAddress",
    "postalCode",
    "locality",
    "departement",
    "addressRegion",
    "addressCountry",
    "description",
    "email",
    "localities",
    "partnerName",
    "funderName",
    "currency",
    "region",
    "nodeId",
}
SETS = {
    "identifiers",
    "countries",
    "sectors",
    "sdgs",
    "recipientCountries",
    "countryShares",
    "sectorShares",
    "localities",
    "participants",
    "associatedWith",
    "fundings",
    "members",
}


def definitions() -> dict[str, Any]:
    found: dict[str, Any] = context()["@context"]
    return found


def term_names() -> set[str]:
    """The context's terms, without keywords, their aliases and the namespace prefixes."""
    return {
        name
        for name, definition in definitions().items()
        if not name.startswith("@")
        and name not in {"id", "type"}
        and not (isinstance(definition, str) and definition.endswith(("/", "#")))
    }


def expand_with_rdflib(document: dict[str, Any]) -> Graph:
    with warnings.catch_warnings():
        # rdflib 7.6's JSON-LD parser goes through its own deprecated ConjunctiveGraph.
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return Graph().parse(data=json.dumps(document), format="json-ld")


def expand_with_oxigraph(document: dict[str, Any]) -> Graph:
    quads = pyoxigraph.parse(json.dumps(document).encode(), format=pyoxigraph.RdfFormat.JSON_LD)
    triples = [pyoxigraph.Triple(quad.subject, quad.predicate, quad.object) for quad in quads]
    ntriples = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert ntriples is not None
    return Graph().parse(data=ntriples.decode(), format="nt")


def with_local_context(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    # The record refers to the context by URL, as a node serves it; never fetch it in a test.
    assert document["@context"] == "https://node.test/vocab/context.jsonld"
    document["@context"] = definitions()
    return document


def keys_and_types(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "type":
                yield from ([item] if isinstance(item, str) else item)
            elif key != "@context":
                yield key
                yield from keys_and_types(item)
    elif isinstance(value, list):
        for item in value:
            yield from keys_and_types(item)


def test_every_term_expands_to_the_iri_of_the_model() -> None:
    expander = Context(context())
    assert term_names() == set(PROPERTIES) | set(CLASSES)
    for name, iri in {**PROPERTIES, **CLASSES}.items():
        assert expander.expand(name) == str(iri), name


def test_terms_coerce_iris_and_typed_literals() -> None:
    expander = Context(context())
    for name in PROPERTIES:
        definition = definitions()[name]
        options: dict[str, Any] = definition if isinstance(definition, dict) else {}
        coerce = options.get("@type")
        if name in DATATYPES:
            assert coerce is not None, name
            assert expander.expand(coerce) == str(DATATYPES[name]), name
        elif name in STRINGS:
            assert coerce is None, name
        else:
            assert coerce == "@id", name
        assert (options.get("@container") == "@set") == (name in SETS), name


def test_the_context_is_json_ld_1_1_without_vocab() -> None:
    assert definitions()["@version"] == 1.1
    # Without @vocab an unknown key is dropped on expansion instead of minting a wrong IRI.
    assert "@vocab" not in definitions()
    assert definitions()["id"] == "@id"
    assert definitions()["type"] == "@type"


@pytest.mark.parametrize("expand", [expand_with_rdflib, expand_with_oxigraph])
@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.stem)
def test_sample_expands_to_the_record(path: Path, expand: Any) -> None:
    expanded = expand(with_local_context(path))
    expected = Graph().parse(VALID_RECORDS / f"{path.stem}.ttl", format="turtle")
    if not isomorphic(expanded, expected):
        _, only_json, only_turtle = graph_diff(to_isomorphic(expanded), to_isomorphic(expected))
        pytest.fail(
            "only in the JSON:\n"
            + only_json.serialize(format="nt")
            + "\nonly in the Turtle:\n"
            + only_turtle.serialize(format="nt")
        )


def test_the_samples_use_every_term() -> None:
    used = {key for path in SAMPLES for key in keys_and_types(json.loads(path.read_text()))}
    assert used - {"id"} == term_names()


def test_every_predicate_and_class_of_the_valid_records_has_a_name() -> None:
    named = set(PROPERTIES.values()) | {RDF.type}
    for path in sorted(VALID_RECORDS.glob("*.ttl")):
        graph = Graph().parse(path, format="turtle")
        assert set(graph.predicates()) <= named, path.name
        assert set(graph.objects(None, RDF.type)) <= set(CLASSES.values()), path.name
