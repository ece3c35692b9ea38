"""Queries on the index: rows in bulk (one statement per batch, never an ORM object per row)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlmodel import Session, col

from federation.db.bulk import insert_rows
from federation.index.models import IndexRecord, IndexState
from federation.publication.models import RecordRdf

CHUNK = 1_000  # IRIs per IN (...) list


def _chunks(iris: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(iris), CHUNK):
        yield list(iris[start : start + CHUNK])


def existing(session: Session, iris: Sequence[str]) -> dict[str, tuple[int, str, int | None]]:
    """(version, source, peer id) of the rows among ``iris``."""
    found: dict[str, tuple[int, str, int | None]] = {}
    for chunk in _chunks(iris):
        stmt = select(
            col(IndexRecord.iri),
            col(IndexRecord.version),
            col(IndexRecord.source),
            col(IndexRecord.peer_id),
        ).where(col(IndexRecord.iri).in_(chunk))
        for iri, version, source, peer_id in session.execute(stmt):
            found[iri] = (version, source, peer_id)
    return found


def insert(session: Session, rows: list[dict[str, Any]]) -> None:
    insert_rows(session, IndexRecord, rows)


def remove(session: Session, iris: Sequence[str]) -> None:
    for chunk in _chunks(iris):
        session.execute(delete(IndexRecord).where(col(IndexRecord.iri).in_(chunk)))


def mark_seen(session: Session, iris: Sequence[str], run_id: int) -> None:
    for chunk in _chunks(iris):
        session.execute(
            update(IndexRecord).where(col(IndexRecord.iri).in_(chunk)).values(seen_run=run_id)
        )


def _unseen(peer_id: int, run_id: int) -> Any:
    return (col(IndexRecord.peer_id) == peer_id) & or_(
        col(IndexRecord.seen_run).is_(None), col(IndexRecord.seen_run) != run_id
    )


def count_unseen(session: Session, peer_id: int, run_id: int) -> int:
    stmt = select(func.count()).select_from(IndexRecord).where(_unseen(peer_id, run_id))
    return int(session.execute(stmt).scalar_one())


def unseen_iris(session: Session, peer_id: int, run_id: int) -> list[str]:
    stmt = select(col(IndexRecord.iri)).where(_unseen(peer_id, run_id))
    return list(session.execute(stmt).scalars())


def count_for_peer(session: Session, peer_id: int) -> int:
    stmt = select(func.count()).select_from(IndexRecord).where(col(IndexRecord.peer_id) == peer_id)
    return int(session.execute(stmt).scalar_one())


def own_iris(session: Session, source: str) -> list[str]:
    """The IRIs of the node's own rows (no peer)."""
    stmt = select(col(IndexRecord.iri)).where(
        col(IndexRecord.source) == source, col(IndexRecord.peer_id).is_(None)
    )
    return list(session.execute(stmt).scalars())


def published_records(session: Session) -> list[tuple[uuid.UUID, str]]:
    """(id, kind) of every record the node publishes."""
    stmt = select(col(RecordRdf.id), col(RecordRdf.kind))
    return [(row[0], row[1]) for row in session.execute(stmt)]


def own_cursor(session: Session) -> int:
    state = session.get(IndexState, 1)
    return state.own_cursor if state is not None else 0


def set_own_cursor(session: Session, cursor: int) -> None:
    state = session.get(IndexState, 1)
    if state is None:
        session.add(IndexState(id=1, own_cursor=cursor))
    else:
        state.own_cursor = cursor
    session.flush()
