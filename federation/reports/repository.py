"""Queries on the report fact tables and their running totals (reports/models.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table, and_, bindparam, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, SQLModel, col

from federation.db.bulk import insert_rows
from federation.reports.driver import execute_many, fetch, insert_many
from federation.reports.facts import Amount, Cell, Facts
from federation.reports.models import (
    ReportAmount,
    ReportFact,
    ReportFunder,
    ReportRecord,
    ReportSdg,
    ReportTotal,
)
from federation.reports.totals import Totals

CHUNK = 1_000  # values per IN (...) list
FACT_TABLES: tuple[type[SQLModel], ...] = (ReportFact, ReportAmount, ReportFunder, ReportSdg)
TOTAL_KEY = ("section", "source", "year", "a", "b")


def _table(model: type[SQLModel]) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def _chunks(values: Sequence[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), CHUNK):
        yield list(values[start : start + CHUNK])


def load(session: Session, iris: Sequence[str]) -> dict[int, Facts]:
    """The stored facts of the records among ``iris``, by record id."""
    found: dict[int, Facts] = {}
    records: dict[int, Any] = {}
    record_table = _table(ReportRecord)
    for chunk in _chunks(iris):
        for record in session.execute(select(record_table).where(record_table.c.iri.in_(chunk))):
            records[record.id] = record
    ids = sorted(records)
    cells: dict[int, list[Cell]] = defaultdict(list)
    goals: dict[int, list[str]] = defaultdict(list)
    items: dict[tuple[int, int], list[Any]] = defaultdict(list)
    fact, sdg, amount = _table(ReportFact), _table(ReportSdg), _table(ReportAmount)
    money = [amount.c.record, amount.c.item, amount.c.flow, amount.c.amount_year]
    money += [amount.c.currency, amount.c.funder_type, amount.c.country, amount.c.category]
    for chunk in _chunks(ids):
        place = select(fact.c.record, fact.c.country, fact.c.category)
        for record_id, country, category in fetch(session, place.where(fact.c.record.in_(chunk))):
            cells[record_id].append((country, category))
        goal = select(sdg.c.record, sdg.c.goal).where(sdg.c.record.in_(chunk))
        for record_id, code in fetch(session, goal):
            goals[record_id].append(code)
        part = select(*money, amount.c.cents).where(amount.c.record.in_(chunk))
        for row in fetch(session, part):
            items[(row[0], row[1])].append(row)
    amounts: dict[int, list[Amount]] = defaultdict(list)
    for (record_id, item), rows in sorted(items.items()):
        _, _, flow, year, currency, funder_type, _, _, _ = rows[0]
        amounts[record_id].append(
            Amount(
                item=item,
                flow=flow,
                year=year,
                currency=currency,
                funder=None,
                funder_type=funder_type,
                cells=tuple(((r[6], r[7]), int(r[8])) for r in rows),
            )
        )
    for record_id, record in records.items():
        found[record_id] = Facts(
            iri=record.iri,
            kind=record.kind,
            source=record.source,
            fetched_at=record.fetched_at,
            year=record.year,
            action_kind=record.action_kind,
            status=record.status,
            actor_type=record.actor_type,
            cells=tuple(sorted(cells[record_id])),
            goals=tuple(sorted(goals[record_id])),
            amounts=tuple(amounts[record_id]),
        )
    return found


def delete_records(session: Session, ids: Sequence[int]) -> None:
    for chunk in _chunks(ids):
        for model in FACT_TABLES:
            table = _table(model)
            session.execute(delete(table).where(table.c.record.in_(chunk)))
        session.execute(delete(ReportRecord).where(col(ReportRecord.id).in_(chunk)))


def insert_facts(session: Session, all_facts: Sequence[Facts]) -> list[int]:
    """Write the facts; returns the new record ids, in the order given."""
    if not all_facts:
        return []
    table = _table(ReportRecord)
    rows = [
        {
            "iri": f.iri,
            "kind": f.kind,
            "source": f.source,
            "fetched_at": f.fetched_at,
            "year": f.year,
            "action_kind": f.action_kind,
            "status": f.status,
            "actor_type": f.actor_type,
        }
        for f in all_facts
    ]
    # One executemany, then the ids by IRI: RETURNING in parameter order goes row by row on
    # SQLite, several times slower.
    insert_rows(session, ReportRecord, rows)
    id_of: dict[str, int] = {}
    for chunk in _chunks([f.iri for f in all_facts]):
        id_of.update(
            (iri, record_id)
            for record_id, iri in session.execute(
                select(table.c.id, table.c.iri).where(table.c.iri.in_(chunk))
            )
        )
    ids = [id_of[f.iri] for f in all_facts]
    facts_rows: list[tuple[Any, ...]] = []
    sdg_rows: list[tuple[Any, ...]] = []
    amount_rows: list[tuple[Any, ...]] = []
    funder_rows: list[tuple[Any, ...]] = []
    for record_id, f in zip(ids, all_facts, strict=True):
        shared = (record_id, f.source, f.year, f.action_kind, f.status)
        described = (*shared, f.kind, f.actor_type)
        facts_rows.extend((*described, c, s) for c, s in f.cells)
        sdg_rows.extend((*described, goal) for goal in f.goals)
        for a in f.amounts:
            money = (*shared, a.item, a.flow, a.year, a.currency, a.funder_type)
            amount_rows.extend((*money, c, s, cents) for (c, s), cents in a.cells)
            if a.funder:
                funder_rows.append((record_id, a.item, a.funder))
    shared_names = ("record", "source", "year", "action_kind", "status")
    described_names = (*shared_names, "kind", "actor_type")
    insert_many(session, ReportFact, (*described_names, "country", "category"), facts_rows)
    insert_many(session, ReportSdg, (*described_names, "goal"), sdg_rows)
    money_names = (*shared_names, "item", "flow", "amount_year", "currency", "funder_type")
    insert_many(session, ReportAmount, (*money_names, "country", "category", "cents"), amount_rows)
    insert_many(session, ReportFunder, ("record", "item", "funder"), funder_rows)
    return ids


def actor_types(session: Session, iris: Sequence[str]) -> dict[str, str]:
    """The ``actor_type`` of the actors among ``iris`` that are in the reports' records."""
    found: dict[str, str] = {}
    for chunk in _chunks(sorted(set(iris))):
        stmt = select(col(ReportRecord.iri), col(ReportRecord.actor_type)).where(
            col(ReportRecord.kind) == "actor", col(ReportRecord.iri).in_(chunk)
        )
        found.update((iri, kind) for iri, kind in session.execute(stmt))
    return found


