"""Harvest throughput (issue 4): a bootstrap of a peer with N actions at >= 10,000 records/s
with the harvester's memory independent of the peer's size; an incremental harvest after 1% of
the actions changed in <= 3% of the bootstrap time; nothing changed = one conditional request.

Run: .venv/bin/python bench/bench_harvest.py [--actions 100000] [--seed 5] [--port 18640]

1. Seeds the peer's SQLite database in another process (``federation seed``), cached under
   /tmp by size, seed and port (about 200 s for 100,000 actions), and serves a copy of it with
   ``federation serve`` on loopback (another process: the harvester's memory is its own).
2. In this process: a fresh SQLite index, the peer registered, a timed bootstrap harvest
   (dump streamed in batches, parsed, checked, applied); records/s and peak RSS.
3. The naive pipeline on a sample of the same dump: rdflib parse + pySHACL validation of a few
   thousand records, extrapolated to records/s (said so in the output); the ratio.
4. 1% of the actions changed through the peer's service functions; a timed incremental
   harvest; then a harvest with nothing changed, and the requests it made.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from pydantic import SecretStr
from pyshacl import validate
from rdflib import Graph
from sqlalchemy import func, select
from sqlmodel import Session, col

from federation.actions.models import Action
from federation.actions.schemas import ActionUpdate
from federation.actions.service import update_action
from federation.db.engine import make_engine
from federation.db.migrate import upgrade
from federation.harvest.client import PeerClient
from federation.harvest.schemas import RunReport
from federation.harvest.service import harvest
from federation.index.models import IndexRecord
from federation.peers.service import register
from federation.settings import Environment, Settings
from schemas.vocabulary import shapes

LOOPBACK = "127.0.0.1"
CACHE = Path(tempfile.gettempdir())
TARGET_RATE = 10_000
TARGET_SHARE = 0.03
NAIVE_SAMPLE = 300  # records: pySHACL with our shapes runs at a few records per second


def cached_peer(actions: int, seed: int, base_url: str) -> Path:
    """The seeded peer database, built once per size, seed and base URL (in another process,
    so that seeding does not count in this process's peak memory)."""
    port = base_url.rsplit(":", 1)[1]
    path = CACHE / f"rrma-bench-harvest-{actions}-seed{seed}-port{port}.db"
    if path.exists():
        return path
    started = time.perf_counter()
    building = path.with_suffix(".building")
    building.unlink(missing_ok=True)
    environment = {
        **os.environ,
        "FED_DATABASE_URL": f"sqlite:///{building}",
        "FED_BASE_URL": base_url,
        "FED_NODE_ID": "bench-peer",
        "FED_REGION": "Grand Est",
    }
    command = [sys.executable, "-m", "federation", "seed", "--actions", str(actions)]
    subprocess.run([*command, "--seed", str(seed)], env=environment, check=True)
    for suffix in ("-wal", "-shm"):  # a clean file: the WAL is checkpointed on close
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    building.rename(path)
    print(f"seeded {actions} actions in {time.perf_counter() - started:.0f} s (cached: {path})")
    return path


def serve(database: Path, base_url: str) -> subprocess.Popen[bytes]:
    port = base_url.rsplit(":", 1)[1]
    environment = {
        **os.environ,
        "FED_DATABASE_URL": f"sqlite:///{database}",
        "FED_BASE_URL": base_url,
        "FED_NODE_ID": "bench-peer",
        "FED_REGION": "Grand Est",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "federation", "serve", "--port", port],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(1_200):
        try:
            if httpx.get(f"{base_url}/.well-known/rrma-federation", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.25)
    process.kill()
    raise SystemExit("the peer did not start")


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def harvester_settings(workdir: Path) -> Settings:
    return Settings(
        environment=Environment.TEST,
        secret_key=SecretStr("bench-secret"),
        node_id="bench-national",
        base_url="http://national.bench",
        database_url=f"sqlite:///{workdir / 'index.db'}",
        harvest_run_deadline_seconds=3_600,
    )


def timed_harvest(settings: Settings, peer_id: int) -> tuple[RunReport, float]:
    engine = make_engine(settings.database_url)
    try:
        started = time.perf_counter()
        report = harvest(engine, settings, peer_id)
        return report, time.perf_counter() - started
    finally:
        engine.dispose()


def naive_rate(base_url: str, sample: int) -> tuple[float, float, int]:
    """rdflib parse + pySHACL on the first ``sample`` records of the dump: records/s of the
    parse alone and of parse + validation."""
    lines: list[bytes] = []
    roots: set[bytes] = set()
    with httpx.stream("GET", f"{base_url}/dump", headers={"Accept": "application/n-triples"}) as r:
        for line in r.iter_lines():
            root = line.split(">", 1)[0].split("#", 1)[0].encode()
            if root not in roots and len(roots) >= sample:
                break
            roots.add(root)
            lines.append(line.encode())
    data = b"\n".join(lines) + b"\n"
    shape_graph = shapes()
    started = time.perf_counter()
    graph = Graph()
    graph.parse(data=data, format="nt")
    parsed = time.perf_counter()
    validate(graph, shacl_graph=shape_graph, allow_warnings=True, inference="none")
    done = time.perf_counter()
    return len(roots) / (parsed - started), len(roots) / (done - started), len(roots)


def change_actions(database: Path, base_url: str, share: float) -> int:
    """Retitle ``share`` of the peer's actions through its service (the feed records them)."""
    engine = make_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        total = session.execute(select(func.count()).select_from(Action)).scalar_one()
        count = max(1, int(total * share))
        ids = session.execute(select(col(Action.id)).order_by(col(Action.id)).limit(count))
        for action_id in list(ids.scalars()):
            update = ActionUpdate(title=f"Action révisée {str(action_id)[:8]}")
            update_action(session, action_id, update, base_url)
        session.commit()
    engine.dispose()
    return count


def index_count(settings: Settings) -> int:
    engine = make_engine(settings.database_url)
    with Session(engine) as session:
        count = session.execute(select(func.count()).select_from(IndexRecord)).scalar_one()
    engine.dispose()
    return int(count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--port", type=int, default=18_640)
    parser.add_argument("--naive-sample", type=int, default=NAIVE_SAMPLE, help="records")
    args = parser.parse_args()
    with socket.socket() as probe:
        if probe.connect_ex((LOOPBACK, args.port)) == 0:
            raise SystemExit(f"port {args.port} is busy: choose another with --port")
    base_url = f"http://{LOOPBACK}:{args.port}"
    workdir = Path(tempfile.mkdtemp(prefix="rrma-bench-harvest-"))
    peer_db = workdir / "peer.db"
    shutil.copyfile(cached_peer(args.actions, args.seed, base_url), peer_db)
    process = serve(peer_db, base_url)
    try:
        settings = harvester_settings(workdir)
        engine = make_engine(settings.database_url)
        upgrade(engine)
        with Session(engine) as session, PeerClient(settings) as client:
            peer, _token = register(session, client, settings, base_url)
            session.commit()
            assert peer.id is not None
            peer_id = peer.id
        engine.dispose()
        rss_before = peak_rss_mib()

        report, seconds = timed_harvest(settings, peer_id)
        records = report.added
        rate = records / seconds
        print(f"bootstrap: {report.line()}")
        print(
            f"bootstrap: {records} records in {seconds:.1f} s = {rate:,.0f} records/s "
            f"(target {TARGET_RATE:,}: {'met' if rate >= TARGET_RATE else 'NOT met'}); "
            f"{report.bytes / seconds / 1e6:.0f} MB/s of N-Triples"
        )
        print(
            f"harvester peak RSS: {peak_rss_mib():.0f} MiB "
            f"(before the harvest: {rss_before:.0f} MiB)"
        )
        assert index_count(settings) == records, "the index does not hold every record"

        parse_only, naive, sample = naive_rate(base_url, args.naive_sample)
        print(
            f"naive pipeline (rdflib parse + pySHACL), measured on the first {sample} records of "
            f"the same dump and extrapolated: {naive:,.1f} records/s (rdflib parse alone: "
            f"{parse_only:,.0f} records/s); about {records / naive:,.0f} s for this dump; "
            f"ours is {rate / naive:,.0f}x faster"
        )

        changed = change_actions(peer_db, base_url, 0.01)
        incremental, inc_seconds = timed_harvest(settings, peer_id)
        share = inc_seconds / seconds
        print(f"incremental: {incremental.line()}")
        print(
            f"incremental after {changed} actions changed (1%): {inc_seconds:.2f} s = "
            f"{share:.1%} of the bootstrap (target <= {TARGET_SHARE:.0%}: "
            f"{'met' if share <= TARGET_SHARE else 'NOT met'})"
        )
        quiet, quiet_seconds = timed_harvest(settings, peer_id)
        print(
            f"nothing changed: {quiet.requests} request(s), {quiet.mode.value}, "
            f"{quiet_seconds * 1000:.0f} ms"
        )
    finally:
        process.terminate()
        process.wait(30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
