"""What each harvest run did, and the members it refused (both bounded by age and count)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Integer, Text
from sqlmodel import Field

from federation.common.fields import utcnow
from federation.db.base import SQLModel
from federation.db.types import UTCDateTime


class RunMode(StrEnum):
    BOOTSTRAP = "bootstrap"  # from the dump (then the feed)
    INCREMENTAL = "incremental"  # the feed from the cursor
    UNCHANGED = "unchanged"  # the open page had not changed (one conditional request)
    SKIPPED = "skipped"  # the peer's state forbids harvesting (no request made, no run kept)


class RunStatus(StrEnum):
    RUNNING = "running"
    OK = "ok"
    FAILED = "failed"
    HELD = "held"  # stopped before a mass deletion
    SUSPENDED = "suspended"  # stopped on a flood of invalid members


class HarvestRun(SQLModel, table=True):
    __tablename__ = "harvest_run"

    id: int | None = Field(default=None, primary_key=True)
    peer_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("peer.id", ondelete="CASCADE"), index=True, nullable=False
        )
    )
    mode: str = Field(max_length=20)  # a RunMode
    status: str = Field(max_length=20)  # a RunStatus
    started_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    cursor_from: int = 0
    cursor_to: int = 0
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    rejected: int = 0
    requests: int = 0
    bytes: int = 0
    duration_ms: int = 0
    error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class QuarantinedMember(SQLModel, table=True):
    __tablename__ = "quarantine"

    id: int | None = Field(default=None, primary_key=True)
    peer_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("peer.id", ondelete="CASCADE"), index=True, nullable=False
        )
    )
    run_id: int | None = None
    iri: str | None = Field(default=None, max_length=600)
    seq: int | None = None
    # JSON list of {"code", "message", "message_en", "path"}.
    reasons: str = Field(sa_column=Column(Text, nullable=False))
    excerpt: str = Field(default="", sa_column=Column(Text, nullable=False))
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
