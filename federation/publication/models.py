"""Each record's RDF, serialised once when the record is written (N-Triples text), so that
pages, records and dumps are assembled from stored bytes instead of re-serialised."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Column, LargeBinary
from sqlmodel import Field

from federation.db.base import SQLModel
from federation.db.types import UTCDateTime


class RecordRdf(SQLModel, table=True):
    __tablename__ = "record_rdf"

    id: uuid.UUID = Field(primary_key=True)
    kind: str = Field(max_length=20, index=True)
    version: int
    modified: datetime = Field(sa_type=UTCDateTime)
    triples: int
    # Bytes, not text: the dump sends them as they are (no decoding and encoding again).
    ntriples: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
