"""Content negotiation: which representation a client asked for (Accept header, ``?format=``
or a file extension), and the conditional-request headers every representation carries."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from enum import StrEnum
from typing import TypeVar

from fastapi import Request

from federation.errors import FederationError

T = TypeVar("T")


class Format(StrEnum):
    HTML = "html"
    TURTLE = "ttl"
    JSONLD = "jsonld"
    NTRIPLES = "nt"
    RDFXML = "rdf"
    # Datasets (named graphs): the change feed's pages.
    NQUADS = "nq"
    TRIG = "trig"


MEDIA_TYPES = {
    Format.HTML: "text/html",
    Format.TURTLE: "text/turtle",
    Format.JSONLD: "application/ld+json",
    Format.NTRIPLES: "application/n-triples",
    Format.RDFXML: "application/rdf+xml",
    Format.NQUADS: "application/n-quads",
    Format.TRIG: "application/trig",
}
# What else people type after ``?format=``.
ALIASES = {
    "turtle": Format.TURTLE,
    "json-ld": Format.JSONLD,
    "json": Format.JSONLD,
    "ntriples": Format.NTRIPLES,
    "n-triples": Format.NTRIPLES,
    "xml": Format.RDFXML,
    "rdfxml": Format.RDFXML,
    "rdf+xml": Format.RDFXML,
    "nquads": Format.NQUADS,
    "n-quads": Format.NQUADS,
}
# Types that are not ours but mean one of ours.
EQUIVALENT = {
    "application/json": Format.JSONLD,
    "application/xhtml+xml": Format.HTML,
    "text/plain": Format.NTRIPLES,
    "application/x-turtle": Format.TURTLE,
    "text/x-nquads": Format.NQUADS,
}


class NotAcceptable(FederationError):
    def __init__(self, offered: list[Format]) -> None:
        types = ", ".join(MEDIA_TYPES[f] for f in offered)
        super().__init__(
            message=f"Aucun des formats demandés n'est disponible. Formats proposés : {types}",
            message_en=f"None of the requested types is available. Offered: {types}",
            status_code=406,
            code="not_acceptable",
        )


class UnknownFormat(FederationError):
    def __init__(self, name: str, offered: list[Format]) -> None:
        names = ", ".join(f.value for f in offered)
        super().__init__(
            message=f"Format inconnu : {name!r}. Formats proposés : {names}",
            message_en=f"Unknown format: {name!r}. Offered: {names}",
            status_code=404,
            code="unknown_format",
        )


def parse_format(name: str, offered: list[Format]) -> Format:
    key = name.lower().lstrip(".")
    chosen = ALIASES.get(key) or (Format(key) if key in Format._value2member_map_ else None)
    if chosen is None or chosen not in offered:
        raise UnknownFormat(name, offered)
    return chosen


def negotiate(request: Request, offered: list[Format], explicit: str | None = None) -> Format:
    """The format to answer with: an explicit ``?format=``/extension wins, else the best
    match of the Accept header (q-values honoured; ties go to the order of ``offered``)."""
    if explicit:
        return parse_format(explicit, offered)
    query = request.query_params.get("format")
    if query:
        return parse_format(query, offered)
    chosen = best_match(request.headers.get("accept", ""), offered, _matches)
    if chosen is None:
        raise NotAcceptable(offered)
    return chosen


def best_match(accept: str, offered: Sequence[T], matches: Callable[[str, T], bool]) -> T | None:
    """The offer an Accept header prefers (q-values honoured; ties go to the order of
    ``offered``, whose first is the default when there is no header); None if none fits."""
    accept = accept.strip()
    if not accept:
        return offered[0]
    best: tuple[float, int, T] | None = None
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        quality = _quality(params)
        if quality <= 0:
            continue
        for rank, offer in enumerate(offered):
            if matches(media.lower(), offer):
                if best is None or (quality, -rank) > best[:2]:
                    best = (quality, -rank, offer)
                break
    return best[2] if best is not None else None


def _quality(params: list[str]) -> float:
    for param in params:
        if param.startswith("q="):
            try:
                return float(param[2:])
            except ValueError:
                return 0.0
    return 1.0


def _matches(media: str, fmt: Format) -> bool:
    if media in ("*/*", "*"):
        return True
    if EQUIVALENT.get(media) is fmt or MEDIA_TYPES[fmt] == media:
        return True
    major = MEDIA_TYPES[fmt].split("/")[0]
    return media == f"{major}/*"


@dataclass(frozen=True)
class Validators:
    """What makes a representation's conditional headers."""

    etag: str
    modified: datetime | None = None

    def headers(self, fmt: Format | None = None) -> dict[str, str]:
        headers = {"ETag": self.etag, "Vary": "Accept"}
        if self.modified is not None:
            headers["Last-Modified"] = format_datetime(self.modified, usegmt=True)
        if fmt is not None:
            headers["Content-Type"] = _content_type(fmt)
        return headers

    def not_modified(self, request: Request) -> bool:
        """True when the client's copy is current (If-None-Match, else If-Modified-Since)."""
        if_none_match = request.headers.get("if-none-match")
        if if_none_match is not None:
            wanted = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return "*" in wanted or self.etag.removeprefix("W/") in wanted
        since = request.headers.get("if-modified-since")
        if since and self.modified is not None:
            try:
                return self.modified.replace(microsecond=0) <= parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
        return False


def _content_type(fmt: Format) -> str:
    media = MEDIA_TYPES[fmt]
    return f"{media}; charset=utf-8" if fmt is not Format.RDFXML else media
