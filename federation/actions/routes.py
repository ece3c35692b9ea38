"""HTTP routes of the actions API."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from federation.actions import service
from federation.actions.repository import ActionFilters
from federation.actions.schemas import ActionCreate, ActionPublic, ActionsPublic, ActionUpdate
from federation.api.deps import EditorDep, PageDep, SessionDep, SettingsDep
from federation.common.listing import Sort

router = APIRouter(prefix="/api/actions", tags=["actions"])


@router.get("", response_model=ActionsPublic)
def list_actions(
    session: SessionDep,
    settings: SettingsDep,
    page: PageDep,
    status: Annotated[str | None, Query(max_length=5)] = None,
    kind: Annotated[str | None, Query(max_length=40)] = None,
    country: Annotated[str | None, Query(max_length=2)] = None,
    sector: Annotated[str | None, Query(max_length=5)] = None,
    sdg: Annotated[str | None, Query(max_length=6)] = None,
    actor: uuid.UUID | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    sort: Annotated[
        str, Query(pattern=r"^-?(title|modified|created|planned_start|status)$")
    ] = "title",
) -> ActionsPublic:
    """List actions, filtered by status, kind, country, sector, SDG, actor and text."""
    filters = ActionFilters(
        status=status,
        kind=kind,
        country=country.upper() if country else None,
        sector=sector,
        sdg=sdg,
        actor=actor,
        q=q,
    )
    return service.list_actions(session, filters, Sort.parse(sort), page, settings.base_url)


@router.get("/{action_id}", response_model=ActionPublic)
def read_action(action_id: uuid.UUID, session: SessionDep, settings: SettingsDep) -> ActionPublic:
    """Read one action with its participants and fundings."""
    return service.read_action(session, action_id, settings.base_url)


@router.post("", response_model=ActionPublic, status_code=201)
def create_action(
    data: ActionCreate, session: SessionDep, settings: SettingsDep, _token: EditorDep
) -> ActionPublic:
    """Create an action (editor token)."""
    return service.create_action(session, data, settings.base_url)


@router.patch("/{action_id}", response_model=ActionPublic)
def update_action(
    action_id: uuid.UUID,
    patch: ActionUpdate,
    session: SessionDep,
    settings: SettingsDep,
    _token: EditorDep,
) -> ActionPublic:
    """Change some fields of an action; a list sent replaces the list (editor token)."""
    return service.update_action(session, action_id, patch, settings.base_url)


@router.delete("/{action_id}", status_code=204)
def delete_action(action_id: uuid.UUID, session: SessionDep, _token: EditorDep) -> Response:
    """Delete an action (editor token)."""
    service.delete_action(session, action_id)
    return Response(status_code=204)
