"""Queries on the feed's events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, exists, func, insert, literal, select, text
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from federation.db.bulk import insert_rows
from federation.feed.models import Activity, FeedEvent, FeedHorizon
from federation.publication.models import RecordRdf

# Any constant will do: it names "the feed" among PostgreSQL's advisory locks.
FEED_LOCK = 0x52524D41  # "RRMA"


def _lock(session: Session) -> None:
    """Serialise appends until commit on PostgreSQL (SQLite already has a single writer)."""
    if session.connection().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": FEED_LOCK})


def append(session: Session, rows: list[dict[str, Any]]) -> None:
    """Add events; their sequence numbers follow the commit order.

    On PostgreSQL two transactions could otherwise take seq 10 and 11 and commit 11 first: a
    reader would move its cursor past 10 before 10 exists. A transaction-level advisory lock
    serialises appends until commit (SQLite already has a single writer).
    """
    if not rows:
        return
    _lock(session)
    insert_rows(session, FeedEvent, rows)


def append_for_unfed_records(session: Session, activity: Activity) -> int:
    """One event per stored record that has none at all, from its stored row, in record IRI
    order; returns how many. One INSERT ... SELECT: nothing is loaded into Python."""
    _lock(session)
    unfed = (
        select(
            col(RecordRdf.id),
            col(RecordRdf.kind),
            literal(activity.value),
            col(RecordRdf.version),
            col(RecordRdf.modified),
            col(RecordRdf.ntriples),
        )
        .where(~exists().where(col(FeedEvent.record_id) == col(RecordRdf.id)))
        .order_by(col(RecordRdf.kind), col(RecordRdf.id))
    )
    names = ["record_id", "kind", "activity", "version", "at", "ntriples"]
    result = session.execute(insert(FeedEvent).from_select(names, unfed))
    return int(result.rowcount)  # type: ignore[attr-defined]


def horizon(session: Session) -> int:
    """The first sequence number compaction left whole (0 until the first compaction)."""
    row = session.get(FeedHorizon, 1)
    return row.seq if row is not None else 0


def last_seq(session: Session) -> int:
    """The feed's last sequence number: compaction may have removed the highest events, but
    never the position they held (the horizon is past them)."""
    highest = session.execute(select(func.coalesce(func.max(col(FeedEvent.seq)), 0))).scalar_one()
    return max(int(highest), horizon(session) - 1)


def events_between(session: Session, low: int, high: int) -> list[FeedEvent]:
    """The events with ``low < seq <= high``, in sequence order."""
    stmt = (
        select(FeedEvent)
        .where(col(FeedEvent.seq) > low, col(FeedEvent.seq) <= high)
        .order_by(col(FeedEvent.seq))
    )
    return list(session.execute(stmt).scalars())


def summary(session: Session, low: int, high: int) -> tuple[int, int]:
    """(how many events, highest seq or 0) with ``low < seq <= high``."""
    count, top = session.execute(
        select(func.count(), func.coalesce(func.max(col(FeedEvent.seq)), 0)).where(
            col(FeedEvent.seq) > low, col(FeedEvent.seq) <= high
        )
    ).one()
    return int(count), int(top)


def remove_compactable(session: Session, cutoff: datetime) -> tuple[int, int]:
    """Delete the events before ``cutoff`` that a later event of the same record supersedes,
    and the deletions before ``cutoff``; returns (how many, highest seq removed or 0).

    The feed lock keeps appends out meanwhile, so what is counted is what is deleted."""
    _lock(session)
    later = aliased(FeedEvent)
    compactable = (col(FeedEvent.at) < cutoff) & (
        (col(FeedEvent.activity) == Activity.DELETE.value)
        | exists().where(
            col(later.record_id) == col(FeedEvent.record_id), col(later.seq) > col(FeedEvent.seq)
        )
    )
    count, highest = session.execute(
        select(func.count(), func.coalesce(func.max(col(FeedEvent.seq)), 0)).where(compactable)
    ).one()
    if count:
        session.execute(delete(FeedEvent).where(compactable))
    return int(count), int(highest)


def raise_horizon(session: Session, seq: int, at: datetime) -> int:
    """Move the horizon up to ``seq`` (never down); returns the horizon now."""
    row = session.get(FeedHorizon, 1)
    if row is None:
        row = FeedHorizon(id=1, seq=seq, compacted_at=at)
        session.add(row)
    else:
        row.seq = max(row.seq, seq)
        row.compacted_at = at
    session.flush()
    return row.seq
