"""The search tables, kept in step with the index in the same transaction (index.derived).

``search_doc`` gives each index row a small integer (the full-text table's rowid and the facet
rows' key); ``search_facet`` holds one row per (facet, value) of a document, the primary key
ordered for "the documents with this value" and a second index for "the values of these
documents" (facet counts). The full-text table depends on the database and is created by the
migration only: SQLite ``search_fts`` (FTS5), PostgreSQL ``search_text`` (tsvector + GIN)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field

from federation.db.base import SQLModel
from federation.db.types import UTCDateTime

# Tables the migration creates outside the models (one of them per database), and FTS5's own.
FULL_TEXT_TABLES = ("search_fts", "search_text")


class SearchDoc(SQLModel, table=True):
    __tablename__ = "search_doc"
    __table_args__ = (
        Index("ix_search_doc_modified_iri", "modified", "iri"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    iri: str = Field(max_length=600, unique=True)
    kind: str = Field(max_length=20)
    source: str = Field(max_length=100)
    modified: datetime = Field(sa_type=UTCDateTime)


class SearchFacet(SQLModel, table=True):
    __tablename__ = "search_facet"
    __table_args__ = (Index("ix_search_facet_doc", "doc", "facet", "value"),)

    facet: str = Field(max_length=20, primary_key=True)
    value: str = Field(max_length=100, primary_key=True)
    doc: int = Field(primary_key=True)


class SearchGeneration(SQLModel, table=True):
    """One row (id 1) whose ``n`` every change of the search tables increments, in the same
    transaction: readers that cache facet sets know in one read whether the tables moved. On
    PostgreSQL the row lock also orders concurrent writers' commits."""

    __tablename__ = "search_generation"

    id: int = Field(default=1, primary_key=True)
    n: int = 0
