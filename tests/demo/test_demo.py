"""``federation demo`` as a user runs it: real processes (servers, workers on the embedded
broker), real HTTP between them; a change on a regional node reaches the national index."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from federation.demo.nodes import NATIONAL, REGIONAL

HOST = "127.0.0.1"
INTERVAL = 2


def _free_base_port() -> int:
    """Four consecutive free ports."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind((HOST, 0))
            base = int(probe.getsockname()[1])
        if base + 3 > 65_000:
            continue
        try:
            for offset in range(4):
                with socket.socket() as other:
                    other.bind((HOST, base + offset))
        except OSError:
            continue
        return base
    raise RuntimeError("no four consecutive free ports")


def _wait(predicate: object, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def _national_index(data_dir: Path) -> dict[str, int]:
    path = data_dir / NATIONAL.node_id / "node.db"
    if not path.exists():
        return {}
    with sqlite3.connect(path, timeout=10) as db:
        try:
            rows = db.execute("SELECT source, count(*) FROM index_record GROUP BY source")
        except sqlite3.OperationalError:  # not migrated yet
            return {}
        return {str(source): int(count) for source, count in rows.fetchall()}


def _national_version(data_dir: Path, iri: str) -> int | None:
    with sqlite3.connect(data_dir / NATIONAL.node_id / "node.db", timeout=10) as db:
        row = db.execute("SELECT version FROM index_record WHERE iri = ?", (iri,)).fetchone()
    return None if row is None else int(row[0])


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    data_dir = tmp_path_factory.mktemp("demo")
    base = _free_base_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "federation",
            "demo",
            "--base-port",
            str(base),
            "--actions",
            "25",
            "--interval",
            str(INTERVAL),
            "--data-dir",
            str(data_dir),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "FED_BEAT_TICK_SECONDS": "1"},
    )
    try:
        yield base, data_dir
    finally:
        process.send_signal(signal.SIGINT)
        try:
            output, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        print(output.decode(errors="replace"))


def test_the_national_node_harvests_the_three_regions(demo: tuple[int, Path]) -> None:
    _, data_dir = demo
    regions = {node.node_id for node in REGIONAL}
    _wait(
        lambda: set(_national_index(data_dir)) >= regions,
        240,
        "the national index to hold records of the three regional nodes",
    )
    counts = _national_index(data_dir)
    assert all(counts[region] > 25 for region in regions)  # actions, their actors and groups
    assert NATIONAL.node_id not in counts or counts[NATIONAL.node_id] == 0


def test_a_change_on_a_regional_node_reaches_the_national_index(demo: tuple[int, Path]) -> None:
    base, data_dir = demo
    node = REGIONAL[0]
    env = {**os.environ, **node.environment(HOST, base, data_dir)}
    created = subprocess.run(
        [sys.executable, "-m", "federation", "token", "create", "--role", "editor", "--name", "t"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    token = created.stdout.strip().splitlines()[-1]
    url = node.base_url(HOST, base)
    headers = {"Authorization": f"Bearer {token}"}
    first = httpx.get(f"{url}/api/actions", params={"limit": 1}, timeout=10).json()["data"][0]
    changed = httpx.patch(
        f"{url}/api/actions/{first['id']}",
        json={"title": "Accès à l'eau potable — version modifiée"},
        headers=headers,
        timeout=10,
    )
    assert changed.status_code == 200, changed.text
    version = changed.json()["version"]
    iri = f"{url}/actions/{first['id']}"
    _wait(
        lambda: _national_version(data_dir, iri) == version,
        INTERVAL * 10 + 30,
        "the change to reach the national index",
    )
