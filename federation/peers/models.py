"""A registered peer, its harvest cursor and its health."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, Text
from sqlmodel import Field

from federation.common.fields import utcnow
from federation.db.base import SQLModel
from federation.db.types import UTCDateTime


class PeerState(StrEnum):
    ACTIVE = "active"  # harvested on schedule
    UNAVAILABLE = "unavailable"  # failed several times in a row; its data stays, marked stale
    SUSPENDED = "suspended"  # sent a flood of invalid members; an admin must resume it
    HELD = "held"  # a run would delete too much; an admin must confirm or reject


class Peer(SQLModel, table=True):
    __tablename__ = "peer"

    id: int | None = Field(default=None, primary_key=True)
    node_id: str = Field(max_length=100, unique=True)
    base_url: str = Field(max_length=500, unique=True)
    name: str = Field(max_length=300)
    region: str | None = Field(default=None, max_length=100)
    vocabulary_version: str = Field(max_length=100)
    well_known_url: str = Field(max_length=600)
    feed_url: str | None = Field(default=None, max_length=600)
    dump_url: str = Field(max_length=600)
    dump_state_url: str | None = Field(default=None, max_length=600)
    feed_page_size: int = 250  # as the node document states it
    interval_seconds: int = 300
    state: PeerState = Field(default=PeerState.ACTIVE, max_length=20)
    # Feed position: the last sequence number applied to the index (0: nothing yet).
    cursor: int = 0
    # The peer's last sequence number as its feed last said (X-Feed-Last): lag = this - cursor.
    feed_last: int = 0
    # While bootstrapping from the dump: the feed position read before the dump, and the
    # last record IRI applied (the dump is ordered), so that a crash resumes mid-dump.
    bootstrap_seq: int | None = None
    bootstrap_after: str | None = Field(default=None, max_length=600)
    bootstrap_run: int | None = None
    last_page_etag: str | None = Field(default=None, max_length=200)
    records: int = 0
    failures: int = 0
    invalid_streak: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    last_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_success_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # An admin's answer to a held mass deletion: allow deletions up to this feed position
    # (or the whole next bootstrap when -1).
    deletions_confirmed_to: int | None = None
    inbox_token_hash: str | None = Field(default=None, max_length=64)
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
