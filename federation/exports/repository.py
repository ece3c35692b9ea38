"""The exports' queries on the index and the peers: batches in IRI order, never the whole
set at once, and never the N-Triples column."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlmodel import Session, col

from federation.index.models import IndexRecord
from federation.peers.models import Peer
from federation.search.models import SearchDoc

CHUNK = 1_000  # IRIs per IN (...) list

ROW_COLUMNS = (
    col(IndexRecord.iri),
    col(IndexRecord.kind),
    col(IndexRecord.source),
    col(IndexRecord.peer_id),
    col(IndexRecord.version),
    col(IndexRecord.modified),
    col(IndexRecord.fetched_at),
    col(IndexRecord.name),
    col(IndexRecord.description),
    col(IndexRecord.data),
)


def rows_after(
    session: Session, docs: Select[Any], after: str | None, limit: int
) -> Sequence[Sequence[Any]]:
    """The next ``limit`` rows among the search documents ``docs`` (a SELECT of their ids)
    whose IRI sorts after ``after``, in IRI order (keyset pagination: each batch is one short
    indexed query)."""
    chosen = select(col(SearchDoc.iri)).where(col(SearchDoc.id).in_(docs))
    stmt = select(*ROW_COLUMNS).where(col(IndexRecord.iri).in_(chosen))
    if after is not None:
        stmt = stmt.where(col(IndexRecord.iri) > after)
    stmt = stmt.order_by(col(IndexRecord.iri)).limit(limit)
    return list(session.execute(stmt).all())  # rows unpack as tuples


def index_sources(session: Session) -> set[str]:
    """The node ids that have rows in the index."""
    return set(session.execute(select(col(IndexRecord.source)).distinct()).scalars())


def peer_sources(session: Session) -> list[tuple[str, str, str | None, datetime | None]]:
    """(node id, name, region, last successful harvest) of every registered peer."""
    stmt = select(
        col(Peer.node_id), col(Peer.name), col(Peer.region), col(Peer.last_success_at)
    ).order_by(col(Peer.node_id))
    return [(row[0], row[1], row[2], row[3]) for row in session.execute(stmt)]


def actor_rows(session: Session, iris: Sequence[str]) -> list[tuple[str, str, str, str]]:
    """(IRI, name, source, data) of the actor rows among ``iris``."""
    found: list[tuple[str, str, str, str]] = []
    for start in range(0, len(iris), CHUNK):
        stmt = select(
            col(IndexRecord.iri),
            col(IndexRecord.name),
            col(IndexRecord.source),
            col(IndexRecord.data),
        ).where(
            col(IndexRecord.iri).in_(list(iris[start : start + CHUNK])),
            col(IndexRecord.kind) == "actor",
        )
        found.extend((row[0], row[1], row[2], row[3]) for row in session.execute(stmt))
    return found
