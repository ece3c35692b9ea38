"""Make the stored RDF match the records: after an upgrade from a version that did not store
it, or after the node's base URL changed (every IRI changes with it). And put every record in
the change feed once: a database from before the feed has records but no events."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlmodel import Session, col

from federation.actions import repository as actions_repository
from federation.actions import service as actions_service
from federation.actions.models import Action
from federation.actors import repository as actors_repository
from federation.actors import service as actors_service
from federation.actors.models import Actor
from federation.feed.service import record_unfed
from federation.groups import repository as groups_repository
from federation.groups import service as groups_service
from federation.groups.models import WorkingGroup
from federation.publication.models import RecordRdf
from federation.publication.service import publish
from federation.rdf.records import PublicRecord

BATCH = 1_000


def _readers(
    base_url: str,
) -> list[tuple[type, Callable[[Session, list[uuid.UUID]], Sequence[PublicRecord]]]]:
    return [
        (
            Actor,
            lambda s, ids: [
                actors_service.to_public(r, base_url)
                for r in actors_repository.rows_by_ids(s, ids).values()
            ],
        ),
        (
            Action,
            lambda s, ids: [
                actions_service.to_public(r, base_url)
                for r in actions_repository.rows_by_ids(s, ids).values()
            ],
        ),
        (
            WorkingGroup,
            lambda s, ids: [
                groups_service.to_public(r, base_url)
                for r in groups_repository.rows_by_ids(s, ids).values()
            ],
        ),
    ]


def backfill(session: Session, base_url: str) -> int:
    """Publish every record whose stored RDF is missing, stale or minted under another base
    URL (each publication is a feed event), then give a create event to every stored record
    still without one; returns how many were (re)published. Flushes only."""
    sample = session.execute(select(col(RecordRdf.ntriples)).limit(1)).scalar_one_or_none()
    everything = sample is not None and f"<{base_url}/".encode() not in sample
    done = 0
    for model, read in _readers(base_url):
        stmt = select(model.id).outerjoin(RecordRdf, RecordRdf.id == model.id)  # type: ignore[attr-defined]
        if not everything:
            stmt = stmt.where(
                (col(RecordRdf.id).is_(None)) | (RecordRdf.version != model.version)  # type: ignore[attr-defined]
            )
        ids = [row[0] for row in session.execute(stmt)]
        for start in range(0, len(ids), BATCH):
            publish(session, read(session, ids[start : start + BATCH]))
        done += len(ids)
    session.flush()
    record_unfed(session)
    session.flush()
    return done
