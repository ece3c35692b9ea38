"""The query processes: a process that dies, during a query or while idle, is replaced and
the next query is answered."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlmodel import Session

from federation.sparql.errors import QueryCrashed
from federation.sparql.formats import ResultsFormat
from federation.sparql.pool import QueryPool
from federation.sparql.store import refresh_from
from federation.sparql.worker import Job
from tests.sparql.conftest import Index
from tests.sparql.helpers import RUNAWAY

TRUE = b'{"head":{},"boolean":true}'


@pytest.fixture
def pool() -> Iterator[QueryPool]:
    pool = QueryPool(1, 1 << 30)
    yield pool
    pool.close()


@pytest.fixture
def ask(session: Session, index: Index, tmp_path: Path) -> Job:
    snapshot = refresh_from(session, tmp_path)
    return Job(
        store=str(snapshot.path),
        query="ASK { ?s ?p ?o }",
        max_rows=10,
        results_format=ResultsFormat.JSON,
        graph_format=None,
    )


def test_a_process_killed_during_a_query_is_replaced(pool: QueryPool, ask: Job) -> None:
    assert pool.run(ask, 30).body == TRUE
    [pid] = pool.idle_pids()
    threading.Timer(0.5, os.kill, (pid, signal.SIGKILL)).start()
    started = time.monotonic()
    with pytest.raises(QueryCrashed):
        pool.run(replace(ask, query=RUNAWAY), 30)
    assert time.monotonic() - started < 10
    assert pool.idle_pids() != [pid]
    assert pool.run(ask, 30).body == TRUE


def test_a_process_killed_while_idle_is_replaced(pool: QueryPool, ask: Job) -> None:
    assert pool.run(ask, 30).body == TRUE
    [pid] = pool.idle_pids()
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    assert pool.run(ask, 30).body == TRUE
    assert pool.idle_pids() != [pid]
