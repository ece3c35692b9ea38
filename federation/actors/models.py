"""Tables of the actors of the directory."""

from __future__ import annotations

import uuid

from sqlalchemy import Column, ForeignKey, Index, String
from sqlmodel import Field

from federation.common.models import RecordColumns
from federation.db.base import SQLModel


class Actor(RecordColumns, table=True):
    """An actor of the region: local authority, association, school, hospital, company ..."""

    __tablename__ = "actor"

    external_id: str | None = Field(default=None, max_length=100, unique=True)
    name: str = Field(max_length=300, index=True)
    acronym: str | None = Field(default=None, max_length=50)
    actor_type: str = Field(max_length=40, index=True)
    siren: str | None = Field(default=None, max_length=9, unique=True)
    siret: str | None = Field(default=None, max_length=14, unique=True)
    rna: str | None = Field(default=None, max_length=10, unique=True)
    uai: str | None = Field(default=None, max_length=8, unique=True)
    finess: str | None = Field(default=None, max_length=9, unique=True)
    insee_code: str | None = Field(default=None, max_length=5)
    address: str | None = Field(default=None, max_length=300)
    postal_code: str | None = Field(default=None, max_length=10)
    city: str | None = Field(default=None, max_length=300)
    departement: str | None = Field(default=None, max_length=3)
    region: str | None = Field(default=None, max_length=300)
    website: str | None = Field(default=None, max_length=500)
    description: str | None = Field(default=None, max_length=10_000)
    email: str | None = Field(default=None, max_length=254)
    contact_name: str | None = Field(default=None, max_length=300)
    contact_consent: bool = Field(default=False)


class ActorCode(SQLModel, table=True):
    """A country, sector or SDG an actor works on (one row per code, in the order given)."""

    __tablename__ = "actor_code"
    __table_args__ = (Index("ix_actor_code_scheme_code", "scheme", "code"),)

    actor_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("actor.id", ondelete="CASCADE"), primary_key=True)
    )
    scheme: str = Field(sa_column=Column(String(20), primary_key=True))
    code: str = Field(sa_column=Column(String(20), primary_key=True))
    position: int = Field(default=0)
