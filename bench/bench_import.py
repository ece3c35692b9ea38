"""Spreadsheet import throughput, validation included (issue: target 2,000 records/s).

Run: .venv/bin/python bench/bench_import.py [--actions 10000] [--database-url URL]

Generates a sample directory, writes it as CSV (UTF-8, ``;``) and as XLSX in the documented
layout, then for each format imports the actors and times the import of the actions into a
fresh migrated database. Side by side, in the same run: the same actions created one by one
through the API's service (``create_action``), the path a naive import would take.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine, text
from sqlmodel import Session

from federation.actions.schemas import ActionCreate
from federation.actions.service import create_action
from federation.db.engine import make_engine
from federation.db.migrate import upgrade
from federation.imports.columns import Kind
from federation.imports.planners import Loaded
from federation.imports.service import ImportReport, import_file, load_actors
from federation.imports.writers import action_row, actor_row, write_csv, write_xlsx
from federation.sample.generator import generate_directory

TARGET = 2_000.0
BASE = "https://bench.example"


def fresh_engine(url: str | None, workdir: Path, name: str) -> Engine:
    if url is None:
        engine = make_engine(f"sqlite:///{workdir / name}.db")
    else:
        engine = make_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    return engine


def timed_import(
    engine: Engine, actors: Path, actions: Path
) -> tuple[float, int, tuple[float, float]]:
    """Seconds, actions created, and CPU seconds of this process and of its child (a large
    import renders in one): on a busy machine the CPU times say more than the clock."""
    with Session(engine) as session:
        report = import_file(session, actors, kind=Kind.ACTORS, base_url=BASE)
        session.commit()
        assert not report.errors, report.errors[:3]
    with Session(engine) as session:
        before = os.times()
        start = time.perf_counter()
        report = import_file(session, actions, kind=Kind.ACTIONS, base_url=BASE)
        session.commit()
        elapsed = time.perf_counter() - start
        after = os.times()
    assert not report.errors, report.errors[:3]
    cpu = (
        after.user + after.system - before.user - before.system,
        after.children_user + after.children_system - before.children_user - before.children_system,
    )
    return elapsed, report.counts["actions"].created, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--naive", type=int, default=1_000, help="rows for the one-by-one path")
    parser.add_argument("--database-url", default=None, help="default: a SQLite file")
    args = parser.parse_args()

    directory = generate_directory(actions=args.actions, seed=1)
    keys = {
        actor_id: actor.external_id or str(actor_id)
        for actor_id, actor in zip(directory.actor_ids, directory.actors, strict=True)
    }
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        actor_rows = [actor_row(a) for a in directory.actors]
        action_rows = [action_row(a, keys) for a in directory.actions]
        write_csv(work / "acteurs.csv", Kind.ACTORS, actor_rows)
        write_csv(work / "actions.csv", Kind.ACTIONS, action_rows)
        write_xlsx(work / "acteurs.xlsx", {Kind.ACTORS: actor_rows})
        write_xlsx(work / "actions.xlsx", {Kind.ACTIONS: action_rows})
        print(
            f"{args.actions} actions, {len(directory.actors)} actors; "
            f"database: {args.database_url or 'SQLite (WAL)'}"
        )
        results = {}
        for fmt in ("csv", "xlsx"):
            engine = fresh_engine(args.database_url, work, fmt)
            elapsed, created, (cpu, child_cpu) = timed_import(
                engine, work / f"acteurs.{fmt}", work / f"actions.{fmt}"
            )
            engine.dispose()
            results[fmt] = created / elapsed
            print(
                f"import {fmt.upper():4} : {created} actions in {elapsed:6.2f} s = "
                f"{results[fmt]:8.0f} records/s  ({results[fmt] / TARGET:4.1f}x the "
                f"{TARGET:.0f}/s target); CPU {cpu:5.2f} s + child process {child_cpu:5.2f} s"
            )

        engine = fresh_engine(args.database_url, work, "naive")
        with Session(engine) as session:
            loaded = [Loaded(i, actor) for i, actor in enumerate(directory.actors)]
            load_actors(
                session,
                loaded,
                ImportReport(),
                ids=dict(enumerate(directory.actor_ids)),
                base_url=BASE,
            )
            session.commit()
        sample = directory.actions[: args.naive]
        with Session(engine) as session:
            start = time.perf_counter()
            for action in sample:
                create_action(session, ActionCreate.model_validate(action.model_dump()), BASE)
            session.commit()
            naive = len(sample) / (time.perf_counter() - start)
        engine.dispose()
        print(
            f"one-by-one service path ({len(sample)} rows): {naive:8.0f} records/s; "
            f"bulk import is {results['csv'] / naive:.1f}x (CSV) and "
            f"{results['xlsx'] / naive:.1f}x (XLSX) faster"
        )


if __name__ == "__main__":
    main()
