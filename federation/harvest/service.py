"""Harvest one registered peer now: callable from a Celery task, the CLI or a test.

The harvest commits once per page by design (a crash must keep what was applied), so it takes
an engine rather than a session. It records the run (``HarvestRun``) whatever happens; a peer
that cannot be reached raises ``PeerUnreachable`` after the failure is recorded, so that the
task can retry later.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from sqlalchemy import Engine
from sqlmodel import Session

from federation.common.fields import utcnow
from federation.errors import NotFound
from federation.harvest import repository, safety
from federation.harvest.client import PeerClient, PeerResponseInvalid, PeerUnreachable
from federation.harvest.harvester import Harvester
from federation.harvest.models import HarvestRun, RunMode, RunStatus
from federation.harvest.schemas import RunReport
from federation.index import service as index_service
from federation.peers import repository as peers
from federation.peers.models import Peer, PeerState
from federation.settings import Settings

HARVESTABLE = (PeerState.ACTIVE, PeerState.UNAVAILABLE)  # unavailable peers are still tried
ERROR_CHARS = 2_000


def harvest(
    engine: Engine,
    settings: Settings,
    peer_id: int,
    *,
    client: PeerClient | None = None,
    on_page: Callable[[], object] | None = None,
) -> RunReport:
    """Harvest one peer (bootstrap or feed walk) and return the run's report. A held or
    suspended peer is not fetched (the report says so); an unknown peer is a NotFound."""
    own_client = client is None
    http = client or PeerClient(settings)
    try:
        with Session(engine, expire_on_commit=False) as session:
            peer = peers.get(session, peer_id)
            if peer is None:
                raise NotFound("Pair", peer_id)
            if peer.state not in HARVESTABLE:
                return _skipped(peer)
            return _run(session, settings, http, peer, on_page)
    finally:
        if own_client:
            http.close()


def _skipped(peer: Peer) -> RunReport:
    status = RunStatus.HELD if peer.state is PeerState.HELD else RunStatus.SUSPENDED
    return RunReport(
        peer=peer.node_id,
        run_id=None,
        mode=RunMode.SKIPPED,
        status=status,
        cursor_from=peer.cursor,
        cursor_to=peer.cursor,
        error=f"peer is {peer.state.value}: an admin must act first ({peer.last_error or ''})",
    )


def _run(
    session: Session,
    settings: Settings,
    client: PeerClient,
    peer: Peer,
    on_page: Callable[[], object] | None,
) -> RunReport:
    assert peer.id is not None
    started = time.monotonic()
    run = HarvestRun(
        peer_id=peer.id,
        mode=RunMode.INCREMENTAL,
        status=RunStatus.RUNNING,
        cursor_from=peer.cursor,
        cursor_to=peer.cursor,
    )
    repository.interrupt_running(session, peer.id, utcnow())
    repository.add_run(session, run)
    peer.last_attempt_at = utcnow()
    session.commit()
    client.start_run(settings.harvest_run_deadline_seconds)
    harvester = Harvester(session, settings, client, peer, run, on_page=on_page)
    try:
        harvester.harvest()
    except (PeerUnreachable, PeerResponseInvalid) as error:
        run = _failed(session, settings, harvester, started, error, count=True)
        if isinstance(error, PeerUnreachable):
            raise
        return RunReport.of(peer.node_id, run)
    except BaseException as error:
        # Not the peer's doing (a bug, the database, a stopped worker): the run says so, the
        # peer's failure count does not move.
        with contextlib.suppress(Exception):  # the original error matters more
            _failed(session, settings, harvester, started, error, count=False)
        raise
    return RunReport.of(peer.node_id, _succeeded(session, settings, harvester, started))


def _succeeded(
    session: Session, settings: Settings, harvester: Harvester, started: float
) -> HarvestRun:
    run, peer = harvester.run, harvester.peer
    assert peer.id is not None
    if run.status == RunStatus.RUNNING:
        run.status = RunStatus.OK
        peer.failures = 0
        peer.last_success_at = utcnow()
        peer.last_error = None
        if peer.state is PeerState.UNAVAILABLE:
            peer.state = PeerState.ACTIVE
    over = safety.is_over_share(settings, rejected=run.rejected, seen=harvester.seen)
    peer.invalid_streak = peer.invalid_streak + 1 if over else 0
    peer.records = index_service.count_for_peer(session, peer.id)
    _close(run, harvester, started)
    session.commit()
    return run


def _failed(
    session: Session,
    settings: Settings,
    harvester: Harvester,
    started: float,
    error: BaseException,
    *,
    count: bool,
) -> HarvestRun:
    """Record a failed run after rolling back the page in progress (committed pages stay)."""
    session.rollback()
    run = repository.get_run(session, harvester.run_id) or harvester.run
    peer = peers.get_for_update(session, harvester.peer_id) or harvester.peer
    harvester.run, harvester.peer = run, peer
    message = str(error) or type(error).__name__
    run.status = RunStatus.FAILED
    run.error = message[:ERROR_CHARS]
    if count:
        peer.failures += 1
        peer.last_error = message[:ERROR_CHARS]
        if peer.state is PeerState.ACTIVE and safety.gives_up(settings, peer.failures):
            peer.state = PeerState.UNAVAILABLE
    _close(run, harvester, started)
    session.commit()
    return run


def _close(run: HarvestRun, harvester: Harvester, started: float) -> None:
    run.finished_at = utcnow()
    run.duration_ms = int((time.monotonic() - started) * 1000)
    run.requests = harvester.client.requests - harvester.requests_before
    run.bytes = harvester.client.bytes - harvester.bytes_before
