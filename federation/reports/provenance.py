"""What a report states about its inputs: the as-of time of each source network's data and the
versions of the code lists its labels and categories come from."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from federation.peers.models import Peer
from federation.reports.models import ReportRecord, ReportTotal
from federation.reports.totals import ACTIONS, ACTORS
from federation.settings import Settings
from schemas.concepts import CONCEPTS_DIR

_VERSION = re.compile(rb'owl:versionInfo\s+"([^"]*)"')


@functools.cache
def code_lists() -> tuple[dict[str, str | None], ...]:
    """Each scheme file's ``owl:versionInfo`` and a digest of its bytes (the version says which
    edition, the digest proves the very file: a hand-edited list keeps its version)."""
    out = []
    for path in sorted(CONCEPTS_DIR.glob("*.ttl")):
        content = path.read_bytes()
        found = _VERSION.search(content)
        out.append(
            {
                "scheme": path.stem,
                "version": found.group(1).decode() if found else None,
                "digest": "sha256:" + hashlib.sha256(content).hexdigest()[:16],
            }
        )
    return tuple(out)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def known_sources(session: Session, settings: Settings) -> dict[str, dict[str, Any]]:
    """Every source network: the node itself, each peer, and any other source in the data,
    with its name, region and last successful harvest (``None`` for the node's own records)."""
    known: dict[str, dict[str, Any]] = {
        settings.node_id: {
            "name": settings.network_name,
            "region": settings.region,
            "own": True,
            "last_success_at": None,
        }
    }
    peers = select(col(Peer.node_id), col(Peer.name), col(Peer.region), col(Peer.last_success_at))
    for node_id, name, region, last_success_at in session.execute(peers):
        known[node_id] = {
            "name": name,
            "region": region,
            "own": False,
            "last_success_at": _iso(last_success_at),
        }
    present = select(col(ReportTotal.source)).distinct()
    for (source,) in session.execute(present):
        known.setdefault(
            source, {"name": source, "region": None, "own": False, "last_success_at": None}
        )
    return known


def sources(
    session: Session, known: dict[str, dict[str, Any]], chosen: Iterable[str]
) -> list[dict[str, Any]]:
    """The as-of statement of each chosen source: its records in the index now and the time
    its newest row was fetched here (one indexed lookup per source)."""
    chosen = sorted(set(chosen))
    counts: dict[tuple[str, str], int] = {}
    stmt = (
        select(col(ReportTotal.source), col(ReportTotal.section), func.sum(ReportTotal.n))
        .where(col(ReportTotal.section).in_([ACTORS, ACTIONS]), col(ReportTotal.source).in_(chosen))
        .group_by(col(ReportTotal.source), col(ReportTotal.section))
    )
    for source, section, n in session.execute(stmt):
        counts[(source, section)] = int(n)
    out = []
    for source in chosen:
        newest = session.execute(
            select(func.max(ReportRecord.fetched_at)).where(col(ReportRecord.source) == source)
        ).scalar()
        out.append(
            {
                "source": source,
                **known[source],
                "actors": counts.get((source, ACTORS), 0),
                "actions": counts.get((source, ACTIONS), 0),
                "data_as_of": _iso(_aware(newest)),
            }
        )
    return out


def _aware(value: Any) -> datetime | None:
    """``max()`` keeps the column's type (aware UTC); a plain string is read as UTC too."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
