"""The node's description, its dump and its vocabulary, at stable URLs."""

from __future__ import annotations

import hashlib
import json
from html import escape
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from rdflib import Graph

from federation.api.deps import SessionDep, SettingsDep
from federation.errors import NotFound
from federation.feed.repository import last_seq
from federation.network.service import ensure_network
from federation.publication import repository
from federation.publication.catalog import WELL_KNOWN, catalog_graph, well_known
from federation.publication.dump import cursor_of, stream
from federation.publication.negotiation import MEDIA_TYPES, Format, Validators, negotiate
from federation.publication.representations import rdf_bytes
from federation.publication.routes import context_url
from federation.publication.vocabulary_page import render_vocabulary
from federation.rdf.network import network_triples
from federation.rdf.ntriples import graph_of, serialize
from schemas import vocabulary
from schemas.concepts import CONCEPTS_DIR, scheme_names

router = APIRouter(tags=["linked data"])
GRAPH_FORMATS = [Format.TURTLE, Format.JSONLD, Format.NTRIPLES, Format.RDFXML, Format.HTML]
DUMP_FORMATS = [Format.NTRIPLES, Format.TURTLE, Format.JSONLD]


def graph_response(request: Request, graph: Graph, fmt: Format, etag: str, title: str) -> Response:
    validators = Validators(etag)
    if validators.not_modified(request):
        return Response(status_code=304, headers=validators.headers())
    if fmt is Format.HTML:
        turtle = graph.serialize(format="turtle")
        body = (
            f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>'
            f"{escape(title)}</title></head><body><main><h1>{escape(title)}</h1>"
            f"<pre>{escape(turtle)}</pre></main></body></html>"
        ).encode()
    elif fmt is Format.JSONLD:
        body = graph.serialize(format="json-ld").encode()
    else:
        body = rdf_bytes(serialize(graph).encode(), fmt)
    return Response(body, headers=validators.headers(fmt))


@router.get(WELL_KNOWN)
def node_document(settings: SettingsDep) -> dict[str, object]:
    """Where a peer finds this node's catalogue, dump, feed, SPARQL, inbox and vocabulary."""
    return well_known(settings)


@router.get("/catalog", response_class=Response)
@router.get("/catalog.{extension}", response_class=Response, include_in_schema=False)
def catalog(
    request: Request, session: SessionDep, settings: SettingsDep, extension: str | None = None
) -> Response:
    """The DCAT catalogue of the node with VoID statistics, by content negotiation."""
    fmt = negotiate(request, GRAPH_FORMATS, extension)
    network = ensure_network(session, settings)
    counts = repository.counts_by_kind(session)
    graph = catalog_graph(settings, network, counts)
    etag = f'W/"catalog-{hash(tuple(sorted(counts.items())))}-{network.version}-{fmt.value}"'
    return graph_response(request, graph, fmt, etag, "Catalogue / catalog")


@router.get("/network", response_class=Response)
@router.get("/network.{extension}", response_class=Response, include_in_schema=False)
def network_document(
    request: Request, session: SessionDep, settings: SettingsDep, extension: str | None = None
) -> Response:
    """The network running the node, at its IRI."""
    fmt = negotiate(request, GRAPH_FORMATS, extension)
    network = ensure_network(session, settings)
    graph = graph_of(network_triples(network, settings.base_url))
    etag = f'W/"network-{network.version}-{fmt.value}"'
    return graph_response(request, graph, fmt, etag, network.name)


def _dump_state(session: SessionDep) -> tuple[int, int, int, str]:
    """(feed seq, records, triples, digest): the feed's position is read first, so that a
    bootstrap walking the feed from it misses nothing written while the dump was read."""
    feed_seq = last_seq(session)
    return (feed_seq, *_state_at(session, feed_seq))


# Every write appends to the feed, so the state cannot change while the feed's last sequence
# number stays the same: computing it (a pass over every record) once per position is enough,
# however many dump requests (a harvester resuming with ?after=) ask for it.
_STATES: dict[tuple[str, int, int, int], tuple[int, int, str]] = {}


def _state_at(session: SessionDep, feed_seq: int) -> tuple[int, int, str]:
    # The count and sum of versions guard against a sequence number reused after a rollback
    # (SQLite hands it out again): a cheap aggregate, against a pass in Python for the digest.
    key = (str(session.get_bind().engine.url), feed_seq, *repository.summary(session))
    found = _STATES.get(key)
    if found is None:
        found = repository.state(session)
        if len(_STATES) >= 64:
            _STATES.clear()
        _STATES[key] = found
    return found