def fundings_of(
    session: Session, funders: Sequence[str], skip: set[int]
) -> list[tuple[int, int, str, str, int, str, str, int]]:
    """The fundings by ``funders`` (records in ``skip`` left out): record, item, funder, source,
    year, currency, funder type as stored, and the whole amount in hundredths."""
    amount, funder = _table(ReportAmount), _table(ReportFunder)
    found: list[tuple[int, int, str, str, int, str, str, int]] = []
    for chunk in _chunks(sorted(set(funders))):
        keys = (
            amount.c.record,
            amount.c.item,
            funder.c.funder,
            amount.c.source,
            amount.c.year,
            amount.c.currency,
            amount.c.funder_type,
        )
        stmt = (
            select(*keys, func.sum(amount.c.cents))  # one line per funding, not per cell
            .join(
                funder,
                and_(funder.c.record == amount.c.record, funder.c.item == amount.c.item),
            )
            .where(funder.c.funder.in_(chunk))
            .group_by(*keys)
        )
        found.extend(
            (row[0], row[1], row[2], row[3], row[4], row[5], row[6], int(row[7]))
            for row in session.execute(stmt)
            if row[0] not in skip
        )
    return found


def set_funder_types(session: Session, changes: Sequence[tuple[int, int, str]]) -> None:
    """Store a new funder type on the amount rows of fundings (record, item, type)."""
    if not changes:
        return
    table = _table(ReportAmount)
    stmt = (
        update(table)
        .where(table.c.record == bindparam("r"), table.c.item == bindparam("i"))
        .values(funder_type=bindparam("t"))
    )
    session.execute(stmt, [{"r": r, "i": i, "t": t} for r, i, t in changes])


def add_totals(session: Session, totals: Totals) -> None:
    """Add ``totals`` to the running totals; totals that fall to nothing are removed. Keys go
    in sorted order so that two transactions lock rows in the same order (no deadlock)."""
    changes = sorted((key, nv) for key, nv in totals.items() if nv != [0, 0])
    if not changes:
        return
    table = _table(ReportTotal)
    dialect = session.connection().dialect.name
    base = postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
    stmt = base.on_conflict_do_update(
        index_elements=list(TOTAL_KEY),
        set_={"n": table.c.n + base.excluded.n, "value": table.c.value + base.excluded.value},
    )
    names = (*TOTAL_KEY, "n", "value")
    values = stmt.values({name: bindparam(name) for name in names})
    execute_many(session, values, names, [(*key, n, value) for key, (n, value) in changes])
    emptied = [key for key, (n, _) in changes if n < 0]
    where = [table.c[name] == bindparam(f"k_{name}") for name in TOTAL_KEY]
    keys = [f"k_{name}" for name in TOTAL_KEY]
    execute_many(session, delete(table).where(*where, table.c.n == 0), keys, emptied)


def clear(session: Session) -> None:
    """Empty the fact tables and the totals (before a rebuild)."""
    models: tuple[type[SQLModel], ...] = (*FACT_TABLES, ReportTotal, ReportRecord)
    for model in models:
        session.execute(delete(_table(model)))
