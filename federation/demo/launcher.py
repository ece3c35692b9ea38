"""Start the demo federation: each node is a real ``federation serve`` process with its own
SQLite file, and a real ``federation worker`` (Celery worker + beat on the node's embedded
Redis). The national node registers the three regional ones as peers and harvests them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

from federation.broker import stop_embedded
from federation.demo.nodes import NATIONAL, NODES, REGIONAL, DemoNode
from federation.errors import FederationError

STARTUP_SECONDS = 120.0


@dataclass
class DemoOptions:
    host: str = "127.0.0.1"
    base_port: int = 8000
    actions: int = 300
    interval: int = 5
    data_dir: Path = Path("./data/demo")


@dataclass
class Federation:
    """The running processes, by node."""

    options: DemoOptions
    processes: list[tuple[str, subprocess.Popen[bytes]]] = field(default_factory=list)
    logs: list[IO[bytes]] = field(default_factory=list)

    def environment(self, node: DemoNode) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            node.environment(self.options.host, self.options.base_port, self.options.data_dir)
        )
        return env

    def command(self, node: DemoNode, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(  # noqa: S603 - our own command, fixed arguments
            [sys.executable, "-m", "federation", *args],
            env=self.environment(node),
            capture_output=True,
            check=False,
        )

    def start(self, node: DemoNode, role: str, *args: str) -> None:
        log = (self.options.data_dir / node.node_id / f"{role}.log").open("ab")
        process = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
            [sys.executable, "-m", "federation", *args],
            env=self.environment(node),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append((f"{node.node_id} {role}", process))
        self.logs.append(log)

    def dead(self) -> list[str]:
        return [name for name, process in self.processes if process.poll() is not None]

    def stop(self) -> None:
        for _, process in self.processes:
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + 15
        for _, process in self.processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
        for log in self.logs:
            log.close()
        for node in NODES:  # each node's embedded Redis outlives its processes otherwise
            stop_embedded(self.options.data_dir / node.node_id, save=False)


def _fail(message: str, message_en: str) -> FederationError:
    return FederationError(message=message, message_en=message_en, code="demo_failed")


def _wait_healthy(federation: Federation, node: DemoNode) -> None:
    url = node.base_url(federation.options.host, federation.options.base_port) + "/healthz"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if federation.dead():
            raise _fail(
                f"un processus s'est arrêté : {', '.join(federation.dead())} (voir les journaux "
                f"dans {federation.options.data_dir})",
                f"a process stopped: {', '.join(federation.dead())} (logs in "
                f"{federation.options.data_dir})",
            )
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise _fail(f"{url} ne répond pas", f"{url} does not answer")


def _checked(result: subprocess.CompletedProcess[bytes], what: str) -> None:
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).decode(errors="replace").strip()
        raise _fail(f"{what} : échec ({detail})", f"{what}: failed ({detail})")


@contextmanager
def running(options: DemoOptions, say: Callable[[str], None] = print) -> Iterator[Federation]:
    """The demo federation, up until the block ends."""
    federation = Federation(options)
    try:
        for node in NODES:
            (options.data_dir / node.node_id).mkdir(parents=True, exist_ok=True)
        for node in REGIONAL:
            if not (options.data_dir / node.node_id / "node.db").exists():
                say(f"{node.node_id}: {options.actions} actions d'exemple / sample actions ...")
                _checked(
                    federation.command(
                        node, "seed", "--actions", str(options.actions), "--seed", str(node.seed)
                    ),
                    f"{node.node_id} seed",
                )
        for node in NODES:
            port = str(options.base_port + node.port_offset)
            federation.start(node, "server", "serve", "--host", options.host, "--port", port)
        for node in NODES:
            _wait_healthy(federation, node)
        known = federation.command(NATIONAL, "peers", "list").stdout.decode()
        for node in REGIONAL:
            url = node.base_url(options.host, options.base_port)
            if url not in known:
                _checked(
                    federation.command(
                        NATIONAL, "peers", "add", url, "--interval", str(options.interval)
                    ),
                    f"{NATIONAL.node_id} peers add {url}",
                )
        for node in NODES:
            federation.start(node, "worker", "worker", "--concurrency", "1")
        yield federation
    finally:
        federation.stop()


def describe(options: DemoOptions) -> str:
    lines = ["Fédération de démonstration / demo federation:"]
    for node in NODES:
        url = node.base_url(options.host, options.base_port)
        role = "régional / regional" if node.regional else "national (moissonne / harvests all)"
        lines.append(f"  {node.node_id:18} {url:28} {node.region} — {role}")
    lines.append(
        f"Le nœud national moissonne toutes les {options.interval} s / the national node "
        f"harvests every {options.interval} s. Ctrl-C arrête tout / stops everything."
    )
    lines.append(f"Journaux / logs: {options.data_dir}/<node>/*.log")
    return "\n".join(lines)
