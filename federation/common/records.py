"""What every kind of record shares: its IRI under the node's base URL and its tombstone."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import TypedDict

from sqlalchemy import delete
from sqlmodel import Session, col

from federation.common.fields import utcnow
from federation.common.models import Tombstone
from federation.errors import Conflict, FieldError, Gone, NotFound


class RecordKind(StrEnum):
    """The kinds of records, named as in their URL path."""

    ACTOR = "actors"
    ACTION = "actions"
    GROUP = "groups"

    @property
    def label(self) -> str:
        return {"actors": "Acteur", "actions": "Action", "groups": "Groupe de travail"}[self.value]


class Stamp(TypedDict):
    """The columns every record's row has besides its content."""

    id: uuid.UUID
    created: datetime
    modified: datetime
    version: int


def new_stamp(record_id: uuid.UUID) -> Stamp:
    now = utcnow()
    return {"id": record_id, "created": now, "modified": now, "version": 1}


def next_stamp(record_id: uuid.UUID, created: datetime, version: int) -> Stamp:
    return {"id": record_id, "created": created, "modified": utcnow(), "version": version + 1}


def record_iri(base_url: str, kind: RecordKind, record_id: uuid.UUID) -> str:
    return f"{base_url}/{kind.value}/{record_id}"


def bury(session: Session, kind: RecordKind, record_id: uuid.UUID) -> None:
    """Remember a deleted record so that its IRI answers 410 Gone."""
    session.add(Tombstone(id=record_id, kind=kind.value, deleted=utcnow()))


def unbury(session: Session, record_id: uuid.UUID) -> None:
    session.execute(delete(Tombstone).where(col(Tombstone.id) == record_id))


def missing(session: Session, kind: RecordKind, record_id: uuid.UUID) -> NotFound | Gone:
    """The error for a record that is not there: Gone if it once was, else NotFound."""
    if session.get(Tombstone, record_id) is not None:
        return Gone(kind.label, record_id)
    return NotFound(kind.label, record_id)


def external_id_taken(kind: RecordKind, owner: uuid.UUID) -> Conflict:
    """The error for an external id that another record of the same kind already holds."""
    return Conflict(
        [
            FieldError(
                "external_id",
                "duplicate_identifier",
                f"{kind.label} : cet identifiant externe est déjà pris par {owner}",
                f"{kind.value}: this external id is already held by {owner}",
            )
        ]
    )
