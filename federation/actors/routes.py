"""HTTP routes of the actors API (thin: translate HTTP to service calls)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from federation.actors import service
from federation.actors.repository import ActorFilters
from federation.actors.schemas import ActorCreate, ActorPublic, ActorsPublic, ActorUpdate
from federation.api.deps import EditorDep, PageDep, SessionDep, SettingsDep
from federation.common.listing import Sort

router = APIRouter(prefix="/api/actors", tags=["actors"])


@router.get("", response_model=ActorsPublic)
def list_actors(
    session: SessionDep,
    settings: SettingsDep,
    page: PageDep,
    actor_type: Annotated[str | None, Query(max_length=40)] = None,
    country: Annotated[str | None, Query(max_length=2)] = None,
    sector: Annotated[str | None, Query(max_length=5)] = None,
    sdg: Annotated[str | None, Query(max_length=6)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    sort: Annotated[str, Query(pattern=r"^-?(name|modified|created|actor_type)$")] = "name",
) -> ActorsPublic:
    """List actors, filtered by type, country, sector, SDG and text, sorted and paginated."""
    filters = ActorFilters(
        actor_type=actor_type,
        country=country.upper() if country else None,
        sector=sector,
        sdg=sdg,
        q=q,
    )
    return service.list_actors(session, filters, Sort.parse(sort), page, settings.base_url)


@router.get("/{actor_id}", response_model=ActorPublic)
def read_actor(actor_id: uuid.UUID, session: SessionDep, settings: SettingsDep) -> ActorPublic:
    """Read one actor."""
    return service.read_actor(session, actor_id, settings.base_url)


@router.post("", response_model=ActorPublic, status_code=201)
def create_actor(
    data: ActorCreate, session: SessionDep, settings: SettingsDep, _token: EditorDep
) -> ActorPublic:
    """Create an actor (editor token)."""
    return service.create_actor(session, data, settings.base_url)


@router.patch("/{actor_id}", response_model=ActorPublic)
def update_actor(
    actor_id: uuid.UUID,
    patch: ActorUpdate,
    session: SessionDep,
    settings: SettingsDep,
    _token: EditorDep,
) -> ActorPublic:
    """Change some fields of an actor (editor token)."""
    return service.update_actor(session, actor_id, patch, settings.base_url)


@router.delete("/{actor_id}", status_code=204)
def delete_actor(actor_id: uuid.UUID, session: SessionDep, _token: EditorDep) -> Response:
    """Delete an actor that no action or group refers to (editor token)."""
    service.delete_actor(session, actor_id)
    return Response(status_code=204)
