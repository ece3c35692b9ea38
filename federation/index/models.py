"""The index: one row per record IRI, whoever published it, with its provenance."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, LargeBinary, Text
from sqlmodel import Field

from federation.db.base import SQLModel
from federation.db.types import UTCDateTime


class IndexRecord(SQLModel, table=True):
    """A record as read from its RDF (own or harvested, through the same reader).

    ``data`` holds the fields read (JSON); ``ntriples`` the description as published, so
    that SPARQL and exports work from the same bytes the source served.
    """

    __tablename__ = "index_record"
    __table_args__ = (Index("ix_index_record_source_kind", "source", "kind"),)

    iri: str = Field(max_length=600, primary_key=True)
    kind: str = Field(max_length=20)  # actor | action | group
    source: str = Field(max_length=100)  # node id of the publisher
    peer_id: int | None = Field(default=None, index=True)  # None: the node's own record
    version: int
    modified: datetime = Field(sa_type=UTCDateTime)  # changed at the source
    fetched_at: datetime = Field(sa_type=UTCDateTime)  # read here
    seen_run: int | None = None  # the bootstrap run that last saw it (deletes the rest)
    name: str = Field(max_length=300)
    description: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    data: str = Field(sa_column=Column(Text, nullable=False))
    ntriples: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class IndexState(SQLModel, table=True):
    """Where the index stands with the node's own records: the last event of the node's own
    feed applied to it. One row (id 1), absent until the first sync."""

    __tablename__ = "index_state"

    id: int = Field(default=1, primary_key=True)
    own_cursor: int = 0
