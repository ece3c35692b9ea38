"""The formats of SPARQL answers and how a client chooses one (Accept, or ``?format=``).

A SELECT or ASK query gives solutions (JSON, XML, CSV, TSV), a CONSTRUCT or DESCRIBE query a
graph (Turtle, N-Triples, JSON-LD, RDF/XML): which of the two a query gives is known only
once it is read, so the client's choice is made for both kinds before the query runs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from federation.publication.negotiation import best_match


class ResultsFormat(StrEnum):
    JSON = "json"
    XML = "xml"
    CSV = "csv"
    TSV = "tsv"


class GraphFormat(StrEnum):
    TURTLE = "ttl"
    NTRIPLES = "nt"
    JSONLD = "jsonld"
    RDFXML = "rdf"


class PageFormat(StrEnum):
    """What ``GET /sparql`` without a query gives: the service description, or a form."""

    HTML = "html"
    TURTLE = "ttl"
    NTRIPLES = "nt"
    JSONLD = "jsonld"
    RDFXML = "rdf"


@dataclass(frozen=True)
class Offer:
    media_type: str  # what the response's Content-Type says
    also: tuple[str, ...] = ()  # other types a client may ask for and get this
    names: tuple[str, ...] = ()  # what ``?format=`` may say


RESULTS = {
    ResultsFormat.JSON: Offer("application/sparql-results+json", ("application/json",), ("json",)),
    ResultsFormat.XML: Offer(
        "application/sparql-results+xml", ("application/xml", "text/xml"), ("xml",)
    ),
    ResultsFormat.CSV: Offer("text/csv", (), ("csv",)),
    ResultsFormat.TSV: Offer("text/tab-separated-values", (), ("tsv",)),
}
GRAPHS = {
    GraphFormat.TURTLE: Offer("text/turtle", ("application/x-turtle",), ("ttl", "turtle")),
    GraphFormat.NTRIPLES: Offer("application/n-triples", ("text/plain",), ("nt", "ntriples")),
    GraphFormat.JSONLD: Offer(
        "application/ld+json", ("application/json",), ("jsonld", "json-ld", "json")
    ),
    GraphFormat.RDFXML: Offer(
        "application/rdf+xml", ("application/xml", "text/xml"), ("rdf", "xml", "rdfxml")
    ),
}
# The description by default (what the Service Description spec says a client gets); the form
# only for a client that asks for HTML first, as browsers do.
PAGES = {
    PageFormat.TURTLE: GRAPHS[GraphFormat.TURTLE],
    PageFormat.HTML: Offer("text/html", ("application/xhtml+xml",), ("html",)),
    PageFormat.NTRIPLES: GRAPHS[GraphFormat.NTRIPLES],
    PageFormat.JSONLD: GRAPHS[GraphFormat.JSONLD],
    PageFormat.RDFXML: GRAPHS[GraphFormat.RDFXML],
}


F = TypeVar("F", bound=StrEnum)


def content_type(media_type: str) -> str:
    """The Content-Type header of an answer: text in UTF-8 says so."""
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


def choose(offers: dict[F, Offer], accept: str, explicit: str | None) -> F | None:
    """The format to answer with, or None when the client accepts none of ``offers``: an
    explicit ``?format=`` wins, else the best match of the Accept header (q-values honoured;
    ties go to the order of ``offers``, whose first is the default)."""
    if explicit:
        key = explicit.strip().lower()
        return next((fmt for fmt, offer in offers.items() if key in offer.names), None)
    return best_match(accept, list(offers), lambda media, fmt: _matches(media, offers[fmt]))


def _matches(media: str, offer: Offer) -> bool:
    if media in ("*/*", "*") or media == offer.media_type or media in offer.also:
        return True
    return media == f"{offer.media_type.split('/')[0]}/*"
