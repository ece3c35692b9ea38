"""Columns every directory record has: a stable UUID, timestamps and a version counter."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field

from federation.common.fields import new_id, utcnow
from federation.db.base import SQLModel
from federation.db.types import UTCDateTime


class RecordColumns(SQLModel):
    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    created: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    modified: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    # Bumped on every change: the basis of ETags and, later, of the change feed.
    version: int = Field(default=1, nullable=False)


class Tombstone(SQLModel, table=True):
    """A deleted record, remembered so that its IRI answers 410 Gone instead of 404."""

    __tablename__ = "tombstone"

    id: uuid.UUID = Field(primary_key=True)
    kind: str = Field(max_length=20, nullable=False)
    deleted: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
