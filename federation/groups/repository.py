"""Every query on working groups and their memberships."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, delete, select, update
from sqlmodel import Session, col

from federation.common.code_filters import text_contains
from federation.common.listing import Page, Sort, page_of
from federation.db.bulk import insert_rows
from federation.groups.models import GroupMembership, WorkingGroup

SORTABLE = {"name", "modified", "created", "kind"}


@dataclass
class GroupFilters:
    kind: str | None = None
    country: str | None = None
    theme: str | None = None
    actor: uuid.UUID | None = None
    q: str | None = None


@dataclass
class GroupRow:
    group: WorkingGroup
    members: list[GroupMembership] = field(default_factory=list)


def get(session: Session, group_id: uuid.UUID) -> GroupRow | None:
    group = session.get(WorkingGroup, group_id)
    if group is None:
        return None
    return _assemble(session, [group])[0]


def external_id_owner(session: Session, external_id: str) -> uuid.UUID | None:
    stmt = select(col(WorkingGroup.id)).where(col(WorkingGroup.external_id) == external_id)
    return session.execute(stmt).scalar_one_or_none()


def ids_by_external_id(session: Session) -> dict[str, uuid.UUID]:
    stmt = select(col(WorkingGroup.external_id), col(WorkingGroup.id)).where(
        col(WorkingGroup.external_id).is_not(None)
    )
    return {str(key): value for key, value in session.execute(stmt).all()}


def rows_by_ids(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, GroupRow]:
    if not ids:
        return {}
    groups = list(
        session.execute(select(WorkingGroup).where(col(WorkingGroup.id).in_(ids))).scalars()
    )
    return {row.group.id: row for row in _assemble(session, groups)}


def insert_many(
    session: Session, groups: list[dict[str, Any]], members: list[dict[str, Any]]
) -> None:
    if groups:
        insert_rows(session, WorkingGroup, groups)
    if members:
        insert_rows(session, GroupMembership, members)


def update_one(session: Session, group_id: uuid.UUID, values: dict[str, Any]) -> None:
    session.execute(update(WorkingGroup).where(col(WorkingGroup.id) == group_id).values(**values))


def replace_members(session: Session, group_id: uuid.UUID, members: list[dict[str, Any]]) -> None:
    session.execute(delete(GroupMembership).where(col(GroupMembership.group_id) == group_id))
    if members:
        insert_rows(session, GroupMembership, members)


def delete_one(session: Session, group_id: uuid.UUID) -> None:
    session.execute(delete(WorkingGroup).where(col(WorkingGroup.id) == group_id))


def list_page(
    session: Session, filters: GroupFilters, sort: Sort, page: Page
) -> tuple[list[GroupRow], int]:
    rows, total = page_of(
        session,
        WorkingGroup,
        _conditions(filters),
        sort,
        sortable=SORTABLE,
        default="name",
        page=page,
    )
    return _assemble(session, rows), total


def _assemble(session: Session, groups: list[WorkingGroup]) -> list[GroupRow]:
    rows = {group.id: GroupRow(group) for group in groups}
    if not rows:
        return []
    stmt = (
        select(GroupMembership)
        .where(col(GroupMembership.group_id).in_(list(rows)))
        .order_by(col(GroupMembership.position))
    )
    for member in session.execute(stmt).scalars():
        rows[member.group_id].members.append(member)
    return [rows[group.id] for group in groups]


def _conditions(filters: GroupFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.kind:
        conditions.append(col(WorkingGroup.kind) == filters.kind)
    if filters.country:
        conditions.append(col(WorkingGroup.country) == filters.country.upper())
    if filters.theme:
        conditions.append(col(WorkingGroup.theme).like(f"{filters.theme}%"))
    if filters.actor:
        members = select(col(GroupMembership.group_id)).where(
            col(GroupMembership.actor_id) == filters.actor
        )
        conditions.append(col(WorkingGroup.id).in_(members))
    if filters.q:
        conditions.append(text_contains([WorkingGroup.name, WorkingGroup.description], filters.q))
    return conditions
