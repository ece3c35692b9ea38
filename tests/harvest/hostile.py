"""A peer that misbehaves on demand: each test says what each path answers.

It starts as a well-formed, empty node (node document, dump state, empty dump, an empty open
feed page); a test replaces the answers it is about."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from schemas.vocabulary import VOCABULARY_VERSION

Handler = Callable[[Request], Awaitable[Response]]
NTRIPLES = "application/n-triples"
NQUADS = "application/n-quads"


def node_document(url: str, node_id: str, **overrides: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "node": node_id,
        "network": f"Réseau {node_id}",
        "region": "Occitanie",
        "base_url": url,
        "catalog": f"{url}/catalog",
        "dump": f"{url}/dump",
        "dump_state": f"{url}/dump/state",
        "feed": f"{url}/feed",
        "feed_page_size": 250,
        "inbox": f"{url}/inbox",
        "sparql": None,
        "vocabulary": {"version": VOCABULARY_VERSION()},
    }
    document.update(overrides)
    return document


def fixed(
    body: bytes | str, media_type: str, status: int = 200, headers: dict[str, str] | None = None
) -> Handler:
    async def handler(_request: Request) -> Response:
        return Response(body, status_code=status, media_type=media_type, headers=headers)

    return handler


def json_answer(value: Any, status: int = 200) -> Handler:
    async def handler(_request: Request) -> Response:
        return JSONResponse(value, status_code=status)

    return handler


def endless(line: bytes = b"x" * 1023 + b"\n", media_type: str = NTRIPLES) -> Handler:
    """A body that never ends (no Content-Length): the reader must cut it."""

    async def body() -> AsyncIterator[bytes]:
        block = line * 64
        while True:
            yield block
            await asyncio.sleep(0)

    async def handler(_request: Request) -> Response:
        return StreamingResponse(body(), media_type=media_type)

    return handler


def slow(seconds: float, then: Handler) -> Handler:
    async def handler(request: Request) -> Response:
        await asyncio.sleep(seconds)
        return await then(request)

    return handler


def redirect(location: str, status: int = 302) -> Handler:
    async def handler(_request: Request) -> Response:
        return Response(status_code=status, headers={"Location": location})

    return handler


def failing(status: int = 500, retry_after: str | None = "120") -> Handler:
    headers = {"Retry-After": retry_after} if retry_after else {}
    return fixed("boom", "text/plain", status, headers)


class Hostile:
    """The app; ``routes`` maps a path to its handler and may be changed during a test. Every
    request is logged in ``seen`` (path and query)."""

    def __init__(self, url: str, node_id: str = "hostile") -> None:
        self.url = url
        self.seen: list[str] = []
        self.routes: dict[str, Handler] = {
            "/.well-known/rrma-federation": json_answer(node_document(url, node_id)),
            "/dump/state": json_answer({"records": 0, "triples": 0, "digest": "", "feed_seq": 0}),
            "/dump": fixed(b"", NTRIPLES),
            "/feed/0": page(b"", last=0),
        }
        self.app = Starlette(routes=[Route("/{path:path}", self.endpoint)])

    async def endpoint(self, request: Request) -> Response:
        path = "/" + request.path_params["path"]
        self.seen.append(f"{path}?{request.url.query}" if request.url.query else path)
        handler = self.routes.get(path)
        if handler is None:
            return PlainTextResponse("not here", status_code=404)
        return await handler(request)


def page(body: bytes, *, last: int, horizon: int = 0, etag: str | None = None) -> Handler:
    """A feed page with the headers a harvester reads."""
    headers = {"X-Feed-Last": str(last), "X-Feed-Horizon": str(horizon)}
    if etag:
        headers["ETag"] = etag
    return fixed(body, NQUADS, headers=headers)
