"""Stored reports: the canonical JSON of each computed report, compressed, under the digest of
its content, so that ``GET /reports/{id}`` gives the same numbers after any later harvest.

The same content gives the same id: asking twice for a report while the index did not change
stores it once (``requested_at`` moves). Kept bounded: a report not asked for in ``KEEP_DAYS``
days is dropped, and at most ``KEEP_REPORTS`` are kept (the least recently asked for go first).
A national report of 100,000 actions is 1.1 MB of JSON, 120 KB compressed: at most ~120 MB."""

from __future__ import annotations

import hashlib
import json
import zlib
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from federation.reports.models import ReportSnapshot

KEEP_DAYS = 400  # a year's report can still be produced again at next year's
KEEP_REPORTS = 1_000
ID_LENGTH = 24  # hex digits of SHA-256: 96 bits


def canonical(content: dict[str, Any]) -> bytes:
    """One byte string per content: sorted keys, no spaces, UTF-8."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()[:ID_LENGTH]


def save(session: Session, body: bytes, now: datetime) -> tuple[str, datetime]:
    """Store ``body`` (canonical JSON) unless already there; returns its id and when it was
    first made. Two requests storing the same report at once both succeed."""
    report_id = digest(body)
    table = ReportSnapshot.__table__  # type: ignore[attr-defined]
    dialect = session.connection().dialect.name
    base = postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
    inserted = session.execute(
        base.values(
            id=report_id,
            created_at=now,
            requested_at=now,
            size=len(body),
            body=zlib.compress(body, 6),
        )
        .on_conflict_do_nothing(index_elements=["id"])
        .returning(table.c.id)
    ).first()
    if inserted is not None:
        prune(session, now)
        return report_id, now
    return report_id, touch(session, report_id, now) or now


def touch(session: Session, report_id: str, now: datetime) -> datetime | None:
    """Mark the report as asked for now; returns when it was made (None if unknown)."""
    session.execute(
        update(ReportSnapshot).where(col(ReportSnapshot.id) == report_id).values(requested_at=now)
    )
    return session.execute(
        select(col(ReportSnapshot.created_at)).where(col(ReportSnapshot.id) == report_id)
    ).scalar()


def load(session: Session, report_id: str) -> tuple[bytes, datetime] | None:
    """The stored content (canonical JSON) and its creation time, or None."""
    row = session.execute(
        select(col(ReportSnapshot.body), col(ReportSnapshot.created_at)).where(
            col(ReportSnapshot.id) == report_id
        )
    ).first()
    if row is None:
        return None
    return zlib.decompress(row[0]), row[1]


def prune(
    session: Session, now: datetime, keep_days: int = KEEP_DAYS, keep: int = KEEP_REPORTS
) -> None:
    """Drop reports not asked for in ``keep_days`` days, then all but the ``keep`` most
    recently asked for."""
    session.execute(
        delete(ReportSnapshot).where(
            col(ReportSnapshot.requested_at) < now - timedelta(days=keep_days)
        )
    )
    kept = (
        select(col(ReportSnapshot.id))
        .order_by(col(ReportSnapshot.requested_at).desc(), col(ReportSnapshot.id))
        .limit(keep)
    )
    session.execute(delete(ReportSnapshot).where(col(ReportSnapshot.id).not_in(kept)))
