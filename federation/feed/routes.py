"""The change feed over HTTP: ``/feed`` describes the stream, ``/feed/{n}`` is a page.

Closed pages never change (save compaction) and are cached for a year; the open page is
revalidated with its strong ETag, so a harvester with nothing new costs one 304."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from federation.api.deps import SessionDep, SettingsDep
from federation.errors import NotFound
from federation.feed.description import description_graph, description_json
from federation.feed.pages import (
    FeedState,
    feed_state,
    page_bytes,
    page_tag,
    parse_page_name,
    read_page,
)
from federation.publication.negotiation import Format, Validators, negotiate
from federation.publication.node_routes import GRAPH_FORMATS, graph_response

router = APIRouter(tags=["change feed"])
# N-Quads first: what harvesters ask for, and what a client that asks for nothing gets.
PAGE_FORMATS = [Format.NQUADS, Format.TRIG, Format.JSONLD, Format.TURTLE, Format.NTRIPLES]
IMMUTABLE = "public, max-age=31536000, immutable"
MAX_CURSOR = 2**62


def _feed_headers(state: FeedState) -> dict[str, str]:
    return {"X-Feed-Last": str(state.last), "X-Feed-Horizon": str(state.horizon)}


def _prefers_json(request: Request, extension: str | None) -> bool:
    """Plain JSON: ``.json``, ``?format=json``, or ``application/json`` first in Accept
    (elsewhere "json" means JSON-LD; on ``/feed`` a program wants the figures)."""
    explicit = extension or request.query_params.get("format")
    if explicit:
        return explicit.lower() == "json"
    ranked: list[tuple[float, int, str]] = []
    for rank, part in enumerate(request.headers.get("accept", "").split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        ranked.append((-quality, rank, media.lower()))
    return bool(ranked) and min(ranked)[2] == "application/json"


def _without_body(request: Request, response: Response) -> Response:
    if request.method == "HEAD":
        return Response(status_code=response.status_code, headers=dict(response.headers))
    return response


@router.get("/feed", response_class=Response)
@router.head("/feed", response_class=Response, include_in_schema=False)
@router.get("/feed.{extension}", response_class=Response, include_in_schema=False)
@router.head("/feed.{extension}", response_class=Response, include_in_schema=False)
def feed_description(
    request: Request, session: SessionDep, settings: SettingsDep, extension: str | None = None
) -> Response:
    """The change feed as an LDES event stream: first page, page size, retention, horizon and
    last sequence number (Turtle, JSON-LD, N-Triples, RDF/XML, HTML, or plain JSON)."""
    state = feed_state(session)
    headers = {**_feed_headers(state), "Cache-Control": "no-cache"}
    if _prefers_json(request, extension):
        validators = Validators(f'"feed-{state.last}-{state.horizon}-json"')
        headers |= validators.headers()
        if validators.not_modified(request):
            return Response(status_code=304, headers=headers)
        body = json.dumps(description_json(settings, state), indent=2).encode()
        response = Response(body, media_type="application/json", headers=headers)
        return _without_body(request, response)
    fmt = negotiate(request, GRAPH_FORMATS, extension)
    graph = description_graph(settings, state)
    etag = f'W/"feed-{state.last}-{state.horizon}-{fmt.value}"'
    response = graph_response(request, graph, fmt, etag, "Flux des modifications / change feed")
    response.headers.update(headers)
    return _without_body(request, response)


@router.get("/feed/{page}", response_class=Response)
@router.head("/feed/{page}", response_class=Response, include_in_schema=False)
def feed_page(
    page: str,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    since: Annotated[int | None, Query(ge=0, le=MAX_CURSOR)] = None,
) -> Response:
    """A page of the change feed: N-Quads (one named graph per member), TriG, JSON-LD, or
    Turtle and N-Triples (flattened). ``?since={cursor}`` answers 410 when compaction has
    passed the cursor: bootstrap again from the dump."""
    number, extension = parse_page_name(page)
    fmt = negotiate(request, PAGE_FORMATS, extension)
    state = feed_state(session)
    state.check_cursor(since, f"{settings.base_url}/dump")
    if number > state.open_page:
        raise NotFound("Page du flux", number)
    closed = number < state.open_page
    validators = Validators(f'"feed-{page_tag(session, number, state)}-{fmt.value}"')
    headers = {
        **validators.headers(fmt),
        **_feed_headers(state),
        "Cache-Control": IMMUTABLE if closed else "no-cache",
    }
    if validators.not_modified(request):
        return Response(status_code=304, headers=headers)
    if request.method == "HEAD":
        return Response(headers=headers)
    body = page_bytes(read_page(session, number, state), settings.base_url, fmt)
    return Response(body, headers=headers)
