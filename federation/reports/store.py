"""Keep the report fact tables and running totals in step with the index, in the same
transaction as every index change (called by ``federation.index.derived.changed``).

A changed row arrives as a removal and an addition: the removed record's facts are read back
and taken off the totals, the new facts written and added. When an actor comes, goes or changes
type, the fundings it gives (in records not rewritten by this call) move to its new funder type.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from federation.index.models import IndexRecord
from federation.reports import repository
from federation.reports.facts import KINDS, Facts, facts_of, funders_of, parse_data
from federation.reports.totals import Totals, contribute, contribute_funder

REBUILD_BATCH = 2_000


def refresh(session: Session, removed: Sequence[str], added: Sequence[dict[str, Any]]) -> None:
    """Index rows ``removed`` (IRIs) are gone and ``added`` (index row dicts) are new."""
    if not removed and not added:
        return
    totals: Totals = {}
    old = repository.load(session, list(dict.fromkeys(removed))) if removed else {}
    for facts in old.values():
        contribute(totals, facts, -1)
    old_types = {f.iri: f.actor_type for f in old.values() if f.kind == "actor"}
    repository.delete_records(session, sorted(old))

    rows = [row for row in added if row["kind"] in KINDS]
    datas = [parse_data(row) for row in rows]
    new_types = {
        row["iri"]: data.get("actor_type") or ""
        for row, data in zip(rows, datas, strict=True)
        if row["kind"] == "actor"
    }
    funders = {iri for row, data in zip(rows, datas, strict=True) for iri in funders_of(row, data)}
    types = repository.actor_types(session, sorted(funders - new_types.keys()))
    types.update(new_types)
    built = (facts_of(row, data, types) for row, data in zip(rows, datas, strict=True))
    new: list[Facts] = [facts for facts in built if facts is not None]
    new_ids = repository.insert_facts(session, new)
    for facts in new:
        contribute(totals, facts)

    _move_fundings(session, totals, old_types, new_types, set(new_ids))
    repository.add_totals(session, totals)


def _move_fundings(
    session: Session,
    totals: Totals,
    old_types: dict[str, str],
    new_types: dict[str, str],
    written: set[int],
) -> None:
    """Fundings by actors whose type changed here (an actor absent from the index has type
    ``""``) move to the new type; the records just written already have it."""
    changed = {
        iri: new_types.get(iri, "")
        for iri in old_types.keys() | new_types.keys()
        if old_types.get(iri, "") != new_types.get(iri, "")
    }
    if not changed:
        return
    moves = []
    for record, item, funder, source, year, currency, stored, cents in repository.fundings_of(
        session, sorted(changed), written
    ):
        target = changed[funder]
        if stored == target:
            continue
        contribute_funder(totals, (source, year, stored, currency), cents, -1)
        contribute_funder(totals, (source, year, target, currency), cents, 1)
        moves.append((record, item, target))
    repository.set_funder_types(session, _merge_moves(moves))


def _merge_moves(moves: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One change per funding (the amount rows of one funding are one per cell)."""
    return sorted(set(moves))


def rebuild(session: Session, batch: int = REBUILD_BATCH) -> int:
    """Build the fact tables and totals again from the whole index (after a migration, or to
    repair); actors first, so that fundings find their funders' types. Returns the records."""
    repository.clear(session)
    count = 0
    for kind in KINDS:
        for rows in _index_rows(session, kind, batch):
            refresh(session, [], rows)
            count += len(rows)
    return count


def _index_rows(session: Session, kind: str, batch: int) -> Iterator[list[dict[str, Any]]]:
    """The index rows of ``kind`` as the dicts ``refresh`` takes, ``batch`` at a time, in IRI
    order (keyset pagination: no cursor held open while this session writes)."""
    after = ""
    columns = (
        col(IndexRecord.iri),
        col(IndexRecord.kind),
        col(IndexRecord.source),
        col(IndexRecord.fetched_at),
        col(IndexRecord.data),
    )
    while True:
        stmt = (
            select(*columns)
            .where(col(IndexRecord.kind) == kind, col(IndexRecord.iri) > after)
            .order_by(col(IndexRecord.iri))
            .limit(batch)
        )
        rows = [dict(row._mapping) for row in session.execute(stmt)]
        if not rows:
            return
        yield rows
        after = rows[-1]["iri"]
