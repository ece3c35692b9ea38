"""API shapes of harvest runs and quarantined members, and the report of one run."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from federation.harvest.models import HarvestRun, QuarantinedMember, RunMode, RunStatus


class RunPublic(BaseModel):
    id: int
    peer_id: int
    mode: RunMode
    status: RunStatus
    started_at: datetime
    finished_at: datetime | None
    cursor_from: int
    cursor_to: int
    added: int
    updated: int
    deleted: int
    unchanged: int
    rejected: int
    requests: int
    bytes: int
    duration_ms: int
    error: str | None

    @classmethod
    def of(cls, run: HarvestRun) -> RunPublic:
        return cls.model_validate(run, from_attributes=True)


class RunsPublic(BaseModel):
    data: list[RunPublic]
    count: int


class Reason(BaseModel):
    code: str
    message: str
    message_en: str
    path: str | None = None


class QuarantinedPublic(BaseModel):
    id: int
    run_id: int | None
    iri: str | None
    seq: int | None
    reasons: list[Reason]
    excerpt: str
    at: datetime

    @classmethod
    def of(cls, row: QuarantinedMember) -> QuarantinedPublic:
        try:
            reasons: Any = json.loads(row.reasons)
        except ValueError:
            reasons = [{"code": "unknown", "message": row.reasons, "message_en": row.reasons}]
        return cls(
            id=row.id or 0,
            run_id=row.run_id,
            iri=row.iri,
            seq=row.seq,
            reasons=reasons,
            excerpt=row.excerpt,
            at=row.at,
        )


class QuarantinePublic(BaseModel):
    data: list[QuarantinedPublic]
    count: int


class RunReport(BaseModel):
    """What one harvest did: printed by ``federation harvest``, kept as a ``HarvestRun``."""

    peer: str = Field(description="The peer's node id")
    run_id: int | None = Field(description="None when the peer was not harvested (skipped)")
    mode: RunMode
    status: RunStatus
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    rejected: int = 0
    requests: int = 0
    bytes: int = 0
    duration_ms: int = 0
    cursor_from: int = 0
    cursor_to: int = 0
    error: str | None = None

    @classmethod
    def of(cls, peer: str, run: HarvestRun) -> RunReport:
        return cls.model_validate(
            {**run.model_dump(exclude={"id", "peer_id"}), "peer": peer, "run_id": run.id}
        )

    def __str__(self) -> str:
        return self.line()

    def line(self) -> str:
        """One line for people (the CLI)."""
        text = (
            f"{self.peer}: {self.status.value} ({self.mode.value}) — {self.added} added, "
            f"{self.updated} updated, {self.deleted} deleted, {self.unchanged} unchanged, "
            f"{self.rejected} rejected; {self.requests} requests, {self.bytes} bytes, "
            f"{self.duration_ms / 1000:.1f} s; feed {self.cursor_from} → {self.cursor_to}"
        )
        return f"{text}; {self.error}" if self.error else text
