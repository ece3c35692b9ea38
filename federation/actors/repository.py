"""Every query on actors. Writes go through SQLAlchemy Core so that one row and ten thousand
rows (spreadsheet import) take the same path."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, delete, or_, select, update
from sqlmodel import Session, col

from federation.actors.models import Actor, ActorCode
from federation.common.code_filters import having_code, text_contains
from federation.common.listing import Page, Sort, page_of
from federation.db.bulk import insert_rows

IDENTIFIER_COLUMNS = ("external_id", "siren", "siret", "rna", "uai", "finess")
SORTABLE = {"name", "modified", "created", "actor_type"}


@dataclass
class ActorFilters:
    actor_type: str | None = None
    country: str | None = None
    sector: str | None = None
    sdg: str | None = None
    q: str | None = None


@dataclass
class ActorRow:
    """An actor's columns and its codes by scheme, as read together."""

    actor: Actor
    codes: dict[str, list[str]] = field(default_factory=dict)


def get(session: Session, actor_id: uuid.UUID) -> ActorRow | None:
    actor = session.get(Actor, actor_id)
    if actor is None:
        return None
    return ActorRow(actor, codes_of(session, [actor_id]).get(actor_id, {}))


def existing_ids(session: Session, ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    wanted = set(ids)
    if not wanted:
        return set()
    rows = session.execute(select(col(Actor.id)).where(col(Actor.id).in_(wanted)))
    return {row[0] for row in rows}


def codes_of(
    session: Session, actor_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, dict[str, list[str]]]:
    out: dict[uuid.UUID, dict[str, list[str]]] = defaultdict(dict)
    if not actor_ids:
        return out
    stmt = (
        select(col(ActorCode.actor_id), col(ActorCode.scheme), col(ActorCode.code))
        .where(col(ActorCode.actor_id).in_(actor_ids))
        .order_by(col(ActorCode.actor_id), col(ActorCode.scheme), col(ActorCode.position))
    )
    for actor_id, scheme, code in session.execute(stmt):
        out[actor_id].setdefault(scheme, []).append(code)
    return out


def identifier_conflicts(
    session: Session, values: dict[str, Any], exclude: uuid.UUID | None = None
) -> list[tuple[str, str, uuid.UUID]]:
    """(column, value, other actor's id) for each identifier another actor already holds."""
    conditions: list[ColumnElement[bool]] = [
        getattr(Actor, column) == values[column]
        for column in IDENTIFIER_COLUMNS
        if values.get(column)
    ]
    if not conditions:
        return []
    stmt = select(Actor).where(or_(*conditions))
    if exclude is not None:
        stmt = stmt.where(col(Actor.id) != exclude)
    clashes = []
    for other in session.execute(stmt).scalars():
        for column in IDENTIFIER_COLUMNS:
            value = values.get(column)
            if value and getattr(other, column) == value:
                clashes.append((column, value, other.id))
    return clashes


def identifier_index(session: Session) -> dict[tuple[str, str], uuid.UUID]:
    """Every identifier of every actor, for matching a spreadsheet in one pass."""
    columns = [getattr(Actor, name) for name in IDENTIFIER_COLUMNS]
    index: dict[tuple[str, str], uuid.UUID] = {}
    for row in session.execute(select(col(Actor.id), *columns)):
        for name, value in zip(IDENTIFIER_COLUMNS, row[1:], strict=True):
            if value:
                index[(name, value)] = row[0]
    return index


def insert_many(session: Session, rows: list[dict[str, Any]], codes: list[dict[str, Any]]) -> None:
    if rows:
        insert_rows(session, Actor, rows)
    if codes:
        insert_rows(session, ActorCode, codes)


def update_one(session: Session, actor_id: uuid.UUID, values: dict[str, Any]) -> None:
    session.execute(update(Actor).where(col(Actor.id) == actor_id).values(**values))


def replace_codes(
    session: Session, actor_ids: Sequence[uuid.UUID], codes: list[dict[str, Any]]
) -> None:
    session.execute(delete(ActorCode).where(col(ActorCode.actor_id).in_(actor_ids)))
    if codes:
        insert_rows(session, ActorCode, codes)


def delete_one(session: Session, actor_id: uuid.UUID) -> None:
    session.execute(delete(Actor).where(col(Actor.id) == actor_id))


def list_page(
    session: Session, filters: ActorFilters, sort: Sort, page: Page
) -> tuple[list[ActorRow], int]:
    rows, total = page_of(
        session, Actor, _conditions(filters), sort, sortable=SORTABLE, default="name", page=page
    )
    codes = codes_of(session, [actor.id for actor in rows])
    return [ActorRow(actor, codes.get(actor.id, {})) for actor in rows], total


def _conditions(filters: ActorFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.actor_type:
        conditions.append(col(Actor.actor_type) == filters.actor_type)
    for scheme, value in (
        ("country", filters.country),
        ("sector", filters.sector),
        ("sdg", filters.sdg),
    ):
        if value:
            conditions.append(
                col(Actor.id).in_(
                    having_code(ActorCode.actor_id, ActorCode.scheme, ActorCode.code, scheme, value)
                )
            )
    if filters.q:
        conditions.append(
            text_contains([Actor.name, Actor.acronym, Actor.city, Actor.description], filters.q)
        )
    return conditions


def rows_by_ids(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, ActorRow]:
    if not ids:
        return {}
    actors = list(session.execute(select(Actor).where(col(Actor.id).in_(ids))).scalars())
    codes = codes_of(session, [actor.id for actor in actors])
    return {actor.id: ActorRow(actor, codes.get(actor.id, {})) for actor in actors}
