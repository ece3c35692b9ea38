"""Keep each record's published RDF in step with the record, in the same transaction, and
hand out what the publication routes serve."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from federation.common.records import RecordKind, missing
from federation.feed.service import record_deletions, record_versions
from federation.publication import repository
from federation.publication.models import RecordRdf
from federation.rdf.records import PublicRecord, Publishable, kind_of, record_ntriples


def publish(session: Session, records: Sequence[PublicRecord]) -> None:
    """Serialise the records once (N-Triples) and store the text next to them."""
    store(session, [published_row(record) for record in records])


def published_row(record: Publishable) -> dict[str, Any]:
    """A record's stored RDF: its N-Triples and what the feed says of it (plain values, so a
    bulk load can make them in another process)."""
    triples, text = record_ntriples(record)
    return {
        "id": record.id,
        "kind": kind_of(record).value,
        "version": record.version,
        "modified": record.modified,
        "triples": triples,
        "ntriples": text.encode(),
    }


def store(session: Session, rows: list[dict[str, Any]]) -> None:
    """Store rows made by ``published_row`` and append their versions to the feed."""
    repository.replace(session, rows)
    record_versions(session, rows)


def unpublish(session: Session, ids: Sequence[uuid.UUID]) -> None:
    """Withdraw the records' RDF and put their deletion in the feed."""
    deleted = repository.versions(session, ids)
    repository.remove(session, ids)
    record_deletions(session, deleted)


def stored_rdf(session: Session, kind: RecordKind, record_id: uuid.UUID) -> RecordRdf:
    """A record's stored RDF, or 404 / 410 like the record itself."""
    row = repository.get(session, record_id)
    if row is None or row.kind != kind.value:
        raise missing(session, kind, record_id)
    return row
