"""Triples every record has: type, external id, timestamps, version, the network it is from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rdflib import URIRef

from federation.common.records import RecordKind
from federation.rdf.description import Description
from federation.rdf.namespaces import DCTERMS, PROV, RDF, RRMA
from federation.rdf.terms import Triple, base_of, integer, network_iri, text, timestamp

CLASSES = {
    RecordKind.ACTOR: RRMA.Actor,
    RecordKind.ACTION: RRMA.Action,
    RecordKind.GROUP: RRMA.WorkingGroup,
}


@dataclass(frozen=True)
class Header:
    external_id: str | None
    created: datetime
    modified: datetime
    version: int


def header_triples(iri: URIRef, kind: RecordKind, header: Header) -> list[Triple]:
    triples: list[Triple] = [
        (iri, RDF.type, CLASSES[kind]),
        (iri, DCTERMS.created, timestamp(header.created)),
        (iri, DCTERMS.modified, timestamp(header.modified)),
        (iri, RRMA.version, integer(header.version)),
        (iri, PROV.wasAttributedTo, network_iri(base_of(str(iri), kind))),
    ]
    if header.external_id:
        triples.append((iri, DCTERMS.identifier, text(header.external_id)))
    return triples


def read_header(description: Description, iri: URIRef) -> Header:
    version = description.integer(iri, RRMA.version, "version")
    return Header(
        external_id=description.text(iri, DCTERMS.identifier, "external_id"),
        created=description.timestamp(iri, DCTERMS.created, "created"),
        modified=description.timestamp(iri, DCTERMS.modified, "modified"),
        version=version if version is not None else 1,
    )
