"""What the SPARQL copy reads from the index: where the index stands, and its rows in batches."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session, col

from federation.index.models import IndexRecord


def fingerprint(session: Session) -> str:
    """Where the index stands, in one scan: rows, sum of versions, latest fetch and change.
    Any apply changes it (an update raises a version, an insert or a delete the count and the
    latest fetch); it stands in for a generation counter the index does not keep yet."""
    stmt = select(
        func.count(),
        func.coalesce(func.sum(col(IndexRecord.version)), 0),
        func.max(col(IndexRecord.fetched_at)),
        func.max(col(IndexRecord.modified)),
    ).select_from(IndexRecord)
    count, versions, fetched, modified = session.execute(stmt).one()
    stamps = [stamp.isoformat() if stamp is not None else "-" for stamp in (fetched, modified)]
    return f"{count}:{versions}:{stamps[0]}:{stamps[1]}"


def records_after(session: Session, after: str, limit: int) -> list[tuple[str, bytes]]:
    """(IRI, N-Triples) of the next ``limit`` rows in IRI order after ``after`` (keyset
    pagination: every batch is one indexed range read, whatever the size of the index)."""
    stmt = (
        select(col(IndexRecord.iri), col(IndexRecord.ntriples))
        .where(col(IndexRecord.iri) > after)
        .order_by(col(IndexRecord.iri))
        .limit(limit)
    )
    return [(iri, bytes(ntriples)) for iri, ntriples in session.execute(stmt)]
