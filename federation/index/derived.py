"""What is derived from the index rows and kept in step with them, in the same transaction:
the search tables, the actor clusters and the report facts. Every change to ``index_record``
goes through ``changed`` (index.service), so a crash never leaves them apart from the rows."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from federation.clusters import store as clusters
from federation.index.models import IndexRecord
from federation.reports import store as reports
from federation.search import store as search
from federation.search.models import SearchDoc

BATCH = 2_000
# Actors first: an action's fundings find their funder's type (reports) among the actors.
KINDS = ("actor", "action", "group")


def changed(session: Session, removed: Sequence[str], added: Sequence[dict[str, Any]]) -> None:
    """Rows of IRIs ``removed`` were deleted, then ``added`` (index row dicts, with ``data``
    as JSON text or already parsed) inserted; an updated row is in both. The stores get
    ``data`` parsed."""
    if not removed and not added:
        return
    # Parsed once here for the three of them (each row's JSON was parsed three times).
    added = [
        {**row, "data": json.loads(row["data"])} if isinstance(row["data"], str) else row
        for row in added
    ]
    search.refresh(session, removed, added)
    clusters.refresh(session, removed, added)
    reports.refresh(session, removed, added)


def rebuild(session: Session) -> int:
    """Build every derived table again from the index rows (after a migration added one, or to
    repair): each row is removed from them, then added, in batches. Admins' same-actor
    decisions are kept (they belong to IRI pairs, not to rows). Returns the rows."""
    count = 0
    for kind in KINDS:
        for rows in _rows(session, kind):
            changed(session, [row["iri"] for row in rows], [])
    for kind in KINDS:
        for rows in _rows(session, kind):
            changed(session, [], rows)
            count += len(rows)
    return count


def missing(session: Session) -> bool:
    """Whether the index has rows that the search tables lack (a database migrated to a schema
    that added the derived tables): then ``rebuild`` is due."""
    rows = session.execute(select(func.count()).select_from(IndexRecord)).scalar_one()
    docs = session.execute(select(func.count()).select_from(SearchDoc)).scalar_one()
    return bool(rows) and docs < rows


def _rows(session: Session, kind: str) -> Iterator[list[dict[str, Any]]]:
    """The index rows of ``kind`` as the dicts ``changed`` takes, a batch at a time in IRI
    order (keyset pagination: nothing held open while the session writes)."""
    after = ""
    table = IndexRecord.__table__  # type: ignore[attr-defined]
    while True:
        statement = (
            select(table)
            .where(col(IndexRecord.kind) == kind, col(IndexRecord.iri) > after)
            .order_by(col(IndexRecord.iri))
            .limit(BATCH)
        )
        rows = [dict(row._mapping) for row in session.execute(statement)]
        if not rows:
            return
        yield rows
        after = rows[-1]["iri"]
