"""Compaction: the feed keeps every recent event, and the latest version of every live record
whatever its age (docs/federation-protocol.md, "Compaction and retention")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from federation.common.fields import utcnow
from federation.feed import repository
from federation.settings import Settings


@dataclass(frozen=True)
class CompactionReport:
    removed: int  # events
    horizon: int  # a harvester whose cursor is below it must bootstrap again
    cutoff: datetime  # events from before it were considered

    def __str__(self) -> str:
        return (
            f"removed {self.removed} events older than {self.cutoff:%Y-%m-%d %H:%M} UTC; "
            f"horizon {self.horizon}"
        )


def compact(session: Session, settings: Settings, now: datetime | None = None) -> CompactionReport:
    """Remove the events older than the retention that a later event of the same record
    supersedes, and the deletions older than the retention; then raise the horizon past the
    highest sequence number removed. Flushes only: the caller commits."""
    when = now or utcnow()
    cutoff = when - timedelta(days=settings.feed_retention_days)
    removed, highest = repository.remove_compactable(session, cutoff)
    if removed:
        horizon = repository.raise_horizon(session, highest + 1, when)
    else:
        horizon = repository.horizon(session)
    session.flush()
    return CompactionReport(removed=removed, horizon=horizon, cutoff=cutoff)
