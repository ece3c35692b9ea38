"""An actor as RDF and back (docs/rdf-model.md, "Actor")."""

from __future__ import annotations

from rdflib import Graph, URIRef

from federation.actors.schemas import ActorPublic
from federation.codelists.registry import Scheme
from federation.common.records import RecordKind
from federation.rdf.common import Header, header_triples, read_header
from federation.rdf.description import Description
from federation.rdf.namespaces import ADMS, DCTERMS, NT, RRMA, SCHEMA, SKOS
from federation.rdf.ntriples import graph_of
from federation.rdf.terms import (
    Iri,
    MappingError,
    Triple,
    boolean,
    code_of,
    concept,
    iri,
    part,
    record_id_of,
    sector_concept,
    text,
)

IDENTIFIERS = {  # record field → identifier-type code
    "siren": "siren",
    "siret": "siret",
    "rna": "rna",
    "uai": "uai",
    "finess": "finess",
    "insee_code": "insee",
}
ADDRESS = {
    "address": SCHEMA.streetAddress,
    "postal_code": SCHEMA.postalCode,
    "city": SCHEMA.addressLocality,
    "departement": RRMA.departement,
    "region": SCHEMA.addressRegion,
}
WRITTEN_ADDRESS = {field: Iri(f"<{predicate}>") for field, predicate in ADDRESS.items()}


def actor_triples(actor: ActorPublic) -> list[Triple]:
    """Every triple of an actor; parts are hash IRIs under the actor's IRI."""
    node = iri(actor.iri)
    base = actor.iri.rsplit(f"/{RecordKind.ACTOR.value}/", 1)[0]
    header = Header(actor.external_id, actor.created, actor.modified, actor.version)
    triples = header_triples(node, base, RecordKind.ACTOR, header)
    triples += [
        (node, NT.SCHEMA.name, text(actor.name)),
        (node, NT.RRMA.actorType, concept(Scheme.ACTOR_TYPE, actor.actor_type)),
    ]
    for field, predicate in (
        ("acronym", NT.SCHEMA.alternateName),
        ("description", NT.SCHEMA.description),
        ("email", NT.SCHEMA.email),
    ):
        value = getattr(actor, field)
        if value:
            triples.append((node, predicate, text(value)))
    if actor.website:
        triples.append((node, NT.SCHEMA.url, iri(actor.website)))
    for field, kind in IDENTIFIERS.items():
        value = getattr(actor, field)
        if value:
            identifier = part(node, f"id-{kind}")
            triples += [
                (node, NT.ADMS.identifier, identifier),
                (identifier, NT.RDF.type, NT.ADMS.Identifier),
                (identifier, NT.SKOS.notation, text(value)),
                (identifier, NT.DCTERMS.type, concept(Scheme.IDENTIFIER_TYPE, kind)),
            ]
    if any(getattr(actor, field) for field in ADDRESS):
        address = part(node, "address")
        triples += [
            (node, NT.SCHEMA.address, address),
            (address, NT.RDF.type, NT.SCHEMA.PostalAddress),
            (address, NT.SCHEMA.addressCountry, text("FR")),
        ]
        triples += [
            (address, predicate, text(getattr(actor, field)))
            for field, predicate in WRITTEN_ADDRESS.items()
            if getattr(actor, field)
        ]
    if actor.contact_name and actor.contact_consent:
        contact = part(node, "contact")
        triples += [
            (node, NT.SCHEMA.contactPoint, contact),
            (contact, NT.RDF.type, NT.SCHEMA.ContactPoint),
            (contact, NT.SCHEMA.name, text(actor.contact_name)),
            (contact, NT.RRMA.consent, boolean(True)),
        ]
    triples += [(node, NT.SCHEMA.areaServed, concept(Scheme.COUNTRY, c)) for c in actor.countries]
    triples += [(node, NT.RRMA.sector, sector_concept(s)) for s in actor.sectors]
    triples += [(node, NT.RRMA.sdg, concept(Scheme.SDG, g)) for g in actor.sdgs]
    return triples


def actor_to_rdf(actor: ActorPublic) -> Graph:
    return graph_of(actor_triples(actor))


def actor_from_rdf(description: Description, iri: URIRef) -> ActorPublic:
    """Read an actor back; raises ``MappingError`` naming the field that cannot be read."""
    if RRMA.Actor not in description.types(iri):
        raise MappingError("type", f"{iri} is not an rrma:Actor")
    header = read_header(description, iri)
    values: dict[str, object] = {
        "id": record_id_of(iri, RecordKind.ACTOR, "id"),
        "iri": str(iri),
        "external_id": header.external_id,
        "created": header.created,
        "modified": header.modified,
        "version": header.version,
        "name": description.required_text(iri, SCHEMA.name, "name"),
        "acronym": description.text(iri, SCHEMA.alternateName, "acronym"),
        "description": description.text(iri, SCHEMA.description, "description"),
        "email": description.text(iri, SCHEMA.email, "email"),
        "actor_type": code_of(
            description.required(iri, RRMA.actorType, "actor_type"),
            Scheme.ACTOR_TYPE,
            field="actor_type",
        ),
    }
    website = description.iri(iri, SCHEMA.url, "website")
    values["website"] = str(website) if website else None
    by_kind = {kind: field for field, kind in IDENTIFIERS.items()}
    for node in description.iris(iri, ADMS.identifier, "identifiers"):
        kind = code_of(
            description.required(node, DCTERMS.type, "identifiers.type"),
            Scheme.IDENTIFIER_TYPE,
            field="identifiers.type",
        )
        if kind not in by_kind:
            raise MappingError("identifiers.type", f"unknown identifier kind {kind}")
        values[by_kind[kind]] = description.required_text(node, SKOS.notation, by_kind[kind])
    address = description.iri(iri, SCHEMA.address, "address")
    if address is not None:
        for field, predicate in ADDRESS.items():
            values[field] = description.text(address, predicate, field)
    contact = description.iri(iri, SCHEMA.contactPoint, "contact")
    if contact is not None:
        values["contact_name"] = description.text(contact, SCHEMA.name, "contact_name")
        values["contact_consent"] = description.boolean(contact, RRMA.consent, "contact_consent")
    values["countries"] = sorted(
        code_of(c, Scheme.COUNTRY, field="countries")
        for c in description.iris(iri, SCHEMA.areaServed, "countries")
    )
    values["sectors"] = sorted(
        code_of(s, Scheme.SECTOR, Scheme.SECTOR_CATEGORY, field="sectors")
        for s in description.iris(iri, RRMA.sector, "sectors")
    )
    values["sdgs"] = sorted(
        code_of(g, Scheme.SDG, field="sdgs") for g in description.iris(iri, RRMA.sdg, "sdgs")
    )
    return ActorPublic.model_validate(values)
