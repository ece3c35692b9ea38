"""Worker tests run a real Redis and real ``federation worker`` processes.

Redis is ``FED_TEST_REDIS_URL`` (default ``redis://127.0.0.1:6379/7``); without it the tests that
need it are skipped with the reason shown (CI always has it). Every test uses its own node id,
so its queue and keys are its own, and they are deleted afterwards."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from pydantic import SecretStr

from federation.db.engine import make_engine
from federation.db.migrate import upgrade
from federation.settings import Environment, Settings
from tests.conftest import BASE_URL

REDIS_URL = os.environ.get("FED_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
REPOSITORY = Path(__file__).resolve().parents[2]
READY_SECONDS = 60.0


@pytest.fixture(scope="session")
def redis_server() -> str:
    """The test Redis URL, or a skip saying it is not running."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis not running at {REDIS_URL} (set FED_TEST_REDIS_URL): {error}")
    finally:
        client.close()
    return REDIS_URL


@pytest.fixture
def node_id() -> str:
    return f"t{uuid.uuid4().hex[:12]}"


@pytest.fixture
def redis_db(redis_server: str, node_id: str) -> Iterator[redis.Redis]:
    """A client of the test Redis; the keys naming this test's node are deleted afterwards."""
    client = redis.Redis.from_url(redis_server)
    yield client
    for key in client.scan_iter(match=f"*{node_id}*", count=1000):
        client.delete(key)
    client.close()


@pytest.fixture
def settings(node_id: str, tmp_path: Path) -> Settings:
    """The node's settings, on the test Redis (tests of the embedded broker clear it)."""
    return Settings(
        environment=Environment.TEST,
        secret_key=SecretStr("test-secret-not-for-production"),
        base_url=BASE_URL,
        node_id=node_id,
        data_dir=tmp_path / "data",
        redis_url=REDIS_URL,
    )


@pytest.fixture
def node_database(tmp_path: Path) -> str:
    """A migrated SQLite database for worker processes."""
    url = f"sqlite:///{tmp_path / 'node.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


def node_environment(settings: Settings, database_url: str) -> dict[str, str]:
    """The environment of a node's process: only our FED_* variables, none inherited."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("FED_")}
    env.update(
        {
            "FED_ENVIRONMENT": settings.environment.value,
            "FED_SECRET_KEY": settings.secret_key.get_secret_value(),
            "FED_BASE_URL": settings.base_url,
            "FED_NODE_ID": settings.node_id,
            "FED_DATA_DIR": str(settings.data_dir),
            "FED_DATABASE_URL": database_url,
            "FED_REDIS_URL": settings.redis_url,
            "PYTHONPATH": os.pathsep.join(
                [str(REPOSITORY), *filter(None, [os.environ.get("PYTHONPATH")])]
            ),
        }
    )
    return env


class WorkerProcess:
    """A ``federation worker`` process and its log; stopped with its children."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "federation", "worker", *args],
                env=env,
                cwd=REPOSITORY,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its pool and beat children form its process group
            )

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, needle: str, timeout: float = READY_SECONDS, count: int = 1) -> str:
        """Wait until the log holds ``needle`` ``count`` times; the log."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.text()
            if text.count(needle) >= count:
                return text
            if self.process.poll() is not None:
                pytest.fail(f"the worker exited ({self.process.returncode}):\n{text[-4000:]}")
            time.sleep(0.1)
        pytest.fail(f"not in the worker's log after {timeout} s: {needle!r}\n{self.text()[-4000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):  # children outliving a warm shutdown
            os.killpg(self.process.pid, signal.SIGKILL)


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[Callable[..., WorkerProcess]]:
    """Start ``federation worker`` processes (ready when this returns); all stopped after."""
    started: list[WorkerProcess] = []

    def start(settings: Settings, database_url: str, *args: str) -> WorkerProcess:
        log = tmp_path / f"worker-{len(started)}.log"
        worker = WorkerProcess(list(args), node_environment(settings, database_url), log)
        started.append(worker)
        worker.wait_for(" ready.")
        return worker

    yield start
    for worker in started:
        worker.stop()
