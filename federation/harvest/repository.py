"""Queries on harvest runs and the quarantine."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlmodel import Session, col

from federation.common.listing import Page
from federation.db.bulk import insert_rows
from federation.harvest.models import HarvestRun, QuarantinedMember, RunStatus


def add_run(session: Session, run: HarvestRun) -> None:
    session.add(run)


def interrupt_running(session: Session, peer_id: int, at: datetime) -> int:
    """Mark the peer's runs still "running" as failed: one harvest per peer at a time, so they
    are runs whose worker stopped (killed, or the machine went down)."""
    result = session.execute(
        update(HarvestRun)
        .where(col(HarvestRun.peer_id) == peer_id, col(HarvestRun.status) == RunStatus.RUNNING)
        .values(status=RunStatus.FAILED, finished_at=at, error="interrupted: the worker stopped")
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def get_run(session: Session, run_id: int) -> HarvestRun | None:
    return session.get(HarvestRun, run_id, populate_existing=True)


def runs_of(session: Session, peer_id: int, page: Page) -> tuple[list[HarvestRun], int]:
    """A peer's runs, the latest first."""
    condition = col(HarvestRun.peer_id) == peer_id
    total = session.execute(
        select(func.count()).select_from(HarvestRun).where(condition)
    ).scalar_one()
    stmt = (
        select(HarvestRun)
        .where(condition)
        .order_by(col(HarvestRun.id).desc())
        .offset(page.offset)
        .limit(page.limit)
    )
    return list(session.execute(stmt).scalars()), int(total)


def quarantine_of(
    session: Session, peer_id: int, page: Page
) -> tuple[list[QuarantinedMember], int]:
    """A peer's quarantined members, the latest first."""
    condition = col(QuarantinedMember.peer_id) == peer_id
    total = session.execute(
        select(func.count()).select_from(QuarantinedMember).where(condition)
    ).scalar_one()
    stmt = (
        select(QuarantinedMember)
        .where(condition)
        .order_by(col(QuarantinedMember.id).desc())
        .offset(page.offset)
        .limit(page.limit)
    )
    return list(session.execute(stmt).scalars()), int(total)


def quarantine(session: Session, rows: list[dict[str, Any]]) -> None:
    insert_rows(session, QuarantinedMember, rows)


def delete_older_than(session: Session, before: datetime) -> int:
    """Remove runs and quarantine rows older than ``before``; how many rows went."""
    runs = session.execute(delete(HarvestRun).where(col(HarvestRun.started_at) < before))
    rows = session.execute(delete(QuarantinedMember).where(col(QuarantinedMember.at) < before))
    return int(runs.rowcount or 0) + int(rows.rowcount or 0)  # type: ignore[attr-defined]


def oldest_kept_run(session: Session, peer_id: int, keep: int) -> int | None:
    """The id of the ``keep``-th latest run of a peer (None if it has no more than that)."""
    stmt = (
        select(col(HarvestRun.id))
        .where(col(HarvestRun.peer_id) == peer_id)
        .order_by(col(HarvestRun.id).desc())
        .offset(keep - 1)
        .limit(1)
    )
    found = session.execute(stmt).scalar_one_or_none()
    return int(found) if found is not None else None


def delete_runs_before(session: Session, peer_id: int, run_id: int) -> int:
    """Remove a peer's runs older than ``run_id``, and the quarantine rows they left."""
    rows = session.execute(
        delete(QuarantinedMember).where(
            col(QuarantinedMember.peer_id) == peer_id, col(QuarantinedMember.run_id) < run_id
        )
    )
    runs = session.execute(
        delete(HarvestRun).where(col(HarvestRun.peer_id) == peer_id, col(HarvestRun.id) < run_id)
    )
    return int(runs.rowcount or 0) + int(rows.rowcount or 0)  # type: ignore[attr-defined]


def peer_ids_with_runs(session: Session) -> list[int]:
    stmt = select(col(HarvestRun.peer_id)).distinct()
    return [int(peer_id) for peer_id in session.execute(stmt).scalars()]
