"""The network that runs a node, as RDF (docs/rdf-model.md, "Network")."""

from __future__ import annotations

from federation.network.models import Network
from federation.rdf.namespaces import NT
from federation.rdf.terms import Triple, iri, network_node, text, timestamp


def network_triples(network: Network, base_url: str) -> list[Triple]:
    node = network_node(base_url)
    triples: list[Triple] = [
        (node, NT.RDF.type, NT.RRMA.Network),
        (node, NT.SCHEMA.name, text(network.name)),
        (node, NT.RRMA.region, text(network.region)),
        (node, NT.RRMA.nodeId, text(network.node_id)),
        (node, NT.DCTERMS.modified, timestamp(network.modified)),
    ]
    if network.acronym:
        triples.append((node, NT.SCHEMA.alternateName, text(network.acronym)))
    if network.website:
        triples.append((node, NT.SCHEMA.url, iri(network.website)))
    return triples
