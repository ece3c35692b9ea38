"""Real nodes on loopback for the federation tests: each one a uvicorn server in a thread on its
own free 127.0.0.1 port, with its own SQLite file and its own settings (base URL = its URL).

Fixtures are defined here and imported by the conftest of each test folder that needs them.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from pydantic import SecretStr
from sqlalchemy import Engine, delete, select
from sqlmodel import Session, col

from federation.actions.models import Action
from federation.actions.schemas import ActionUpdate
from federation.actions.service import delete_action, update_action
from federation.api.app import create_app
from federation.db.engine import make_engine
from federation.db.migrate import upgrade
from federation.harvest.models import HarvestRun, QuarantinedMember
from federation.index import service as index_service
from federation.index.models import IndexRecord
from federation.network.service import ensure_network
from federation.peers.models import Peer
from federation.sample.seed import seed
from federation.settings import Environment, Settings
from tests.conftest import PG_URL

LOOPBACK = "127.0.0.1"


def reserve() -> socket.socket:
    """A listening socket on a free loopback port (kept, so no other test can take it)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((LOOPBACK, 0))
    return sock


def url_of(sock: socket.socket) -> str:
    return f"http://{LOOPBACK}:{sock.getsockname()[1]}"


class LiveServer:
    """An ASGI app served by uvicorn in a background thread."""

    def __init__(self, app: Any, sock: socket.socket) -> None:
        self.url = url_of(sock)
        config = uvicorn.Config(
            app,
            log_level="warning",
            lifespan="off",
            ws="none",
            access_log=False,
            timeout_graceful_shutdown=1,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [sock]}, daemon=True
        )
        self.sock = sock

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError(f"the test server at {self.url} did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


def node_settings(node_id: str, base_url: str, database_url: str, **extra: Any) -> Settings:
    return Settings(
        environment=Environment.TEST,
        secret_key=SecretStr("test-secret-not-for-production"),
        base_url=base_url,
        node_id=node_id,
        network_name=f"Réseau {node_id}",
        region=extra.pop("region", "Grand Est"),
        database_url=database_url,
        **extra,
    )


@dataclass
class Node:
    """A running node: its settings, its database and its server."""

    settings: Settings
    engine: Engine
    server: LiveServer

    @property
    def url(self) -> str:
        return self.settings.base_url

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session
            session.commit()

    def seed(self, actions: int, seed_value: int = 1) -> None:
        with self.session() as session:
            seed(
                session,
                actions=actions,
                seed=seed_value,
                region=self.settings.region,
                base_url=self.url,
            )

    def action_ids(self) -> list[uuid.UUID]:
        with self.session() as session:
            stmt = select(col(Action.id)).order_by(col(Action.id))
            return list(session.execute(stmt).scalars())

    def retitle(self, action_ids: list[uuid.UUID], suffix: str) -> None:
        with self.session() as session:
            for action_id in action_ids:
                title = f"Action {str(action_id)[:8]} {suffix}"
                update_action(session, action_id, ActionUpdate(title=title), self.url)

    def delete(self, action_ids: list[uuid.UUID]) -> None:
        with self.session() as session:
            for action_id in action_ids:
                delete_action(session, action_id)


@dataclass
class Nodes:
    """Starts nodes for one test and stops them after it."""

    template: Path
    directory: Path
    started: list[Node] = field(default_factory=list)
    servers: list[LiveServer] = field(default_factory=list)

    def node(self, node_id: str, *, actions: int = 0, **extra: Any) -> Node:
        sock = reserve()
        database = self.directory / f"{node_id}.db"
        shutil.copyfile(self.template, database)
        settings = node_settings(node_id, url_of(sock), f"sqlite:///{database}", **extra)
        engine = make_engine(settings.database_url)
        with Session(engine) as session:
            ensure_network(session, settings)
            session.commit()
        server = LiveServer(create_app(settings, engine), sock).start()
        node = Node(settings, engine, server)
        self.started.append(node)
        if actions:
            node.seed(actions)
        return node

    def serve(self, make_app: Callable[[str], Any]) -> LiveServer:
        """Serve any app (a hostile peer); ``make_app`` gets the URL it will have."""
        sock = reserve()
        server = LiveServer(make_app(url_of(sock)), sock).start()
        self.servers.append(server)
        return server

    def stop(self) -> None:
        for node in self.started:
            node.server.stop()
            node.engine.dispose()
        for server in self.servers:
            server.stop()


@pytest.fixture(scope="session")
def node_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite database, copied for every node."""
    path = tmp_path_factory.mktemp("template") / "node.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def nodes(node_template: Path, tmp_path: Path) -> Iterator[Nodes]:
    started = Nodes(node_template, tmp_path)
    try:
        yield started
    finally:
        started.stop()


INDEX_TABLES = (QuarantinedMember, HarvestRun, IndexRecord, Peer)


def clear_index(engine: Engine) -> None:
    """Empty the index the way the node removes rows (its derived tables with it), then the
    harvest bookkeeping."""
    with Session(engine) as session:
        iris = list(session.execute(select(col(IndexRecord.iri))).scalars())
        index_service.remove(session, iris)
        for model in INDEX_TABLES:
            session.execute(delete(model))
        session.commit()


@pytest.fixture
def index_engine(
    backend: str, engines: dict[str, Engine], node_template: Path, tmp_path: Path
) -> Iterator[Engine]:
    """The harvesting node's database, committed to for real: a fresh SQLite file, or the
    test PostgreSQL database with the peer, harvest and index tables emptied."""
    if backend == "sqlite":
        path = tmp_path / "harvester.db"
        shutil.copyfile(node_template, path)
        engine = make_engine(f"sqlite:///{path}")
        yield engine
        engine.dispose()
        return
    assert PG_URL
    engine = engines["postgresql"]
    clear_index(engine)
    try:
        yield engine
    finally:
        clear_index(engine)


@pytest.fixture
def harvester_settings() -> Settings:
    """The harvesting node: short timeouts so that the hostile cases stay quick (a feed page
    of 250 generated actions is about 3 MB)."""
    return node_settings(
        "national",
        "http://national.test",
        "sqlite://",
        harvest_timeout_seconds=2.0,
        harvest_max_response_bytes=20_000_000,
        harvest_run_deadline_seconds=60.0,
    )
