"""Triples every record has: type, external id, timestamps, version, the network it is from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rdflib import URIRef

from federation.common.records import RecordKind
from federation.rdf.description import Description
from federation.rdf.namespaces import DCTERMS, NT, RRMA
from federation.rdf.terms import Iri, Triple, integer, network_node, text, timestamp

CLASSES = {
    RecordKind.ACTOR: NT.RRMA.Actor,
    RecordKind.ACTION: NT.RRMA.Action,
    RecordKind.GROUP: NT.RRMA.WorkingGroup,
}


@dataclass(frozen=True)
class Header:
    external_id: str | None
    created: datetime
    modified: datetime
    version: int


def header_triples(iri: Iri, base: str, kind: RecordKind, header: Header) -> list[Triple]:
    """``iri`` is the record's IRI, minted under the node's ``base`` URL."""
    triples: list[Triple] = [
        (iri, NT.RDF.type, CLASSES[kind]),
        (iri, NT.DCTERMS.created, timestamp(header.created)),
        (iri, NT.DCTERMS.modified, timestamp(header.modified)),
        (iri, NT.RRMA.version, integer(header.version)),
        (iri, NT.PROV.wasAttributedTo, network_node(base)),
    ]
    if header.external_id:
        triples.append((iri, NT.DCTERMS.identifier, text(header.external_id)))
    return triples


def read_header(description: Description, iri: URIRef) -> Header:
    version = description.integer(iri, RRMA.version, "version")
    return Header(
        external_id=description.text(iri, DCTERMS.identifier, "external_id"),
        created=description.timestamp(iri, DCTERMS.created, "created"),
        modified=description.timestamp(iri, DCTERMS.modified, "modified"),
        version=version if version is not None else 1,
    )
