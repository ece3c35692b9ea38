"""What ``/feed`` says about the stream: an ``ldes:EventStream`` with its first page, its page
size, its retention policy, its horizon and its last sequence number; as RDF or plain JSON."""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal, URIRef

from federation.feed.pages import PAGE_SIZE, FeedState, feed_iri, page_iri
from federation.settings import Settings
from schemas.namespaces import AS, LDES, RDF, RRMA, TREE, XSD


def description_graph(settings: Settings, state: FeedState) -> Graph:
    """The stream in LDES terms. Retention: a member is kept while it is recent or while it
    is its record's latest version (two policies, kept if either keeps it)."""
    feed = URIRef(feed_iri(settings.base_url))
    first = URIRef(page_iri(settings.base_url, 0))
    graph = Graph()
    for prefix, namespace in (("ldes", LDES), ("tree", TREE), ("as", AS), ("rrma", RRMA)):
        graph.bind(prefix, namespace)
    graph.add((feed, RDF.type, LDES.EventStream))
    graph.add((feed, TREE.view, first))
    graph.add((first, RDF.type, TREE.Node))
    graph.add((feed, LDES.timestampPath, AS.published))
    graph.add((feed, LDES.versionOfPath, AS["object"]))
    graph.add((feed, RRMA.pageSize, Literal(PAGE_SIZE)))
    graph.add((feed, RRMA.lastSequence, Literal(state.last)))
    graph.add((feed, RRMA.horizon, Literal(state.horizon)))
    recent = URIRef(f"{feed}#recent")
    graph.add((feed, LDES.retentionPolicy, recent))
    graph.add((recent, RDF.type, LDES.DurationAgoPolicy))
    days = Literal(f"P{settings.feed_retention_days}D", datatype=XSD.duration)
    graph.add((recent, TREE.value, days))
    latest = URIRef(f"{feed}#latest")
    graph.add((feed, LDES.retentionPolicy, latest))
    graph.add((latest, RDF.type, LDES.LatestVersionSubset))
    graph.add((latest, LDES.amount, Literal(1)))
    return graph


def description_json(settings: Settings, state: FeedState) -> dict[str, Any]:
    """The same for a program that reads JSON (``Accept: application/json``)."""
    base = settings.base_url
    return {
        "feed": feed_iri(base),
        "first_page": page_iri(base, 0),
        "open_page": page_iri(base, state.open_page),
        "page_size": PAGE_SIZE,
        "last_seq": state.last,
        "horizon": state.horizon,
        "retention_days": settings.feed_retention_days,
        "dump": f"{base}/dump",
    }
