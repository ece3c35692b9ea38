"""Index reader throughput: read + check + map a peer's dump and feed, then apply to the index
(issue: the harvest bootstraps 100,000 actions at 10,000 records/s on two cores; the reader's
own target is 20,000 records/s on one core).

Run: .venv/bin/python bench/bench_index_reader.py [--actions 10000] [--keep DIR]
     [--database-url postgresql://...]

1. Seeds a node's SQLite database with a generated directory (kept with ``--keep``).
2. Takes its dump as a peer receives it (the network, then every record's stored N-Triples),
   cut into the harvester's batches of whole records (about 2 MB each).
3. Times ``read_records`` on every batch (parse, checks, fields, N-Triples: the whole reader),
   with a breakdown by step; then ``read_page`` on the node's feed pages (N-Quads).
4. Times ``apply`` of every member into a fresh, migrated index database (SQLite by default),
   one transaction per batch as the harvester does.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlmodel import Session

from federation.common.bulk_memory import collector_paused
from federation.db.engine import make_engine
from federation.db.migrate import upgrade
from federation.feed import repository as feed_repository
from federation.feed.pages import FeedState, Page, nquads
from federation.harvest.batches import batches
from federation.index import checks, fields, reader, triples
from federation.index.members import Member, ReadLimits
from federation.index.service import apply
from federation.network.service import ensure_network
from federation.publication.dump import stream
from federation.publication.negotiation import Format
from federation.rdf.network import network_triples
from federation.rdf.ntriples import serialize
from federation.sample.seed import seed
from federation.settings import Settings

BASE = "https://bench.example"
TARGET_READ = 20_000.0  # records/s, one core
LIMITS = ReadLimits()


def seeded(database: Path, actions: int) -> Engine:
    engine = make_engine(f"sqlite:///{database}")
    if not database.exists() or database.stat().st_size == 0:
        started = time.perf_counter()
        upgrade(engine)
        with Session(engine) as session:
            seed(session, actions=actions, seed=5, region="Grand Est", base_url=BASE)
            session.commit()
        print(f"seeded {actions} actions in {time.perf_counter() - started:.0f} s")
    return engine


def dump_of(engine: Engine) -> bytes:
    settings = Settings(base_url=BASE, node_id="bench", database_url=str(engine.url))
    with Session(engine) as session:
        network = ensure_network(session, settings)
        head = serialize(network_triples(network, BASE))
        return b"".join(stream(session, Format.NTRIPLES, head, f"{BASE}/vocab/context.jsonld"))


def feed_of(engine: Engine) -> list[bytes]:
    with Session(engine) as session:
        state = FeedState(feed_repository.last_seq(session), feed_repository.horizon(session))
        pages = []
        for number in range(state.last // 250 + 1):
            events = feed_repository.events_between(session, number * 250, (number + 1) * 250)
            pages.append(nquads(Page(number, state, events), BASE))
        return pages


def timed(label: str, count: int, run: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    started, cpu = time.perf_counter(), time.process_time()
    result = run()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"{label}: {count:,} records in {elapsed:.2f} s = {count / elapsed:,.0f} records/s "
        f"({count / cpu:,.0f} per CPU second of this process)"
    )
    return elapsed, result


def breakdown(bodies: list[bytes]) -> None:
    """Where the reader's time goes, step by step (the same work as ``read_records``)."""
    spent = dict.fromkeys(("parse", "checks", "fields", "ntriples"), 0.0)
    count = 0
    clock = time.process_time  # CPU time: other processes on the machine do not count
    for body in bodies:
        with collector_paused():
            count += _steps(body, spent, clock)
    total = sum(spent.values())
    print(
        "  CPU per record: "
        + ", ".join(f"{name} {seconds / count * 1e6:.0f} µs" for name, seconds in spent.items())
        + f" (total {total / count * 1e6:.0f} µs = {count / total:,.0f} records/s)"
    )


