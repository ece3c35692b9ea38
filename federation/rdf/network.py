"""The network that runs a node, as RDF (docs/rdf-model.md, "Network")."""

from __future__ import annotations

from rdflib import URIRef

from federation.network.models import Network
from federation.rdf.namespaces import DCTERMS, RDF, RRMA, SCHEMA
from federation.rdf.terms import Triple, network_iri, text, timestamp


def network_triples(network: Network, base_url: str) -> list[Triple]:
    iri = network_iri(base_url)
    triples: list[Triple] = [
        (iri, RDF.type, RRMA.Network),
        (iri, SCHEMA.name, text(network.name)),
        (iri, RRMA.region, text(network.region)),
        (iri, RRMA.nodeId, text(network.node_id)),
        (iri, DCTERMS.modified, timestamp(network.modified)),
    ]
    if network.acronym:
        triples.append((iri, SCHEMA.alternateName, text(network.acronym)))
    if network.website:
        triples.append((iri, SCHEMA.url, URIRef(network.website)))
    return triples
