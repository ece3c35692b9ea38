"""Tables of the working groups and their memberships."""

from __future__ import annotations

import uuid

from sqlalchemy import Column, ForeignKey, String
from sqlmodel import Field

from federation.common.models import RecordColumns
from federation.db.base import SQLModel


class WorkingGroup(RecordColumns, table=True):
    """A country or theme group that the network runs."""

    __tablename__ = "working_group"

    external_id: str | None = Field(default=None, max_length=100, unique=True)
    name: str = Field(max_length=300)
    kind: str = Field(max_length=20, index=True)
    country: str | None = Field(default=None, max_length=2, index=True)
    theme: str | None = Field(default=None, max_length=5)
    description: str | None = Field(default=None, max_length=10_000)


class GroupMembership(SQLModel, table=True):
    __tablename__ = "group_membership"

    group_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("working_group.id", ondelete="CASCADE"), primary_key=True)
    )
    actor_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("actor.id", ondelete="RESTRICT"), primary_key=True, index=True)
    )
    role: str = Field(sa_column=Column(String(20), nullable=False))
    position: int = Field(default=0)
