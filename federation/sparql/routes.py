"""``/sparql``, following the SPARQL 1.1 Protocol: a query by GET (``?query=``) or POST (a form,
or the query itself as ``application/sparql-query``); without a query, the service description
(or a form for a browser). Updates are refused, whichever way they come."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from federation.api.deps import SettingsDep
from federation.sparql.description import service_description
from federation.sparql.errors import (
    BadProtocolRequest,
    ResultsNotAcceptable,
    UnsupportedMediaType,
    UpdateRefused,
)
from federation.sparql.form import form_page
from federation.sparql.formats import PAGES, GraphFormat, PageFormat, choose, content_type
from federation.sparql.schemas import QueryRequest, QueryResult
from federation.sparql.service import SparqlService

router = APIRouter(tags=["sparql"])

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"


def get_sparql(request: Request) -> SparqlService:
    service: SparqlService = request.app.state.sparql
    return service


SparqlDep = Annotated[SparqlService, Depends(get_sparql)]


@router.get("/sparql")
async def sparql_get(
    request: Request,
    sparql: SparqlDep,
    settings: SettingsDep,
    query: Annotated[str | None, Query(description="The SPARQL query")] = None,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
    format: Annotated[str | None, Query(description="json, xml, csv, tsv, ttl, nt…")] = None,
) -> Response:
    """Answer a SPARQL query (SPARQL 1.1 Protocol); without one, describe the service."""
    # The parameters above document the route; they are read again from the request, where
    # a repeated ``query`` can be seen.
    params = list(request.query_params.multi_items())
    _refuse_update(params)
    if query is None:
        return await _describe(request, sparql, settings, format)
    return await _answer(sparql, _query_request(request, params))


@router.post("/sparql")
async def sparql_post(request: Request, sparql: SparqlDep) -> Response:
    """Answer a SPARQL query sent as a form (``query=``) or as ``application/sparql-query``."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    params = list(request.query_params.multi_items())
    if media == UPDATE:
        raise UpdateRefused
    if media == FORM:
        params += parse_qsl(_text(await request.body()), keep_blank_values=True)
    elif media == QUERY:
        params.append(("query", _text(await request.body())))
    else:
        raise UnsupportedMediaType(media)
    _refuse_update(params)
    return await _answer(sparql, _query_request(request, params))


async def _answer(sparql: SparqlService, query: QueryRequest) -> Response:
    result: QueryResult = await run_in_threadpool(sparql.query, query)
    answer = result.answer
    return Response(
        content=answer.body,
        media_type=content_type(answer.media_type),
        headers={
            "X-Index-As-Of": result.snapshot.as_of.isoformat(),
            "X-SPARQL-Result-Limit": str(result.max_rows),
            "X-SPARQL-Truncated": "true" if answer.truncated else "false",
            "X-SPARQL-Time-Limit": f"{sparql.settings.sparql_timeout_seconds:g}",
            "Vary": "Accept",
            "Cache-Control": "no-cache",
        },
    )


async def _describe(
    request: Request, sparql: SparqlService, settings: SettingsDep, explicit: str | None
) -> Response:
    fmt = choose(PAGES, request.headers.get("accept", ""), explicit)
    if fmt is None:
        raise ResultsNotAcceptable([offer.media_type for offer in PAGES.values()])
    snapshot = await run_in_threadpool(sparql.snapshot)
    headers = {"X-Index-As-Of": snapshot.as_of.isoformat(), "Vary": "Accept"}
    if fmt is PageFormat.HTML:
        return HTMLResponse(form_page(settings, snapshot), headers=headers)
    graph_format = GraphFormat(fmt.value)
    return Response(
        content=service_description(settings, snapshot, graph_format),
        media_type=content_type(PAGES[fmt].media_type),
        headers=headers,
    )


def _query_request(request: Request, params: list[tuple[str, str]]) -> QueryRequest:
    queries = [value for name, value in params if name == "query"]
    if not queries or not queries[0].strip():
        raise BadProtocolRequest(
            "Aucune requête : le paramètre query est vide ou absent.",
            "No query: the query parameter is empty or missing.",
        )
    if len(queries) > 1:
        raise BadProtocolRequest(
            "Une seule requête à la fois (plusieurs paramètres query reçus).",
            "One query at a time (several query parameters received).",
        )
    formats = [value for name, value in params if name == "format"]
    return QueryRequest(
        text=queries[0],
        default_graphs=tuple(value for name, value in params if name == "default-graph-uri"),
        named_graphs=tuple(value for name, value in params if name == "named-graph-uri"),
        accept=request.headers.get("accept", ""),
        format=formats[0] if formats else None,
    )


def _refuse_update(params: list[tuple[str, str]]) -> None:
    if any(name in ("update", "using-graph-uri", "using-named-graph-uri") for name, _ in params):
        raise UpdateRefused


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadProtocolRequest(
            "Le corps de la requête n'est pas en UTF-8.", "The request body is not UTF-8."
        ) from None
