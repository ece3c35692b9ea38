"""Bounded bookkeeping: runs and quarantine rows expire by age and by count per peer."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session

from federation.common.fields import utcnow
from federation.harvest import repository
from federation.settings import Settings


def prune(session: Session, settings: Settings, now: datetime | None = None) -> int:
    """Delete runs and quarantine rows older than ``FED_HARVEST_KEEP_DAYS``, and those of
    each peer's runs beyond its last ``FED_HARVEST_KEEP_RUNS``; how many rows went (flushes)."""
    cutoff = (now or utcnow()) - timedelta(days=settings.harvest_keep_days)
    removed = repository.delete_older_than(session, cutoff)
    for peer_id in repository.peer_ids_with_runs(session):
        oldest = repository.oldest_kept_run(session, peer_id, settings.harvest_keep_runs)
        if oldest is not None:
            removed += repository.delete_runs_before(session, peer_id, oldest)
    session.flush()
    return removed
