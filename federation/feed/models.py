"""Feed events: one row per version of a record, numbered by a sequence that only grows."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, Index, Integer, LargeBinary
from sqlmodel import Field

from federation.db.base import SQLModel
from federation.db.types import UTCDateTime


class Activity(StrEnum):
    """What an event did to its record (``as:Create``, ``as:Update``, ``as:Delete``)."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class FeedEvent(SQLModel, table=True):
    """A member of the event stream: ``as:Create``, ``as:Update`` or ``as:Delete`` of a record.

    ``ntriples`` is the record's full description at that version (the tombstone for a
    delete), copied so that a closed page never changes when the record changes later.
    """

    __tablename__ = "feed_event"
    # AUTOINCREMENT: SQLite must never hand out a sequence number again after compaction
    # removed the highest rows.
    __table_args__ = (
        Index("ix_feed_event_record_seq", "record_id", "seq"),
        {"sqlite_autoincrement": True},
    )

    seq: int | None = Field(
        default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True)
    )
    record_id: uuid.UUID
    kind: str = Field(max_length=20)
    activity: str = Field(max_length=10)  # create | update | delete
    version: int
    at: datetime = Field(sa_type=UTCDateTime)
    ntriples: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class FeedHorizon(SQLModel, table=True):
    """Where compaction stopped: a harvester whose cursor is below ``seq`` may have missed
    tombstones and must bootstrap again. One row (id 1), absent until the first compaction."""

    __tablename__ = "feed_horizon"

    id: int = Field(default=1, primary_key=True)
    seq: int
    compacted_at: datetime = Field(sa_type=UTCDateTime)
