"""A real ``federation worker`` process runs what the node sends it, by name."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import redis

from federation.broker import EmbeddedRedis, redis_client, stop_embedded
from federation.queue import enqueue
from federation.settings import Settings
from tests.workers.conftest import WorkerProcess
from tests.workers.probe import PROBE

INCLUDE_PROBE = ("--", "--include", "tests.workers.probe")


@pytest.fixture
def embedded(settings: Settings) -> Iterator[Settings]:
    """The node without FED_REDIS_URL; its embedded Redis is stopped after its workers."""
    embedded = settings.model_copy(update={"redis_url": ""})
    yield embedded
    stop_embedded(embedded.data_dir, save=False)


def test_a_task_sent_by_name_runs_in_the_worker(
    settings: Settings,
    node_database: str,
    redis_db: redis.Redis,
    start_worker: Callable[..., WorkerProcess],
) -> None:
    start_worker(settings, node_database, "--no-beat", "--concurrency", "1", *INCLUDE_PROBE)
    key = f"probe:{settings.node_id}"

    enqueue(settings, PROBE, key, "bonjour")

    assert redis_db.blpop([key], timeout=30) == (key.encode(), b"bonjour")


def test_the_embedded_broker_runs_tasks_with_nothing_installed(
    embedded: Settings,
    node_database: str,
    start_worker: Callable[..., WorkerProcess],
) -> None:
    worker = start_worker(embedded, node_database, "--no-beat", *INCLUDE_PROBE)
    socket = EmbeddedRedis.under(embedded.data_dir).socket
    assert f"embedded Redis redis+socket://{socket}" in worker.text()
    key = f"probe:{embedded.node_id}"

    # The API's side finds the same server from the same data directory.
    enqueue(embedded, PROBE, key, "sans rien installer")

    answer = redis_client(embedded).blpop([key], timeout=30)
    assert answer == (key.encode(), b"sans rien installer")
