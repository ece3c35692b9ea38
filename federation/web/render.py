"""Render a page, or answer JSON, from the same data: the routes that serve people and programs.

A route computes its data once, then ``respond`` picks the representation: HTML for a browser
(``Accept: text/html`` first, or ``?format=html``), JSON otherwise (``application/json``,
``?format=json``, or no Accept header: programs are the default)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from federation.publication.negotiation import best_match

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")

_TYPES = {"json": ("application/json", "text/json"), "html": ("text/html", "application/xhtml+xml")}


def wants_html(request: Request) -> bool:
    """Whether to answer with a page rather than JSON."""
    explicit = request.query_params.get("format", "").lower()
    if explicit in _TYPES:
        return explicit == "html"
    accept = request.headers.get("accept", "")
    chosen = best_match(accept, ["json", "html"], _matches)
    return chosen == "html"


def _matches(media: str, offer: str) -> bool:
    if media in ("*/*", "*"):
        return True
    return media in _TYPES[offer]


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["query_with"] = query_with
    return env


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The HTML page ``template`` (under ``web/templates``) with the node's settings at hand."""
    settings = request.app.state.settings
    html = (
        environment().get_template(template).render(request=request, settings=settings, **context)
    )
    return HTMLResponse(html, status_code=status_code)


def respond(request: Request, data: Any, template: str, **context: Any) -> Response:
    """``data`` as JSON, or rendered by ``template`` (which sees it as ``data``) for a browser."""
    if wants_html(request):
        return page(request, template, data=data, **context)
    return JSONResponse(data)


def query_with(request: Request, **changes: Any) -> str:
    """The current query string with ``changes`` applied: a value of None removes the key; a
    list sets several values; ``page`` goes back to 1 unless changed itself."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k != "format"]
    if "page" not in changes:
        items = [(k, v) for k, v in items if k != "page"]
    for key, value in changes.items():
        if key.startswith("remove_"):
            name = key.removeprefix("remove_")
            items = [(k, v) for k, v in items if not (k == name and v == str(value))]
            continue
        if key.startswith("add_"):
            items.append((key.removeprefix("add_"), str(value)))
            continue
        items = [(k, v) for k, v in items if k != key]
        if value is None:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        items.extend((key, str(v)) for v in values)
    encoded = urlencode(items)
    return f"?{encoded}" if encoded else "?"
