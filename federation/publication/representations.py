"""One record's stored N-Triples turned into each published format."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from federation.publication.negotiation import Format
from federation.rdf.jsonld import compact_record
from schemas.namespaces import PREFIXES, XSD

# Concept IRIs read better written in full than as concept:country\/BF.
TURTLE_PREFIXES = {name: iri for name, iri in PREFIXES.items() if name != "concept"}

OX_FORMATS = {
    Format.TURTLE: ox.RdfFormat.TURTLE,
    Format.RDFXML: ox.RdfFormat.RDF_XML,
    Format.NTRIPLES: ox.RdfFormat.N_TRIPLES,
}


def ox_triples(ntriples: bytes) -> list[ox.Quad]:
    return list(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))


def rdflib_triples(ntriples: bytes) -> Iterator[tuple[Node, Node, Node]]:
    """The stored text as rdflib terms (records have no blank nodes)."""
    for quad in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        yield URIRef(quad.subject.value), URIRef(quad.predicate.value), _term(quad.object)


def _term(node: object) -> Node:
    if isinstance(node, ox.NamedNode):
        return URIRef(node.value)
    if isinstance(node, ox.Literal):
        if node.language:
            return Literal(node.value, lang=node.language)
        datatype = node.datatype.value
        if datatype == str(XSD.string):
            return Literal(node.value)
        return Literal(node.value, datatype=URIRef(datatype))
    raise ValueError("records have no blank nodes")


def rdf_bytes(ntriples: bytes, fmt: Format) -> bytes:
    """Turtle, RDF/XML or N-Triples of some records' stored text."""
    if fmt is Format.NTRIPLES:
        return ntriples
    prefixes = TURTLE_PREFIXES if fmt is Format.TURTLE else None
    written = ox.serialize(ox_triples(ntriples), format=OX_FORMATS[fmt], prefixes=prefixes)
    assert written is not None  # no output given: the bytes are returned
    return bytes(written)


def jsonld_bytes(ntriples: bytes, root: str, context_url: str) -> bytes:
    document = compact_record(rdflib_triples(ntriples), URIRef(root), context_url)
    return json.dumps(document, ensure_ascii=False, indent=2).encode()
