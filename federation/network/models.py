"""The network that runs this node (one row, kept in step with the settings)."""

from __future__ import annotations

from sqlmodel import Field

from federation.common.models import RecordColumns


class Network(RecordColumns, table=True):
    __tablename__ = "network"

    node_id: str = Field(max_length=63, unique=True)
    name: str = Field(max_length=200)
    acronym: str | None = Field(default=None, max_length=50)
    region: str = Field(max_length=100)
    website: str | None = Field(default=None, max_length=500)
