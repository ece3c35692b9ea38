"""Runs and quarantine rows are bounded: by age, and by count of runs per peer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from federation.harvest.bookkeeping import prune
from federation.harvest.models import HarvestRun, QuarantinedMember, RunMode, RunStatus
from federation.peers.models import Peer
from federation.settings import Settings

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def make_peer(session: Session, node_id: str) -> int:
    peer = Peer(
        node_id=node_id,
        base_url=f"http://{node_id}.test",
        name=node_id,
        vocabulary_version="1.0.0",
        well_known_url=f"http://{node_id}.test/.well-known/rrma-federation",
        dump_url=f"http://{node_id}.test/dump",
    )
    session.add(peer)
    session.flush()
    assert peer.id is not None
    return peer.id


def add_runs(session: Session, peer_id: int, ages_days: list[float]) -> list[int]:
    ids = []
    for age in ages_days:
        at = NOW - timedelta(days=age)
        run = HarvestRun(
            peer_id=peer_id, mode=RunMode.INCREMENTAL, status=RunStatus.OK, started_at=at
        )
        session.add(run)
        session.flush()
        session.add(
            QuarantinedMember(peer_id=peer_id, run_id=run.id, reasons="[]", excerpt="", at=at)
        )
        ids.append(run.id or 0)
    session.flush()
    return ids


def count(session: Session, model: type[HarvestRun] | type[QuarantinedMember]) -> int:
    return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_old_rows_and_runs_beyond_the_last_n_go(session: Session, settings: Settings) -> None:
    settings = settings.model_copy(update={"harvest_keep_days": 30, "harvest_keep_runs": 3})
    first = make_peer(session, "first")
    second = make_peer(session, "second")
    add_runs(session, first, [40, 35, 5, 4, 3, 2, 1])  # 2 too old, then 5 recent: keep 3
    kept_second = add_runs(session, second, [2, 1])
    removed = prune(session, settings, now=NOW)
    assert removed == 2 * (2 + 2)  # runs and their quarantine rows
    runs = session.execute(select(HarvestRun).order_by(HarvestRun.id)).scalars().all()  # type: ignore[arg-type]
    assert [(r.peer_id, (NOW - r.started_at).days) for r in runs] == [
        (first, 3),
        (first, 2),
        (first, 1),
        (second, 2),
        (second, 1),
    ]
    assert [r.id for r in runs][-2:] == kept_second
    assert count(session, QuarantinedMember) == 5
    assert prune(session, settings, now=NOW) == 0
