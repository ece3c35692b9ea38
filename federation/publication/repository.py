"""Queries on the stored RDF of records."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlmodel import Session, col

from federation.db.bulk import insert_rows
from federation.publication.models import RecordRdf


def replace(session: Session, rows: list[dict[str, Any]]) -> None:
    ids = [row["id"] for row in rows]
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        session.execute(delete(RecordRdf).where(col(RecordRdf.id).in_(chunk)))
    insert_rows(session, RecordRdf, rows)


def remove(session: Session, ids: Sequence[uuid.UUID]) -> None:
    session.execute(delete(RecordRdf).where(col(RecordRdf.id).in_(list(ids))))


def versions(session: Session, ids: Sequence[uuid.UUID]) -> list[tuple[uuid.UUID, str, int]]:
    """(id, kind, version) of the stored records among ``ids``."""
    stmt = select(col(RecordRdf.id), col(RecordRdf.kind), col(RecordRdf.version)).where(
        col(RecordRdf.id).in_(list(ids))
    )
    return [(row[0], row[1], row[2]) for row in session.execute(stmt)]


def get(session: Session, record_id: uuid.UUID) -> RecordRdf | None:
    return session.get(RecordRdf, record_id)


def stream_ntriples(
    session: Session, chunk: int = 500, after: tuple[str, uuid.UUID] | None = None
) -> Iterator[list[bytes]]:
    """Every record's N-Triples in record IRI order, ``chunk`` records at a time; with
    ``after`` = (kind, id), only the records that come after that one.

    Each chunk is one complete keyset query (no statement stays open between chunks), inside
    the caller's transaction, so the dump is one snapshot and a client that goes away
    mid-dump leaves no pending statement behind: one such statement once kept SQLite's read
    transaction open on a pooled connection, and later requests on it saw the old data.

    IRIs are ``{base}/{kind}/{uuid}``: ordering by kind (actions < actors < groups) then id is
    ordering by IRI, since both backends order UUIDs as their lower-case hex text."""
    position = after
    while True:
        stmt = select(col(RecordRdf.kind), col(RecordRdf.id), col(RecordRdf.ntriples))
        if position is not None:
            kind, record_id = position
            stmt = stmt.where(
                (col(RecordRdf.kind) > kind)
                | ((col(RecordRdf.kind) == kind) & (col(RecordRdf.id) > record_id))
            )
        stmt = stmt.order_by(col(RecordRdf.kind), col(RecordRdf.id)).limit(chunk)
        rows = session.execute(stmt).all()
        if not rows:
            return
        yield [bytes(row[2]) for row in rows]
        if len(rows) < chunk:
            return
        position = (rows[-1][0], rows[-1][1])


def state(session: Session) -> tuple[int, int, str]:
    """(records, triples, digest of ids and versions): what a harvester compares."""
    digest = hashlib.sha256()
    count = 0
    stmt = (
        select(col(RecordRdf.id), col(RecordRdf.version))
        .order_by(col(RecordRdf.id))
        .execution_options(yield_per=5000)
    )
    for record_id, version in session.execute(stmt):
        digest.update(f"{record_id}:{version}\n".encode())
        count += 1
    triples = session.execute(select(func.coalesce(func.sum(RecordRdf.triples), 0))).scalar_one()
    return count, int(triples), digest.hexdigest()


def summary(session: Session) -> tuple[int, int]:
    """(records, sum of their versions), in one aggregate."""
    stmt = select(func.count(), func.coalesce(func.sum(RecordRdf.version), 0))
    count, versions = session.execute(stmt).one()
    return int(count), int(versions)


def counts_by_kind(session: Session) -> dict[str, tuple[int, int]]:
    stmt = select(
        col(RecordRdf.kind), func.count(), func.coalesce(func.sum(RecordRdf.triples), 0)
    ).group_by(col(RecordRdf.kind))
    return {kind: (int(n), int(t)) for kind, n, t in session.execute(stmt)}
