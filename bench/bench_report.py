"""The national report (issue 6): the full report, all aggregations, on an index of 100,000
actions in under 1 s; what keeping the report tables in step costs per 1,000 changed rows.

Run: cd bench && ../.venv/bin/python bench_report.py [--actions 100000] [--runs 7] [--check]
     [--database /tmp/fed-bench-…/index.db]  (a copy made by an earlier run, tables built)

1. ``working_copy(N)`` (synthetic_index.py: 12 networks, N actions, about N/5 actors). Its
   cache was built by ``index.derived.changed``; while derived.py does not call
   ``reports.store.refresh``, the report tables are empty there, and this bench fills them
   with ``reports.store.rebuild`` (the same refresh, in batches of 2,000 rows) and says so.
2. The full national report through ``reports.service.produce`` (read the running totals,
   build every table, the as-of statement, canonical JSON, digest, compress, store) plus the
   JSON answer's bytes: the first run (a new snapshot stored) and the median of the next runs;
   then ``GET /reports`` through the app (FastAPI's TestClient), and the CSV, XLSX and HTML
   renderings of the same report. Wall and CPU time: other processes share this machine.
3. Filtered reports: by network and year (the running totals answer), by country and by
   sector category (a GROUP BY scan of the fact tables).
4. Maintenance: ``reports.store.refresh`` for 1,000 updated actions (removed + added again,
   with a changed budget and country), 1,000 new actions and 1,000 deleted ones, in a
   transaction rolled back afterwards.
5. ``--check``: the scan of the fact tables equals the running totals after all that.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import func, select
from sqlmodel import Session, col
from synthetic_index import working_copy

from federation.api.app import create_app
from federation.codelists.registry import codelists
from federation.db.engine import make_engine
from federation.db.metadata import metadata
from federation.index.models import IndexRecord
from federation.reports import formats, scan, service, store, views
from federation.reports.filters import ReportFilters, parse_items
from federation.reports.models import ReportRecord
from federation.settings import Environment, Settings

TARGET_SECONDS = 1.0
T = TypeVar("T")


def timed(work: Callable[[], T]) -> tuple[T, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def line(label: str, wall: float, cpu: float, extra: str = "") -> None:
    print(f"  {label:<44} {wall * 1000:8.0f} ms wall {cpu * 1000:8.0f} ms CPU  {extra}")


def prepare(session: Session) -> None:
    """Report tables present and filled (see the module's docstring, step 1)."""
    tables = [table for name, table in metadata.tables.items() if name.startswith("report_")]
    metadata.create_all(session.connection(), tables=tables, checkfirst=True)
    records = session.execute(select(func.count()).select_from(ReportRecord)).scalar_one()
    if records:
        print(f"report tables already kept by index.derived: {records:,} records")
        return
    _, wall, cpu = timed(lambda: store.rebuild(session))
    session.commit()
    print(
        "report tables built by this bench with reports.store.rebuild "
        "(index.derived does not call reports.store.refresh yet):"
    )
    line("rebuild from the index", wall, cpu)


def full_report(session: Session, settings: Settings, runs: int) -> float:
    def once() -> bytes:
        report = service.produce(session, settings, ReportFilters())
        body = report.json_bytes({"self": f"/reports/{report.id}"})
        session.commit()
        return body

    body, wall, cpu = timed(once)
    line("full report, first (new snapshot)", wall, cpu, f"{len(body) / 1e6:.1f} MB JSON")
    walls, cpus = [], []
    for _ in range(runs):
        _, wall, cpu = timed(once)
        walls.append(wall)
        cpus.append(cpu)
    median = statistics.median(walls)
    line(
        f"full report, median of {runs}",
        median,
        statistics.median(cpus),
        f"(min {min(walls) * 1000:.0f} ms)",
    )
    content = json.loads(body)
    print(f"  {content['totals']}; {sum(len(r) for r in content['tables'].values()):,} rows")
    return median


def renderings(session: Session, settings: Settings, engine: Any) -> None:
    report = service.produce(session, settings, ReportFilters())
    session.commit()
    content = report.as_json()
    for label, work in (
        ("CSV of the full report", lambda: formats.to_csv(content)),
        ("XLSX of the full report", lambda: formats.to_xlsx(content)),
        ("HTML sections of the full report", lambda: views.sections(content)),
    ):
        result, wall, cpu = timed(work)
        size = f"{len(result) / 1e6:.1f} MB" if isinstance(result, bytes) else ""
        line(label, wall, cpu, size)
    app = create_app(settings, engine=engine)
    with TestClient(app) as client:
        client.get("/reports")
        for fmt in ("json", "html"):
            response, wall, cpu = timed(partial(client.get, f"/reports?format={fmt}"))
            assert response.status_code == 200, response.text
            line(f"GET /reports?format={fmt} (TestClient)", wall, cpu)


def filtered(session: Session, settings: Settings) -> None:
    source = session.execute(select(col(ReportRecord.source)).limit(1)).scalar_one()
    for query in (
        [("source", source)],
        [("year", "2024")],
        [("country", "BF")],
        [("sector", "140")],
        [("country", "BF"), ("year", "2023-2025")],
    ):
        filters = parse_items(query)
        path = "totals" if filters.on_totals else "scan"
        report, wall, cpu = timed(partial(service.produce, session, settings, filters))
        session.commit()
        text = "&".join(f"{k}={v}" for k, v in query)
        line(f"{text} ({path})", wall, cpu, f"{report.content['totals']['actions']:,} actions")


def maintenance(session: Session, changed: int) -> None:
    rng = random.Random(6)
    rows = [
        dict(row._mapping)
        for row in session.execute(
            select(
                col(IndexRecord.iri),
                col(IndexRecord.kind),
                col(IndexRecord.source),
                col(IndexRecord.fetched_at),
                col(IndexRecord.data),
            )
            .where(col(IndexRecord.kind) == "action")
            .order_by(func.random())
            .limit(3 * changed)
        )
    ]
    updated, deleted, added = rows[:changed], rows[changed : 2 * changed], []
    for row in updated:
        data = json.loads(row["data"])
        data["countries"] = sorted({*data["countries"], rng.choice(["BF", "SN", "ML", "TG"])})
        if data.get("budget"):
            data["budget"]["amount"] = str(int(float(data["budget"]["amount"])) + 100)
        row["data"] = json.dumps(data)
    for n, row in enumerate(rows[2 * changed :]):
        added.append({**row, "iri": row["iri"] + f"-copy-{n}"})
    for label, removed, new in (
        (f"{changed:,} updated actions", [r["iri"] for r in updated], updated),
        (f"{changed:,} new actions", [], added),
        (f"{changed:,} deleted actions", [r["iri"] for r in deleted], []),
    ):
        _, wall, cpu = timed(partial(store.refresh, session, removed, new))
        line(f"refresh: {label}", wall, cpu)


def check(session: Session) -> None:
    everything = ReportFilters()
    totals = scan.from_totals(session, everything)
    scanned, scan_wall, _ = timed(lambda: scan.scanned(session, everything))
    same = sorted(totals.totals) == sorted(scanned.totals) and [tuple(r) for r in totals.cube] == [
        tuple(r) for r in scanned.cube
    ]
    print(f"  scan of the facts == running totals: {same} (scan {scan_wall:.1f} s)")
    if not same:
        raise SystemExit("the running totals differ from the facts")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--actions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--changed", type=int, default=1_000)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--database", help="an earlier working copy to use again")
    args = parser.parse_args()
    path = args.database or working_copy(args.actions)
    url = f"sqlite:///{path}"
    settings = Settings(
        environment=Environment.TEST,
        secret_key=SecretStr("bench"),
        node_id="national",
        database_url=url,
    )
    engine = make_engine(url)
    codelists()  # read once per process, as a running node has
    with Session(engine) as session:
        prepare(session)
        actions = session.execute(
            select(func.count()).where(col(IndexRecord.kind) == "action")
        ).scalar_one()
        print(f"index: {actions:,} actions ({path})")
        print("full national report (target: under 1 s):")
        median = full_report(session, settings, args.runs)
        print(f"  ratio to the {TARGET_SECONDS:.0f} s target: {median / TARGET_SECONDS:.2f}")
        renderings(session, settings, engine)
        print("filtered reports:")
        filtered(session, settings)
        print(f"keeping the report tables in step (per {args.changed:,} changed rows):")
        maintenance(session, args.changed)
        if args.check:
            check(session)
        session.rollback()
    engine.dispose()


if __name__ == "__main__":
    main()
