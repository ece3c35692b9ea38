"""Queries of the same-actor clusters: in bulk, one statement per batch of IRIs or keys."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, delete, func, select, text, update
from sqlmodel import Session, col

from federation.clusters.keys import Prepared
from federation.clusters.models import (
    ClusterBlock,
    ClusterDecision,
    ClusterKey,
    ClusterMember,
    ClusterNamePair,
    Verdict,
)
from federation.db.bulk import insert_rows

CHUNK = 1_000  # values per IN (...) list
# Any constant will do: it names "the clusters" among PostgreSQL's advisory locks.
CLUSTERS_LOCK = 0x52524D43  # "RRMC"


def lock(session: Session) -> None:
    """Serialise cluster upkeep until commit on PostgreSQL (SQLite has a single writer).

    Two harvests committing at once could each add a record holding SIREN x without seeing the
    other's (uncommitted) key row: both would stay alone, though they share x. Holding the lock
    until commit makes the second see the first."""
    if session.connection().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CLUSTERS_LOCK})


def chunks(values: Iterable[str]) -> Iterable[list[str]]:
    batch = list(dict.fromkeys(values))
    for start in range(0, len(batch), CHUNK):
        yield batch[start : start + CHUNK]


# --- the derived tables -------------------------------------------------------------------------


def clusters_of(session: Session, iris: Iterable[str]) -> dict[str, str]:
    """The cluster of each actor among ``iris`` (others are no actors of the index)."""
    found: dict[str, str] = {}
    for chunk in chunks(iris):
        stmt = select(col(ClusterMember.iri), col(ClusterMember.cluster)).where(
            col(ClusterMember.iri).in_(chunk)
        )
        found.update((row[0], row[1]) for row in session.execute(stmt))
    return found


def previous(session: Session, iris: Iterable[str]) -> dict[str, tuple[str, str, str]]:
    """(cluster, folded name, keys) of each actor among ``iris`` (others are no actors)."""
    found: dict[str, tuple[str, str, str]] = {}
    for chunk in chunks(iris):
        stmt = select(
            col(ClusterMember.iri),
            col(ClusterMember.cluster),
            col(ClusterMember.match_name),
            col(ClusterMember.keys),
        ).where(col(ClusterMember.iri).in_(chunk))
        found.update((row[0], (row[1], row[2], row[3])) for row in session.execute(stmt))
    return found


def members_of(session: Session, clusters: Iterable[str]) -> dict[str, list[str]]:
    """The actors of each cluster, sorted."""
    found: dict[str, list[str]] = {}
    for chunk in chunks(clusters):
        stmt = (
            select(col(ClusterMember.cluster), col(ClusterMember.iri))
            .where(col(ClusterMember.cluster).in_(chunk))
            .order_by(col(ClusterMember.iri))
        )
        for cluster, iri in session.execute(stmt):
            found.setdefault(cluster, []).append(iri)
    return found


def keys_of(session: Session, iris: Iterable[str]) -> dict[str, list[str]]:
    """The match keys of each actor among ``iris``."""
    found: dict[str, list[str]] = {}
    for chunk in chunks(iris):
        stmt = select(col(ClusterMember.iri), col(ClusterMember.keys)).where(
            col(ClusterMember.iri).in_(chunk)
        )
        found.update((iri, keys.split()) for iri, keys in session.execute(stmt))
    return found


def states(session: Session, iris: Iterable[str]) -> dict[str, tuple[str, str]]:
    """(cluster, match keys space-separated) of each actor among ``iris``."""
    found: dict[str, tuple[str, str]] = {}
    for chunk in chunks(iris):
        stmt = select(
            col(ClusterMember.iri), col(ClusterMember.cluster), col(ClusterMember.keys)
        ).where(col(ClusterMember.iri).in_(chunk))
        found.update((row[0], (row[1], row[2])) for row in session.execute(stmt))
    return found


def holders(session: Session, keys: Iterable[str]) -> list[tuple[str, str, str, str]]:
    """(key, IRI, cluster, match keys) of the actors holding each of ``keys``."""
    found: list[tuple[str, str, str, str]] = []
    for chunk in chunks(keys):
        stmt = (
            select(
                col(ClusterKey.key),
                col(ClusterKey.iri),
                col(ClusterMember.cluster),
                col(ClusterMember.keys),
            )
            .join(ClusterMember, col(ClusterMember.iri) == col(ClusterKey.iri))
            .where(col(ClusterKey.key).in_(chunk))
        )
        found.extend((row[0], row[1], row[2], row[3]) for row in session.execute(stmt))
    return found


def confirmed_pairs(session: Session) -> list[tuple[str, str]]:
    """Every pair an admin confirmed as the same actor (a human-sized list: one query)."""
    stmt = select(col(ClusterDecision.iri_a), col(ClusterDecision.iri_b)).where(
        col(ClusterDecision.verdict) == Verdict.SAME.value
    )
    return [(row[0], row[1]) for row in session.execute(stmt)]


def remove_members(session: Session, iris: Iterable[str]) -> None:
    for chunk in chunks(iris):
        session.execute(delete(ClusterMember).where(col(ClusterMember.iri).in_(chunk)))


def remove_keys(session: Session, iris: Iterable[str]) -> None:
    for chunk in chunks(iris):
        session.execute(delete(ClusterKey).where(col(ClusterKey.iri).in_(chunk)))


def remove_names(session: Session, iris: Iterable[str]) -> None:
    """Forget the blocking keys and name pairs of actors."""
    for chunk in chunks(iris):
        session.execute(delete(ClusterBlock).where(col(ClusterBlock.iri).in_(chunk)))
        session.execute(delete(ClusterNamePair).where(col(ClusterNamePair.iri_a).in_(chunk)))
        session.execute(delete(ClusterNamePair).where(col(ClusterNamePair.iri_b).in_(chunk)))


def insert_members(session: Session, actors: Sequence[Prepared], clusters: dict[str, str]) -> None:
    """Actors in ``clusters`` (IRI -> cluster; alone in their own when absent)."""
    insert_rows(
        session,
        ClusterMember,
        [
            {
                "iri": a.iri,
                "cluster": clusters.get(a.iri, a.iri),
                "match_name": a.match_name,
                "keys": " ".join(a.keys),
            }
            for a in actors
        ],
    )


def insert_keys(session: Session, actors: Sequence[Prepared]) -> None:
    insert_rows(session, ClusterKey, [{"key": k, "iri": a.iri} for a in actors for k in a.keys])


def insert_blocks(session: Session, actors: Sequence[Prepared]) -> None:
    insert_rows(
        session,
        ClusterBlock,
        [{"block": b, "iri": a.iri, "match_name": a.match_name} for a in actors for b in a.blocks],
    )


def set_clusters(session: Session, changes: dict[str, str]) -> None:
    """Move actors to other clusters (IRI -> cluster), one executemany."""
    if not changes:
        return
    table: Any = ClusterMember.__table__  # type: ignore[attr-defined]
    stmt = (
        update(table)
        .where(table.c.iri == bindparam("member"))
        .values(cluster=bindparam("new_cluster"))
    )
    session.connection().execute(
        stmt, [{"member": iri, "new_cluster": cluster} for iri, cluster in changes.items()]
    )


def block_sizes(session: Session, blocks: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in chunks(blocks):
        stmt = (
            select(col(ClusterBlock.block), func.count())
            .where(col(ClusterBlock.block).in_(chunk))
            .group_by(col(ClusterBlock.block))
        )
        found.update((row[0], int(row[1])) for row in session.execute(stmt))
    return found


def block_members(session: Session, blocks: Iterable[str]) -> list[tuple[str, str, str]]:
    """(block, IRI, match name) of the actors in ``blocks``."""
    found: list[tuple[str, str, str]] = []
    for chunk in chunks(blocks):
        stmt = select(
            col(ClusterBlock.block), col(ClusterBlock.iri), col(ClusterBlock.match_name)
        ).where(col(ClusterBlock.block).in_(chunk))
        found.extend((row[0], row[1], row[2]) for row in session.execute(stmt))
    return found


def insert_pairs(session: Session, pairs: dict[tuple[str, str], float]) -> None:
    insert_rows(
        session,
        ClusterNamePair,
        [{"iri_a": a, "iri_b": b, "score": score} for (a, b), score in sorted(pairs.items())],
    )
