"""Queries on the feed's events."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, text
from sqlmodel import Session, col

from federation.db.bulk import insert_rows
from federation.feed.models import FeedEvent

# Any constant will do: it names "the feed" among PostgreSQL's advisory locks.
FEED_LOCK = 0x52524D41  # "RRMA"


def append(session: Session, rows: list[dict[str, Any]]) -> None:
    """Add events; their sequence numbers follow the commit order.

    On PostgreSQL two transactions could otherwise take seq 10 and 11 and commit 11 first: a
    reader would move its cursor past 10 before 10 exists. A transaction-level advisory lock
    serialises appends until commit (SQLite already has a single writer).
    """
    if not rows:
        return
    if session.connection().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": FEED_LOCK})
    insert_rows(session, FeedEvent, rows)


def last_seq(session: Session) -> int:
    return int(session.execute(select(func.coalesce(func.max(col(FeedEvent.seq)), 0))).scalar_one())
