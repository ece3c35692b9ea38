"""Records at their IRIs, with content negotiation (``/actors/{id}``, ``/actions/{id}``,
``/groups/{id}``; ``/actors/{id}.ttl`` or ``?format=ttl`` for a browser)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from fastapi import APIRouter, Request, Response
from sqlmodel import Session

from federation.actions.service import read_action
from federation.actors.service import read_actor
from federation.api.deps import SessionDep, SettingsDep
from federation.common.records import RecordKind
from federation.errors import NotFound
from federation.groups.service import read_group
from federation.publication.html import render
from federation.publication.negotiation import Format, Validators, negotiate
from federation.publication.representations import jsonld_bytes, rdf_bytes
from federation.publication.service import stored_rdf
from federation.rdf.records import PublicRecord
from federation.settings import Settings

router = APIRouter(tags=["linked data"])
RECORD_FORMATS = [Format.HTML, Format.TURTLE, Format.JSONLD, Format.NTRIPLES, Format.RDFXML]
READERS: dict[RecordKind, Callable[[Session, uuid.UUID, str], PublicRecord]] = {
    RecordKind.ACTOR: read_actor,
    RecordKind.ACTION: read_action,
    RecordKind.GROUP: read_group,
}


def context_url(settings: Settings) -> str:
    return f"{settings.base_url}/vocab/context.jsonld"


def _split(ident: str, kind: RecordKind) -> tuple[uuid.UUID, str | None]:
    """``{uuid}`` or ``{uuid}.{ext}``."""
    stem, dot, extension = ident.partition(".")
    try:
        return uuid.UUID(stem), (extension if dot else None)
    except ValueError:
        raise NotFound(kind.label, ident) from None


def record_response(
    request: Request, session: SessionDep, settings: Settings, kind: RecordKind, ident: str
) -> Response:
    record_id, extension = _split(ident, kind)
    fmt = negotiate(request, RECORD_FORMATS, extension)
    stored = stored_rdf(session, kind, record_id)
    validators = Validators(f'W/"{record_id}-{stored.version}-{fmt.value}"', stored.modified)
    if validators.not_modified(request):
        return Response(status_code=304, headers=validators.headers())
    if fmt is Format.HTML:
        record: PublicRecord = READERS[kind](session, record_id, settings.base_url)
        body = render(record, settings.network_name)
    elif fmt is Format.JSONLD:
        body = jsonld_bytes(stored.ntriples, _iri(settings, kind, record_id), context_url(settings))
    else:
        body = rdf_bytes(stored.ntriples, fmt)
    return Response(body, headers=validators.headers(fmt))


def _iri(settings: Settings, kind: RecordKind, record_id: uuid.UUID) -> str:
    return f"{settings.base_url}/{kind.value}/{record_id}"


@router.get("/actors/{ident}", response_class=Response)
def actor_document(
    ident: str, request: Request, session: SessionDep, settings: SettingsDep
) -> Response:
    """An actor at its IRI: HTML, Turtle, JSON-LD, N-Triples or RDF/XML by negotiation."""
    return record_response(request, session, settings, RecordKind.ACTOR, ident)


@router.get("/actions/{ident}", response_class=Response)
def action_document(
    ident: str, request: Request, session: SessionDep, settings: SettingsDep
) -> Response:
    """An action at its IRI, by content negotiation."""
    return record_response(request, session, settings, RecordKind.ACTION, ident)


@router.get("/groups/{ident}", response_class=Response)
def group_document(
    ident: str, request: Request, session: SessionDep, settings: SettingsDep
) -> Response:
    """A working group at its IRI, by content negotiation."""
    return record_response(request, session, settings, RecordKind.GROUP, ident)
