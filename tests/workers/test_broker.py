"""The node finds its broker: FED_REDIS_URL, or one embedded Redis per data directory, shared
by every process of the node, started once even when they start together."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from federation.broker import (
    MAX_SOCKET_PATH,
    EmbeddedRedis,
    broker_url,
    ensure_embedded,
    redis_client,
    redis_url,
    stop_embedded,
)
from federation.settings import Settings

STARTER = """
import sys
from pathlib import Path
from federation.broker import ensure_embedded, redis_client
from federation.settings import Settings
ensure_embedded(Path(sys.argv[1]))
print(redis_client(Settings(data_dir=Path(sys.argv[1]))).info("server")["process_id"])
"""


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """A node's data directory; its embedded Redis, if any, is stopped afterwards."""
    directory = tmp_path / "data"
    yield directory
    stop_embedded(directory, save=False)


def server_pid(data_dir: Path) -> int:
    return int((data_dir / "redis.pid").read_text().strip())


def test_fed_redis_url_is_used_as_given(settings: Settings) -> None:
    assert broker_url(settings) == settings.redis_url
    assert redis_url(settings) == settings.redis_url
    assert not (settings.data_dir / "redis.sock").exists()


def test_without_fed_redis_url_an_embedded_redis_serves_the_node(data_dir: Path) -> None:
    settings = Settings(data_dir=data_dir)

    url = broker_url(settings)

    assert url == f"redis+socket://{data_dir.resolve() / 'redis.sock'}"
    assert redis_client(settings).ping()
    first = server_pid(data_dir)
    # Another call, as another process of the node makes it, finds the same server.
    assert broker_url(settings) == url
    assert server_pid(data_dir) == first


def test_processes_starting_together_share_one_server(data_dir: Path) -> None:
    starters = [
        subprocess.Popen(
            [sys.executable, "-c", STARTER, str(data_dir)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(6)
    ]
    pids = {starter.communicate(timeout=60)[0].strip() for starter in starters}

    assert all(starter.returncode == 0 for starter in starters)
    assert pids == {str(server_pid(data_dir))}


def test_a_stale_socket_file_is_replaced(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / "redis.sock"
    # A socket file nobody listens on, as a server killed with -9 leaves it.
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as dead:
        dead.bind(str(path))
    assert path.exists()

    assert ensure_embedded(data_dir) == path.resolve()
    assert redis_client(Settings(data_dir=data_dir)).ping()


def test_a_long_data_directory_gets_a_short_socket_path(tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*["un-dossier-de-données-assez-long"] * 4)
    embedded = EmbeddedRedis.under(deep)
    try:
        assert len(str(deep / "redis.sock")) > MAX_SOCKET_PATH
        assert len(str(embedded.socket)) <= MAX_SOCKET_PATH
        assert EmbeddedRedis.under(deep) == embedded  # every process derives the same path
        assert redis_client(Settings(data_dir=deep)).ping()
    finally:
        stop_embedded(deep, save=False)


def test_stopping_a_server_that_is_not_running_says_so(data_dir: Path) -> None:
    assert stop_embedded(data_dir) is False
    ensure_embedded(data_dir)
    assert stop_embedded(data_dir) is True
    assert not (data_dir / "redis.sock").exists()
