"""The node's description: a DCAT catalogue (the network as publisher, a dataset per kind of
record, the dump as distribution, the API as data service, the code lists as themes) with VoID
statistics, and the small JSON document under ``/.well-known/`` that points at all of it."""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal, URIRef

from federation.common.records import RecordKind
from federation.feed.pages import PAGE_SIZE
from federation.network.models import Network
from federation.rdf.terms import network_iri
from federation.settings import Settings
from schemas.concepts import scheme_iri, scheme_names
from schemas.namespaces import DCAT, DCTERMS, FOAF, IANA_MEDIA, RDF, RRMA, SCHEMA, VOID
from schemas.vocabulary import VOCABULARY_VERSION

WELL_KNOWN = "/.well-known/rrma-federation"
DATASETS = {
    RecordKind.ACTOR: (
        RRMA.Actor,
        "Acteurs de la coopération internationale",
        "Actors of international cooperation",
    ),
    RecordKind.ACTION: (RRMA.Action, "Actions et projets", "Actions and projects"),
    RecordKind.GROUP: (RRMA.WorkingGroup, "Groupes de travail", "Working groups"),
}


def catalog_graph(
    settings: Settings, network: Network, counts: dict[str, tuple[int, int]]
) -> Graph:
    """The catalogue; ``counts`` is records and triples by kind (from the stored RDF)."""
    base = settings.base_url
    graph = Graph()
    for prefix, namespace in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("void", VOID),
        ("foaf", FOAF),
        ("schema", SCHEMA),
        ("rrma", RRMA),
    ):
        graph.bind(prefix, namespace)
    catalog = URIRef(f"{base}/catalog")
    publisher = network_iri(base)
    licence = URIRef(settings.licence)
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, Literal(f"Annuaire de {network.name}", lang="fr")))
    graph.add((catalog, DCTERMS.title, Literal(f"Directory of {network.name}", lang="en")))
    graph.add(
        (
            catalog,
            DCTERMS.description,
            Literal(
                f"Les acteurs de la coopération et de la solidarité internationales de la région "
                f"{network.region}, leurs actions et les groupes de travail du réseau.",
                lang="fr",
            ),
        )
    )
    graph.add(
        (
            catalog,
            DCTERMS.description,
            Literal(
                f"The international cooperation actors of {network.region}, their actions and the "
                f"network's working groups.",
                lang="en",
            ),
        )
    )
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, DCTERMS.license, licence))
    graph.add((catalog, DCTERMS.modified, Literal(network.modified)))
    graph.add((catalog, FOAF.homepage, URIRef(f"{base}/")))
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, RDF.type, RRMA.Network))
    graph.add((publisher, FOAF.name, Literal(network.name)))
    graph.add((publisher, SCHEMA.name, Literal(network.name)))
    for name in scheme_names():
        graph.add((catalog, DCAT.themeTaxonomy, scheme_iri(name)))

    dump = URIRef(f"{base}/dump")
    service = URIRef(f"{base}/catalog#api")
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCTERMS.title, Literal("API de l'annuaire / directory API", lang="fr")))
    graph.add((service, DCAT.endpointURL, URIRef(f"{base}/api")))
    graph.add((service, DCAT.endpointDescription, URIRef(f"{base}/openapi.json")))
    graph.add((service, DCTERMS.license, licence))
    graph.add((catalog, DCAT.service, service))

    # The change feed is a service too: the versions of every record, as an LDES event stream.
    feed = URIRef(f"{base}/catalog#feed")
    graph.add((feed, RDF.type, DCAT.DataService))
    graph.add(
        (
            feed,
            DCTERMS.title,
            Literal("Flux des modifications / change feed (LDES)", lang="fr"),
        )
    )
    graph.add((feed, DCAT.endpointURL, URIRef(f"{base}/feed")))
    graph.add((feed, DCAT.endpointDescription, URIRef(f"{base}/feed")))
    graph.add((feed, DCTERMS.license, licence))
    graph.add((catalog, DCAT.service, feed))

    whole = URIRef(f"{base}/catalog#void")
    graph.add((whole, RDF.type, VOID.Dataset))
    graph.add((whole, VOID.dataDump, dump))
    graph.add((whole, VOID.triples, Literal(sum(t for _, t in counts.values()))))
    graph.add((whole, VOID.entities, Literal(sum(n for n, _ in counts.values()))))
    for kind in DATASETS:
        dataset = _dataset(
            graph,
            base,
            kind,
            network=network,
            licence=licence,
            counts=counts.get(kind.value, (0, 0)),
        )
        graph.add((catalog, DCAT.dataset, dataset))
        graph.add((whole, VOID.classPartition, dataset))
        graph.add((service, DCAT.servesDataset, dataset))
        graph.add((feed, DCAT.servesDataset, dataset))
    return graph


def _dataset(
    graph: Graph,
    base: str,
    kind: RecordKind,
    *,
    network: Network,
    licence: URIRef,
    counts: tuple[int, int],
) -> URIRef:
    """One dataset per kind of record, with its VoID figures and its dump distributions."""
    rdf_class, title_fr, title_en = DATASETS[kind]
    records, triples = counts
    dump = f"{base}/dump"
    dataset = URIRef(f"{base}/catalog#{kind.value}")
    publisher = network_iri(base)
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.title, Literal(title_fr, lang="fr")))
    graph.add((dataset, DCTERMS.title, Literal(title_en, lang="en")))
    graph.add(
        (
            dataset,
            DCTERMS.description,
            Literal(f"{title_fr} publiés par {network.name}, en données liées.", lang="fr"),
        )
    )
    graph.add((dataset, DCTERMS.publisher, publisher))
    graph.add((dataset, DCTERMS.license, licence))
    graph.add((dataset, VOID["class"], rdf_class))
    graph.add((dataset, VOID.entities, Literal(records)))
    graph.add((dataset, VOID.triples, Literal(triples)))
    for extension, media in (
        ("nt", "application/n-triples"),
        ("ttl", "text/turtle"),
        ("jsonld", "application/ld+json"),
    ):
        distribution = URIRef(f"{base}/catalog#{kind.value}-{extension}")
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCAT.accessURL, URIRef(f"{dump}.{extension}")))
        graph.add((distribution, DCAT.downloadURL, URIRef(f"{dump}.{extension}")))
        graph.add((distribution, DCAT.mediaType, IANA_MEDIA[media]))
        graph.add((distribution, DCTERMS.license, licence))
    return dataset


def well_known(settings: Settings) -> dict[str, Any]:
    """Where a peer finds everything."""
    base = settings.base_url
    return {
        "node": settings.node_id,
        "network": settings.network_name,
        "region": settings.region,
        "base_url": base,
        "catalog": f"{base}/catalog",
        "dump": f"{base}/dump",
        "dump_state": f"{base}/dump/state",
        "feed": f"{base}/feed",
        "feed_page_size": PAGE_SIZE,
        "sparql": f"{base}/sparql",
        "inbox": f"{base}/inbox",
        "vocabulary": {
            "version": VOCABULARY_VERSION(),
            "ontology": f"{base}/vocab/ontology.ttl",
            "shapes": f"{base}/vocab/shapes.ttl",
            "context": f"{base}/vocab/context.jsonld",
            "concepts": f"{base}/vocab/concepts",
        },
    }