def _steps(body: bytes, spent: dict[str, float], clock: Callable[[], float]) -> int:
    count = 0
    started = clock()
    parsed = triples.parse(body, quads=False)
    spent["parse"] += clock() - started
    for iri, graph in parsed.graphs.items():
        kind = checks.kind_of_iri(iri)
        if kind is None:
            continue
        count += 1
        started = clock()
        checks.check_record(graph, iri, base_url=BASE, limits=LIMITS)
        spent["checks"] += clock() - started
        started = clock()
        fields.fields_of(graph, iri, kind)
        spent["fields"] += clock() - started
        started = clock()
        reader.ntriples(graph)
        spent["ntriples"] += clock() - started
    return count


def _read(body: bytes) -> list[Member]:
    """One batch read in a worker process (the members travel back to the caller)."""
    return reader.read_records(body, base_url=BASE, limits=LIMITS)


def fresh_index(url: str | None, workdir: Path) -> Engine:
    if url is None:
        path = workdir / "index.db"
        path.unlink(missing_ok=True)
        engine = make_engine(f"sqlite:///{path}")
    else:
        engine = make_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    return engine


def apply_all(engine: Engine, batches_of_members: list[list[Member]]) -> int:
    applied = 0
    now = datetime.now(UTC)
    with Session(engine) as session:
        for members in batches_of_members:
            counts = apply(session, members, source="peer", peer_id=1, fetched_at=now, run_id=1)
            session.commit()
            applied += counts.added + counts.updated
    return applied


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, default=None, help="reuse/keep the databases here")
    parser.add_argument("--database-url", default=None, help="index database (default SQLite)")
    parser.add_argument("--processes", type=int, default=2, help="also read in N processes")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp())
    workdir.mkdir(parents=True, exist_ok=True)
    engine = seeded(workdir / f"node-{args.actions}.db", args.actions)
    dump = dump_of(engine)
    pieces = (dump[i : i + 65_536] for i in range(0, len(dump), 65_536))  # as HTTP gives it
    bodies = [batch.body for batch in batches(pieces)]
    pages = feed_of(engine)
    engine.dispose()
    checks.shapes_ready()  # compiled once per process, not in the timings
    read_records = reader.read_records
    for body in bodies[:1]:  # warm the caches (known IRIs, good values)
        read_records(body, base_url=BASE, limits=LIMITS)

    def read_dump() -> list[list[Member]]:
        return [read_records(body, base_url=BASE, limits=LIMITS) for body in bodies]

    total = dump.count(b"\n")
    print(f"dump: {len(dump) / 1e6:.0f} MB, {total:,} triples, {len(bodies)} batches")
    gc.collect()
    started, cpu = time.perf_counter(), time.process_time()
    read = read_dump()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    members = [m for batch in read for m in batch]
    print(
        f"read_records (dump): {len(members):,} records in {elapsed:.2f} s = "
        f"{len(members) / elapsed:,.0f} records/s ({len(members) / cpu:,.0f} per CPU second)"
    )
    refused = [m for m in members if m.problems]
    assert not refused, refused[0].problems
    breakdown(bodies)

    def read_feed() -> int:
        return sum(len(reader.read_page(p, base_url=BASE, limits=LIMITS).members) for p in pages)

    timed("read_page (feed)", len(members), read_feed)
    if args.processes > 1:
        with ProcessPoolExecutor(args.processes, initializer=checks.shapes_ready) as pool:
            list(pool.map(_read, bodies[: args.processes]))  # start the workers
            started = time.perf_counter()
            count = sum(map(len, pool.map(_read, bodies)))
            elapsed_pool = time.perf_counter() - started
        print(
            f"read_records in {args.processes} processes: {count:,} records in "
            f"{elapsed_pool:.2f} s = {count / elapsed_pool:,.0f} records/s (members sent back)"
        )
    index = fresh_index(args.database_url, workdir)
    _, applied = timed(
        f"apply ({index.dialect.name})", len(members), lambda: apply_all(index, read)
    )
    assert applied == len(members)
    index.dispose()
    rate = len(members) / elapsed
    verdict = "meets" if rate >= TARGET_READ else "misses"
    print(f"reader: {rate:,.0f} records/s ({verdict} the {TARGET_READ:,.0f} records/s target)")


if __name__ == "__main__":
    main()
