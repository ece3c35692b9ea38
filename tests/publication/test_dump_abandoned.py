"""A client that stops reading the dump half way (a harvester hitting its byte limit, a closed
laptop) must not leave the node serving old data: the next requests see the next writes.

Served by ``federation serve`` in its own process, as in production: the fault (a pending
statement kept SQLite's read transaction open on a pooled connection) did not show with the
in-process test server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlmodel import Session

from federation.db.engine import make_engine
from federation.sample.seed import seed
from tests.live import LOOPBACK, Node, node_settings, node_template  # noqa: F401 (fixture)

BASE_ENV = {"FED_NODE_ID": "bretagne", "FED_REGION": "Bretagne"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(node_template: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:  # noqa: F811
    database = tmp_path / "node.db"
    shutil.copyfile(node_template, database)
    url = f"http://{LOOPBACK}:{_free_port()}"
    engine = make_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        seed(session, actions=2_000, seed=1, region="Bretagne", base_url=url)
        session.commit()
    engine.dispose()
    environment = {
        **os.environ,
        **BASE_ENV,
        "FED_DATABASE_URL": f"sqlite:///{database}",
        "FED_BASE_URL": url,
        "FED_DATA_DIR": str(tmp_path),
    }
    port = url.rsplit(":", 1)[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "federation", "serve", "--port", port],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(240):
            try:
                if httpx.get(f"{url}/.well-known/rrma-federation", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.25)
        else:
            pytest.fail("the node did not start")
        yield url, database
    finally:
        process.terminate()
        process.wait(30)


def test_a_dump_left_half_read_leaves_no_stale_reads(served: tuple[str, Path]) -> None:
    url, database = served
    for _ in range(3):  # read a little (the dump is read 500 records at a time), then go away
        with httpx.stream("GET", f"{url}/dump", headers={"Accept": "application/n-triples"}) as r:
            for n, _ in enumerate(r.iter_lines()):
                if n == 2_000:
                    break
    before = int(httpx.get(f"{url}/feed").headers["x-feed-last"])
    page = f"{url}/feed/{before // 250}"
    tag = httpx.get(page).headers["etag"]
    writer = Node(
        node_settings("bretagne", url, f"sqlite:///{database}"),
        make_engine(f"sqlite:///{database}"),
        None,  # type: ignore[arg-type]  (only its database is used)
    )
    writer.retitle(writer.action_ids()[:3], "révisée")
    writer.engine.dispose()
    for _ in range(8):  # every pooled connection must see the writes
        assert int(httpx.get(f"{url}/feed").headers["x-feed-last"]) == before + 3
        assert httpx.get(page, headers={"If-None-Match": tag}).status_code == 200
