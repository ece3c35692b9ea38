"""N-Triples dump throughput and memory (issue: >= 5x rdflib's Graph.serialize(format="nt")
on the same data, with server memory that does not grow with the directory).

Run: .venv/bin/python bench/bench_dump.py [--actions 100000] [--keep DIR]

1. Seeds a node's SQLite database with a generated directory (every record's N-Triples is
   stored when it is written, as in normal operation).
2. Starts the node (``federation serve``) on loopback and downloads ``/dump.nt`` over HTTP,
   counting triples; samples the server's resident memory during the download.
3. Side by side: parses the same dump into an rdflib Graph (not timed) and times
   ``Graph.serialize(format="nt")``. Prints both rates and the ratio.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from rdflib import Graph
from sqlmodel import Session

from federation.db.engine import make_engine
from federation.db.migrate import upgrade
from federation.sample.seed import seed

BASE = "http://127.0.0.1"
TARGET_RATIO = 5.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def serve(database: Path, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "FED_DATABASE_URL": f"sqlite:///{database}",
        "FED_BASE_URL": f"{BASE}:{port}",
        "FED_NODE_ID": "bench",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "federation", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):
        try:
            if httpx.get(f"{BASE}:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("the node did not start")


def download(url: str, pid: int) -> tuple[float, int, int, int, int]:
    """(seconds, bytes, triples, rss before KiB, peak rss KiB) of one streamed download."""
    before = rss_kib(pid)
    peak = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], rss_kib(pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    size = lines = 0
    start = time.perf_counter()
    with httpx.stream("GET", url, timeout=600) as response:
        response.raise_for_status()
        for chunk in response.iter_bytes(1 << 20):
            size += len(chunk)
            lines += chunk.count(b"\n")
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    return elapsed, size, lines, before, peak[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actions", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, default=None, help="reuse/keep the database here")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp())
    workdir.mkdir(parents=True, exist_ok=True)
    database = workdir / f"dump-{args.actions}.db"
    if not database.exists():
        started = time.perf_counter()
        engine = make_engine(f"sqlite:///{database}")
        upgrade(engine)
        with Session(engine) as session:
            seed(session, actions=args.actions, seed=5, region="Grand Est", base_url="http://x")
            session.commit()
        engine.dispose()
        print(f"seeded {args.actions} actions in {time.perf_counter() - started:.0f} s")
    port = free_port()
    process = serve(database, port)  # republishes under its own base URL at start
    try:
        download(f"{BASE}:{port}/dump.nt", process.pid)  # warm the page cache
        elapsed, size, triples, before, peak = download(f"{BASE}:{port}/dump.nt", process.pid)
        dump_path = workdir / "dump.nt"
        with (
            httpx.stream("GET", f"{BASE}:{port}/dump.nt", timeout=600) as response,
            dump_path.open("wb") as out,
        ):
            for chunk in response.iter_bytes(1 << 20):
                out.write(chunk)
    finally:
        process.terminate()
        process.wait(timeout=30)
    ours = triples / elapsed
    print(
        f"/dump.nt over HTTP: {triples:,} triples, {size / 1e6:.0f} MB in {elapsed:.2f} s = "
        f"{ours:,.0f} triples/s; server memory {before / 1024:.0f} MiB before, "
        f"peak {peak / 1024:.0f} MiB during (+{(peak - before) / 1024:.0f} MiB)"
    )
    graph = Graph()
    graph.parse(dump_path, format="nt")
    start = time.perf_counter()
    graph.serialize(destination=os.devnull, format="nt", encoding="utf-8")
    baseline_elapsed = time.perf_counter() - start
    baseline = len(graph) / baseline_elapsed
    print(
        f"rdflib Graph.serialize(format='nt'), same data: {len(graph):,} triples in "
        f"{baseline_elapsed:.2f} s = {baseline:,.0f} triples/s"
    )
    ratio = ours / baseline
    verdict = "meets" if ratio >= TARGET_RATIO else "misses"
    print(f"ratio: {ratio:.1f}x ({verdict} the {TARGET_RATIO:.0f}x target)")


if __name__ == "__main__":
    main()
