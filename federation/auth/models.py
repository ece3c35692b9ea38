"""API tokens: stored as a SHA-256 hash, never in clear."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlmodel import Field

from federation.common.fields import new_id, utcnow
from federation.db.base import SQLModel
from federation.db.types import UTCDateTime


class Role(StrEnum):
    EDITOR = "editor"
    ADMIN = "admin"


class ApiToken(SQLModel, table=True):
    __tablename__ = "api_token"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    name: str = Field(max_length=100)
    role: Role = Field(max_length=10)
    token_hash: str = Field(max_length=64, unique=True)
    prefix: str = Field(max_length=12)
    created: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_used: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked: datetime | None = Field(default=None, sa_type=UTCDateTime)
