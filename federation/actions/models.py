"""Tables of the actions (projects), their participants and fundings."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import BigInteger, Column, ForeignKey, Index, String, Text
from sqlmodel import Field

from federation.common.models import RecordColumns
from federation.db.base import SQLModel


class Action(RecordColumns, table=True):
    """A project of an actor of the region, abroad or in France."""

    __tablename__ = "action"

    external_id: str | None = Field(default=None, max_length=100, unique=True)
    title: str = Field(max_length=300)
    description: str | None = Field(default=None, max_length=10_000)
    kind: str = Field(max_length=40, index=True)
    status: str = Field(max_length=5, index=True)
    planned_start: date | None = None
    planned_end: date | None = None
    actual_start: date | None = None
    actual_end: date | None = None
    budget_cents: int | None = Field(default=None, sa_type=BigInteger)
    budget_currency: str | None = Field(default=None, max_length=3)
    # Localities are free text (villages, districts): a JSON list keeps their order.
    localities: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))


class ActionCode(SQLModel, table=True):
    """A recipient country, sector or SDG of an action, with its optional share in percent."""

    __tablename__ = "action_code"
    __table_args__ = (Index("ix_action_code_scheme_code", "scheme", "code"),)

    action_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("action.id", ondelete="CASCADE"), primary_key=True)
    )
    scheme: str = Field(sa_column=Column(String(20), primary_key=True))
    code: str = Field(sa_column=Column(String(20), primary_key=True))
    position: int = Field(default=0)
    percentage: float | None = None


class Participation(SQLModel, table=True):
    """An actor's role in an action (IATI OrganisationRole); or a partner abroad by name."""

    __tablename__ = "participation"

    id: int | None = Field(default=None, primary_key=True)
    action_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("action.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    position: int = Field(default=0)
    # RESTRICT: an actor still taking part in an action cannot vanish from under it.
    actor_id: uuid.UUID | None = Field(
        default=None,
        sa_column=Column(ForeignKey("actor.id", ondelete="RESTRICT"), nullable=True, index=True),
    )
    name: str | None = Field(default=None, max_length=300)
    country: str | None = Field(default=None, max_length=2)
    organisation_type: str | None = Field(default=None, max_length=5)
    role: str = Field(max_length=5)


class Funding(SQLModel, table=True):
    """Money for an action from one funder in one year; amounts are exact integer cents."""

    __tablename__ = "funding"

    id: int | None = Field(default=None, primary_key=True)
    action_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("action.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    position: int = Field(default=0)
    funder_id: uuid.UUID | None = Field(
        default=None,
        sa_column=Column(ForeignKey("actor.id", ondelete="RESTRICT"), nullable=True, index=True),
    )
    funder_name: str | None = Field(default=None, max_length=300)
    amount_cents: int = Field(sa_type=BigInteger)
    currency: str = Field(max_length=3)
    year: int
    status: str = Field(max_length=20)