@router.get("/dump/state")
def dump_state(session: SessionDep) -> dict[str, object]:
    """What a harvester compares before downloading: records, triples, digest of versions,
    and the feed's last sequence number when they were read."""
    feed_seq, records, triples, digest = _dump_state(session)
    return {
        "records": records,
        "triples": triples,
        "digest": f"sha256:{digest}",
        "feed_seq": feed_seq,
    }


@router.get("/dump", response_class=Response)
@router.head("/dump", response_class=Response, include_in_schema=False)
@router.get("/dump.{extension}", response_class=Response, include_in_schema=False)
@router.head("/dump.{extension}", response_class=Response, include_in_schema=False)
def dump(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    extension: str | None = None,
    after: Annotated[str | None, Query(max_length=600)] = None,
) -> Response:
    """Every record in one document (N-Triples, Turtle or JSON-LD), streamed in record IRI
    order; ``?after={record IRI}`` resumes after that record (without the network's triples,
    so that in N-Triples the pieces join into the full dump)."""
    fmt = negotiate(request, DUMP_FORMATS, extension)
    cursor = cursor_of(after, settings.base_url) if after is not None else None
    feed_seq, records, triples, digest = _dump_state(session)
    resumed = f"-{hashlib.sha256(after.encode()).hexdigest()[:16]}" if after else ""
    validators = Validators(f'"{digest[:32]}{resumed}-{fmt.value}"')
    headers = {
        **validators.headers(fmt),
        "X-Records": str(records),
        "X-Triples": str(triples),
        "X-State-Digest": f"sha256:{digest}",
        "X-Feed-Seq": str(feed_seq),
    }
    if validators.not_modified(request):
        return Response(status_code=304, headers=headers)
    if request.method == "HEAD":
        return Response(headers=headers)
    head = ""
    if cursor is None:
        network = ensure_network(session, settings)
        head = serialize(network_triples(network, settings.base_url))
    return StreamingResponse(
        stream(session, fmt, head, context_url(settings), cursor),
        headers=headers,
        media_type=headers.pop("Content-Type"),
    )


@router.get("/vocab", response_class=Response)
def vocabulary_page(settings: SettingsDep) -> Response:
    """The vocabulary, for people (generated from the ontology)."""
    base = f"{settings.base_url}/vocab"
    links = {
        "ontology.ttl": f"{base}/ontology.ttl",
        "shapes.ttl": f"{base}/shapes.ttl",
        "context.jsonld": f"{base}/context.jsonld",
        "concepts": f"{base}/concepts",
    }
    body = render_vocabulary(vocabulary.ontology(), vocabulary.VOCABULARY_VERSION(), links)
    return Response(body, media_type="text/html; charset=utf-8")


@router.get("/vocab/ontology.ttl", response_class=Response)
def ontology_file() -> Response:
    """The ontology (Turtle)."""
    return Response(vocabulary.ONTOLOGY_PATH.read_bytes(), media_type=MEDIA_TYPES[Format.TURTLE])


@router.get("/vocab/shapes.ttl", response_class=Response)
def shapes_file() -> Response:
    """The SHACL shapes every published record conforms to (Turtle)."""
    return Response(vocabulary.SHAPES_PATH.read_bytes(), media_type=MEDIA_TYPES[Format.TURTLE])


@router.get("/vocab/context.jsonld", response_class=Response)
def context_file() -> Response:
    """The JSON-LD context of the records."""
    return Response(
        json.dumps(vocabulary.context(), ensure_ascii=False, indent=2).encode(),
        media_type="application/ld+json",
        headers={"Access-Control-Allow-Origin": "*"},
    )


@router.get("/vocab/concepts")
def concept_schemes(settings: SettingsDep) -> dict[str, str]:
    """The code lists (SKOS concept schemes) and where each is served."""
    return {name: f"{settings.base_url}/vocab/concepts/{name}.ttl" for name in scheme_names()}


@router.get("/vocab/concepts/{name}.ttl", response_class=Response)
def concept_scheme(name: str) -> Response:
    """One code list as SKOS (Turtle)."""
    if name not in scheme_names():
        raise NotFound("Liste de codes", name)
    return Response(
        (CONCEPTS_DIR / f"{name}.ttl").read_bytes(), media_type=MEDIA_TYPES[Format.TURTLE]
    )
