"""A worker killed (SIGKILL) in the middle of a bootstrap harvest: the next worker resumes
after the last committed batch, and the index ends with every record of the peer once."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import redis
from fastapi import Request, Response
from sqlalchemy import func, select
from sqlmodel import Session, col

from federation.api.app import create_app
from federation.db.engine import make_engine
from federation.harvest.models import HarvestRun
from federation.index.models import IndexRecord
from federation.locks import harvest_lock_key
from federation.network.service import ensure_network
from federation.peers.models import Peer
from federation.publication.models import RecordRdf
from federation.queue import HARVEST_PEER, enqueue
from federation.settings import Settings
from tests.live import (  # noqa: F401 - fixtures
    LiveServer,
    Nodes,
    node_settings,
    node_template,
    nodes,
    reserve,
    url_of,
)
from tests.workers.conftest import REPOSITORY, WorkerProcess, node_environment

ACTIONS = 600
DUMP_DELAY_SECONDS = 1.0  # per dump response: the run takes seconds, the kill lands inside
RESPONSE_BYTES = 4_000_000  # dump batches of 2 MB: the dump comes in several responses, resumed


def slow_dump_peer(started: Nodes, requests: list[str]) -> tuple[str, Session]:
    """A real node whose dump answers slowly; its URL and a session on its database."""
    sock = reserve()
    database = started.directory / "peer.db"
    shutil.copyfile(started.template, database)
    settings = node_settings("lente", url_of(sock), f"sqlite:///{database}")
    engine = make_engine(settings.database_url)
    session = Session(engine, expire_on_commit=False)
    ensure_network(session, settings)
    session.commit()
    app = create_app(settings, engine)

    @app.middleware("http")
    async def slow(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        requests.append(str(request.url))
        if request.url.path == "/dump":
            await asyncio.sleep(DUMP_DELAY_SECONDS)
        return await call_next(request)

    server = LiveServer(app, sock).start()
    started.servers.append(server)
    from federation.sample.seed import seed

    seed(session, actions=ACTIONS, seed=3, region=settings.region, base_url=settings.base_url)
    session.commit()
    return settings.base_url, session


def index_state(database_url: str) -> tuple[int, int]:
    engine = make_engine(database_url)
    with Session(engine) as session:
        count = session.execute(select(func.count()).select_from(IndexRecord)).scalar_one()
        runs = session.execute(select(func.count()).select_from(HarvestRun)).scalar_one()
    engine.dispose()
    return int(count), int(runs)


def test_a_killed_worker_s_harvest_resumes_with_nothing_lost_or_doubled(
    settings: Settings,
    node_database: str,
    redis_db: redis.Redis,
    nodes: Nodes,  # noqa: F811
    tmp_path: Path,
) -> None:
    requests: list[str] = []
    peer_url, peer_session = slow_dump_peer(nodes, requests)
    env = {
        **node_environment(settings, node_database),
        "FED_HARVEST_MAX_RESPONSE_BYTES": str(RESPONSE_BYTES),
    }
    added = subprocess.run(
        [sys.executable, "-m", "federation", "peers", "add", peer_url],
        env=env,
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert added.returncode == 0, added.stderr
    engine = make_engine(node_database)
    with Session(engine) as session:
        peer_id = session.execute(select(col(Peer.id))).scalar_one()
    engine.dispose()
    expected = {(row.id, row.version) for row in peer_session.execute(select(RecordRdf)).scalars()}

    first = WorkerProcess(["--no-beat", "--concurrency", "1"], env, tmp_path / "first.log")
    first.wait_for(" ready.")
    enqueue(settings, HARVEST_PEER, peer_id)
    deadline = time.monotonic() + 60
    while index_state(node_database)[0] == 0:
        assert time.monotonic() < deadline, first.text()[-3000:]
        time.sleep(0.05)
    os.killpg(first.process.pid, signal.SIGKILL)  # mid-harvest: some batches committed
    first.process.wait(timeout=10)
    partial, _ = index_state(node_database)
    assert 0 < partial < len(expected)
    # The dead worker's lock would expire by itself (tested elsewhere); don't wait for it.
    redis_db.delete(harvest_lock_key(settings, peer_id))

    resumed_from = len(requests)
    second = WorkerProcess(["--no-beat", "--concurrency", "1"], env, tmp_path / "second.log")
    try:
        second.wait_for(" ready.")
        enqueue(settings, HARVEST_PEER, peer_id)
        second.wait_for(" succeeded in ", timeout=120)
    finally:
        second.stop()

    engine = make_engine(node_database)
    with Session(engine) as session:
        rows = session.execute(select(IndexRecord.iri, IndexRecord.version)).all()  # type: ignore[call-overload]
        runs = list(session.execute(select(HarvestRun).order_by(col(HarvestRun.id))).scalars())
    engine.dispose()
    got = {(iri.rsplit("/", 1)[1], version) for iri, version in rows}
    assert len(rows) == len(got) == len(expected)  # nothing doubled
    assert got == {(str(record_id), version) for record_id, version in expected}  # nothing lost
    # The second run went on after the last committed record instead of starting again.
    dumps = [url for url in requests[resumed_from:] if "/dump?" in url or url.endswith("/dump")]
    assert dumps
    assert "after=" in dumps[0]
    assert runs[0].status != "running"  # the killed run is marked, not left running
    assert runs[-1].status == "ok", runs[-1].error
    assert runs[-1].added == len(expected) - partial
    peer_session.close()
