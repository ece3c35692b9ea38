"""Harvest tasks in real worker processes against a real (failing, slow) peer on loopback: one
harvest per peer at a time, a dead holder's lock expires, retries wait as the peer asks, and
beat sends the harvests of due peers only."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import redis
from sqlalchemy import func, select
from sqlmodel import Session

from federation.db.engine import make_engine
from federation.harvest.models import HarvestRun
from federation.locks import harvest_lock_key
from federation.peers.models import Peer, PeerState
from federation.queue import HARVEST_PEER, enqueue
from federation.settings import Settings
from tests.workers.conftest import WorkerProcess


@dataclass
class FailingPeer:
    """A peer that answers every request slowly with 503 and a ``Retry-After``."""

    base_url: str
    requests: list[str]


def failing_peer_server(delay: float, retry_after: int) -> Iterator[FailingPeer]:
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            time.sleep(delay)
            self.send_response(503)
            self.send_header("Retry-After", str(retry_after))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield FailingPeer(f"http://127.0.0.1:{server.server_address[1]}", requests)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def slow_peer() -> Iterator[FailingPeer]:
    """Two seconds per answer (long enough for a second worker to try), then retry in 600 s."""
    yield from failing_peer_server(delay=2.0, retry_after=600)


@pytest.fixture
def busy_peer() -> Iterator[FailingPeer]:
    """At once, asking to come back in 42 s: longer than our first back-off step."""
    yield from failing_peer_server(delay=0.0, retry_after=42)


def add_peer(
    database_url: str,
    base_url: str,
    name: str = "voisin",
    *,
    state: PeerState = PeerState.ACTIVE,
    last_attempt_at: datetime | None = None,
    interval_seconds: int = 300,
) -> int:
    engine = make_engine(database_url)
    with Session(engine) as session:
        peer = Peer(
            node_id=name,
            base_url=f"{base_url}/{name}",
            name=name,
            vocabulary_version="1",
            well_known_url=f"{base_url}/{name}/.well-known/rrma-federation",
            feed_url=f"{base_url}/{name}/feed",
            dump_url=f"{base_url}/{name}/dump",
            dump_state_url=f"{base_url}/{name}/dump/state",
            state=state,
            last_attempt_at=last_attempt_at,
            interval_seconds=interval_seconds,
        )
        session.add(peer)
        session.commit()
        assert peer.id is not None
        peer_id = peer.id
    engine.dispose()
    return peer_id


def runs_of(database_url: str, peer_id: int) -> int:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        count = connection.execute(
            select(func.count()).select_from(HarvestRun).where(HarvestRun.peer_id == peer_id)  # type: ignore[arg-type]
        ).scalar_one()
    engine.dispose()
    return int(count)


def test_two_workers_racing_on_one_peer_harvest_it_once(
    settings: Settings,
    node_database: str,
    redis_db: redis.Redis,
    slow_peer: FailingPeer,
    start_worker: Callable[..., WorkerProcess],
) -> None:
    peer_id = add_peer(node_database, slow_peer.base_url)
    workers = [
        start_worker(settings, node_database, "--no-beat", "--concurrency", "1", "--name", name)
        for name in (f"{settings.node_id}-a@%h", f"{settings.node_id}-b@%h")
    ]

    enqueue(settings, HARVEST_PEER, peer_id)
    enqueue(settings, HARVEST_PEER, peer_id)

    skipped = f"skipped: peer {peer_id} is being harvested by another worker"
    deadline = time.monotonic() + 30
    done = (" succeeded in ", " retry: Retry in ")  # skipped; harvested, failed, retried
    while not all(any(end in worker.text() for end in done) for worker in workers):
        assert time.monotonic() < deadline, [worker.text()[-2000:] for worker in workers]
        time.sleep(0.1)
    logs = [worker.text() for worker in workers]
    assert sorted(skipped in log for log in logs) == [False, True]  # each worker took one
    assert sum(f"peer {peer_id} unreachable, retry 1" in log for log in logs) == 1
    assert runs_of(node_database, peer_id) == 1
    assert len(slow_peer.requests) == 1
    assert redis_db.get(harvest_lock_key(settings, peer_id)) is None  # released


def test_a_dead_workers_lock_holds_the_peer_until_it_expires(
    settings: Settings,
    node_database: str,
    redis_db: redis.Redis,
    busy_peer: FailingPeer,
    start_worker: Callable[..., WorkerProcess],
) -> None:
    peer_id = add_peer(node_database, busy_peer.base_url)
    worker = start_worker(settings, node_database, "--no-beat", "--concurrency", "1")
    # What a worker killed mid-harvest leaves: its lock, with a little time left to live.
    redis_db.set(harvest_lock_key(settings, peer_id), "a-dead-worker", px=1500)

    enqueue(settings, HARVEST_PEER, peer_id)
    worker.wait_for(f"skipped: peer {peer_id}", timeout=30)
    assert runs_of(node_database, peer_id) == 0

    deadline = time.monotonic() + 5
    while redis_db.exists(harvest_lock_key(settings, peer_id)):
        assert time.monotonic() < deadline, "the dead worker's lock never expired"
        time.sleep(0.05)
    enqueue(settings, HARVEST_PEER, peer_id)
    worker.wait_for(f"peer {peer_id} unreachable, retry 1", timeout=30)
    assert runs_of(node_database, peer_id) == 1


def test_a_retry_waits_as_long_as_the_peer_asks(
    settings: Settings,
    node_database: str,
    redis_db: redis.Redis,
    busy_peer: FailingPeer,
    start_worker: Callable[..., WorkerProcess],
) -> None:
    peer_id = add_peer(node_database, busy_peer.base_url)
    worker = start_worker(settings, node_database, "--no-beat", "--concurrency", "1")

    enqueue(settings, HARVEST_PEER, peer_id)

    log = worker.wait_for("retry: Retry in 42", timeout=30)
    assert f"peer {peer_id} unreachable, retry 1 in 42.0 s" in log
    assert len(busy_peer.requests) == 1  # nothing sooner than the peer asked


def test_beat_sends_the_harvests_of_due_peers_only(
    settings: Settings,
    node_database: str,
    redis_db: redis.Redis,
    slow_peer: FailingPeer,
    start_worker: Callable[..., WorkerProcess],
) -> None:
    now = datetime.now(UTC)
    due = {
        add_peer(node_database, slow_peer.base_url, "jamais-moissonne"),
        add_peer(
            node_database,
            slow_peer.base_url,
            "indisponible",
            state=PeerState.UNAVAILABLE,
            last_attempt_at=now.replace(year=now.year - 1),
        ),
    }
    not_due = {
        add_peer(node_database, slow_peer.base_url, "recent", last_attempt_at=now),
        add_peer(node_database, slow_peer.base_url, "suspendu", state=PeerState.SUSPENDED),
        add_peer(node_database, slow_peer.base_url, "retenu", state=PeerState.HELD),
    }

    worker = start_worker(settings, node_database, "--concurrency", "2")  # with beat

    log = worker.wait_for("sent harvests of peers", timeout=45)
    line = next(line for line in log.splitlines() if "sent harvests of peers" in line)
    sent = line.split("peers [", 1)[1].split("]", 1)[0]
    assert sorted(due) == sorted(int(n) for n in sent.split(","))
    for peer_id in due:
        assert redis_db.exists(f"due:{settings.node_id}:{peer_id}")
    for peer_id in not_due:
        assert not redis_db.exists(f"due:{settings.node_id}:{peer_id}")
        assert runs_of(node_database, peer_id) == 0
    # The next ticks send nothing more: the due peers' runs are under way.
    worker.wait_for("no peer due", timeout=30)
