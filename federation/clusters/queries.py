"""Read-side queries of the same-actor clusters: suggestions (name pairs with the clusters and
keys of their actors), decisions, and the index rows and peers that records are shown from."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from federation.clusters.models import ClusterDecision, ClusterMember, ClusterNamePair, Verdict
from federation.clusters.repository import chunks
from federation.index.models import IndexRecord
from federation.peers.models import Peer

Pending = tuple[str, str, float, str, str, str, str]


def pending_pairs(session: Session, among: Sequence[str] | None = None) -> list[Pending]:
    """(IRI a, IRI b, score, cluster of a, cluster of b, keys of a, keys of b) of the name
    pairs in two clusters that no admin decided on; only those touching ``among`` if given."""
    a, b = aliased(ClusterMember), aliased(ClusterMember)
    pair, decision = ClusterNamePair, ClusterDecision
    decided = exists().where(
        col(decision.iri_a) == col(pair.iri_a), col(decision.iri_b) == col(pair.iri_b)
    )
    stmt = (
        select(
            col(pair.iri_a),
            col(pair.iri_b),
            col(pair.score),
            col(a.cluster),
            col(b.cluster),
            col(a.keys),
            col(b.keys),
        )
        .join(a, col(a.iri) == col(pair.iri_a))
        .join(b, col(b.iri) == col(pair.iri_b))
        .where(col(a.cluster) != col(b.cluster), ~decided)
    )
    connection = session.connection()  # Core rows: no ORM loading for thousands of pairs
    if among is None:
        return [(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in connection.execute(stmt)]
    found: set[Pending] = set()
    for chunk in chunks(among):
        touching = or_(col(pair.iri_a).in_(chunk), col(pair.iri_b).in_(chunk))
        found.update(
            (r[0], r[1], r[2], r[3], r[4], r[5], r[6])
            for r in session.execute(stmt.where(touching))
        )
    return sorted(found)


def shared_clusters(session: Session) -> set[str]:
    """The clusters of more than one actor."""
    stmt = (
        select(col(ClusterMember.cluster))
        .group_by(col(ClusterMember.cluster))
        .having(func.count() > 1)
    )
    return set(session.execute(stmt).scalars())


def cluster_keys(session: Session, clusters: Iterable[str]) -> dict[str, set[str]]:
    """Every match key held in each cluster."""
    found: dict[str, set[str]] = {}
    for chunk in chunks(clusters):
        stmt = select(col(ClusterMember.cluster), col(ClusterMember.keys)).where(
            col(ClusterMember.cluster).in_(chunk)
        )
        for cluster, keys in session.execute(stmt):
            found.setdefault(cluster, set()).update(keys.split())
    return found


def rejected_pairs(session: Session) -> list[tuple[str, str]]:
    stmt = select(col(ClusterDecision.iri_a), col(ClusterDecision.iri_b)).where(
        col(ClusterDecision.verdict) == Verdict.DIFFERENT.value
    )
    return [(row[0], row[1]) for row in session.execute(stmt)]


def decisions_touching(session: Session, iris: Iterable[str]) -> list[ClusterDecision]:
    found: dict[tuple[str, str], ClusterDecision] = {}
    for chunk in chunks(iris):
        stmt = select(ClusterDecision).where(
            or_(col(ClusterDecision.iri_a).in_(chunk), col(ClusterDecision.iri_b).in_(chunk))
        )
        found.update(((d.iri_a, d.iri_b), d) for d in session.execute(stmt).scalars())
    return [found[pair] for pair in sorted(found)]


def decisions(session: Session, offset: int, limit: int) -> tuple[list[ClusterDecision], int]:
    """A page of every decision, the latest first, and how many there are."""
    total = session.execute(select(func.count()).select_from(ClusterDecision)).scalar_one()
    stmt = (
        select(ClusterDecision)
        .order_by(col(ClusterDecision.decided_at).desc(), col(ClusterDecision.iri_a))
        .offset(offset)
        .limit(limit)
    )
    return list(session.execute(stmt).scalars()), int(total)


def decision(session: Session, iri_a: str, iri_b: str) -> ClusterDecision | None:
    return session.get(ClusterDecision, (iri_a, iri_b))


def index_rows(session: Session, iris: Iterable[str]) -> list[Any]:
    """The index rows of actors among ``iris`` (provenance, name, data)."""
    found: list[Any] = []
    for chunk in chunks(iris):
        stmt = select(
            col(IndexRecord.iri),
            col(IndexRecord.source),
            col(IndexRecord.peer_id),
            col(IndexRecord.name),
            col(IndexRecord.data),
            col(IndexRecord.modified),
            col(IndexRecord.fetched_at),
        ).where(col(IndexRecord.iri).in_(chunk), col(IndexRecord.kind) == "actor")
        found.extend(session.execute(stmt))
    return found


def peers_by_node(session: Session, node_ids: Iterable[str]) -> dict[str, Peer]:
    found: dict[str, Peer] = {}
    for chunk in chunks(node_ids):
        stmt = select(Peer).where(col(Peer.node_id).in_(chunk))
        found.update((peer.node_id, peer) for peer in session.execute(stmt).scalars())
    return found
