"""Every query on actions, their codes, participants and fundings (writes through Core)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, delete, select, update
from sqlmodel import Session, col

from federation.actions.models import Action, ActionCode, Funding, Participation
from federation.common.code_filters import having_code, text_contains
from federation.common.listing import Page, Sort, page_of
from federation.db.bulk import insert_rows

SORTABLE = {"title", "modified", "created", "planned_start", "status"}


@dataclass
class ActionFilters:
    status: str | None = None
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    sdg: str | None = None
    actor: uuid.UUID | None = None
    q: str | None = None


@dataclass
class ActionRow:
    """An action with everything that hangs from it."""

    action: Action
    codes: dict[str, list[tuple[str, float | None]]] = field(default_factory=dict)
    participations: list[Participation] = field(default_factory=list)
    fundings: list[Funding] = field(default_factory=list)


def get(session: Session, action_id: uuid.UUID) -> ActionRow | None:
    action = session.get(Action, action_id)
    if action is None:
        return None
    return _assemble(session, [action])[0]


def ids_by_external_id(session: Session) -> dict[str, uuid.UUID]:
    stmt = select(col(Action.external_id), col(Action.id)).where(
        col(Action.external_id).is_not(None)
    )
    return {str(key): value for key, value in session.execute(stmt).all()}


def external_id_owner(session: Session, external_id: str) -> uuid.UUID | None:
    stmt = select(col(Action.id)).where(col(Action.external_id) == external_id)
    return session.execute(stmt).scalar_one_or_none()


def rows_by_ids(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, ActionRow]:
    if not ids:
        return {}
    actions = list(session.execute(select(Action).where(col(Action.id).in_(ids))).scalars())
    return {row.action.id: row for row in _assemble(session, actions)}


def insert_many(
    session: Session,
    actions: list[dict[str, Any]],
    codes: list[dict[str, Any]],
    participations: list[dict[str, Any]],
    fundings: list[dict[str, Any]],
) -> None:
    for model, rows in (
        (Action, actions),
        (ActionCode, codes),
        (Participation, participations),
        (Funding, fundings),
    ):
        if rows:
            insert_rows(session, model, rows)


def update_one(session: Session, action_id: uuid.UUID, values: dict[str, Any]) -> None:
    session.execute(update(Action).where(col(Action.id) == action_id).values(**values))


def delete_children(session: Session, action_ids: Sequence[uuid.UUID]) -> None:
    """Remove codes, participants and fundings, to be written again from the new state."""
    for model, column in (
        (ActionCode, ActionCode.action_id),
        (Participation, Participation.action_id),
        (Funding, Funding.action_id),
    ):
        session.execute(delete(model).where(col(column).in_(action_ids)))


def delete_one(session: Session, action_id: uuid.UUID) -> None:
    session.execute(delete(Action).where(col(Action.id) == action_id))


def list_page(
    session: Session, filters: ActionFilters, sort: Sort, page: Page
) -> tuple[list[ActionRow], int]:
    rows, total = page_of(
        session, Action, _conditions(filters), sort, sortable=SORTABLE, default="title", page=page
    )
    return _assemble(session, rows), total


def _assemble(session: Session, actions: list[Action]) -> list[ActionRow]:
    ids = [action.id for action in actions]
    rows = {action.id: ActionRow(action) for action in actions}
    if not ids:
        return []
    codes = select(ActionCode).where(col(ActionCode.action_id).in_(ids))
    for code in session.execute(codes.order_by(col(ActionCode.position))).scalars():
        rows[code.action_id].codes.setdefault(code.scheme, []).append((code.code, code.percentage))
    participations = select(Participation).where(col(Participation.action_id).in_(ids))
    for participation in session.execute(
        participations.order_by(col(Participation.position))
    ).scalars():
        rows[participation.action_id].participations.append(participation)
    fundings = select(Funding).where(col(Funding.action_id).in_(ids))
    for funding in session.execute(fundings.order_by(col(Funding.position))).scalars():
        rows[funding.action_id].fundings.append(funding)
    return [rows[action_id] for action_id in ids]


def _conditions(filters: ActionFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.status:
        conditions.append(col(Action.status) == filters.status)
    if filters.kind:
        conditions.append(col(Action.kind) == filters.kind)
    for scheme, value in (
        ("country", filters.country),
        ("sector", filters.sector),
        ("sdg", filters.sdg),
    ):
        if value:
            conditions.append(
                col(Action.id).in_(
                    having_code(
                        ActionCode.action_id, ActionCode.scheme, ActionCode.code, scheme, value
                    )
                )
            )
    if filters.actor:
        by_actor = select(col(Participation.action_id)).where(
            col(Participation.actor_id) == filters.actor
        )
        conditions.append(col(Action.id).in_(by_actor))
    if filters.q:
        conditions.append(text_contains([Action.title, Action.description], filters.q))
    return conditions
