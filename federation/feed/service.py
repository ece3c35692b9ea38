"""Append the versions of records to the feed, in the transaction that wrote them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session

from federation.common.fields import utcnow
from federation.feed import repository
from federation.feed.models import Activity

__all__ = ["Activity", "record_deletions", "record_unfed", "record_versions"]


def record_versions(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Events for records just published: ``rows`` are the stored RDF rows (id, kind,
    version, modified, ntriples). The first version is a create, any later one an update."""
    repository.append(
        session,
        [
            {
                "record_id": row["id"],
                "kind": row["kind"],
                "activity": Activity.CREATE if row["version"] == 1 else Activity.UPDATE,
                "version": row["version"],
                "at": row["modified"],
                "ntriples": row["ntriples"],
            }
            for row in rows
        ],
    )


def record_deletions(
    session: Session, deleted: Sequence[tuple[uuid.UUID, str, int]], at: datetime | None = None
) -> None:
    """Events for deleted records, given (id, kind, last version). The tombstone's triples
    follow from the columns, so they are written when a page is served."""
    when = at or utcnow()
    repository.append(
        session,
        [
            {
                "record_id": record_id,
                "kind": kind,
                "activity": Activity.DELETE,
                "version": version + 1,
                "at": when,
                "ntriples": b"",
            }
            for record_id, kind, version in deleted
        ],
    )


def record_unfed(session: Session) -> int:
    """A create event for every published record that has no event at all: a database from
    before the feed gets each of its records into the feed once. Returns how many."""
    return repository.append_for_unfed_records(session, Activity.CREATE)
