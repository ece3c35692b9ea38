"""HTTP routes of the working groups API."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from federation.api.deps import EditorDep, PageDep, SessionDep, SettingsDep
from federation.common.listing import Sort
from federation.groups import service
from federation.groups.repository import GroupFilters
from federation.groups.schemas import (
    WorkingGroupCreate,
    WorkingGroupPublic,
    WorkingGroupsPublic,
    WorkingGroupUpdate,
)

router = APIRouter(prefix="/api/groups", tags=["groups"])


@router.get("", response_model=WorkingGroupsPublic)
def list_groups(
    session: SessionDep,
    settings: SettingsDep,
    page: PageDep,
    kind: Annotated[str | None, Query(max_length=20)] = None,
    country: Annotated[str | None, Query(max_length=2)] = None,
    theme: Annotated[str | None, Query(max_length=5)] = None,
    actor: uuid.UUID | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    sort: Annotated[str, Query(pattern=r"^-?(name|modified|created|kind)$")] = "name",
) -> WorkingGroupsPublic:
    """List working groups, filtered by kind, country, theme, member and text."""
    filters = GroupFilters(kind=kind, country=country, theme=theme, actor=actor, q=q)
    return service.list_groups(session, filters, Sort.parse(sort), page, settings.base_url)


@router.get("/{group_id}", response_model=WorkingGroupPublic)
def read_group(
    group_id: uuid.UUID, session: SessionDep, settings: SettingsDep
) -> WorkingGroupPublic:
    """Read one working group with its members."""
    return service.read_group(session, group_id, settings.base_url)


@router.post("", response_model=WorkingGroupPublic, status_code=201)
def create_group(
    data: WorkingGroupCreate, session: SessionDep, settings: SettingsDep, _token: EditorDep
) -> WorkingGroupPublic:
    """Create a working group (editor token)."""
    return service.create_group(session, data, settings.base_url)


@router.patch("/{group_id}", response_model=WorkingGroupPublic)
def update_group(
    group_id: uuid.UUID,
    patch: WorkingGroupUpdate,
    session: SessionDep,
    settings: SettingsDep,
    _token: EditorDep,
) -> WorkingGroupPublic:
    """Change some fields of a working group (editor token)."""
    return service.update_group(session, group_id, patch, settings.base_url)


@router.delete("/{group_id}", status_code=204)
def delete_group(group_id: uuid.UUID, session: SessionDep, _token: EditorDep) -> Response:
    """Delete a working group (editor token)."""
    service.delete_group(session, group_id)
    return Response(status_code=204)
