"""Tables of the national reports: facts derived from the index, their running totals, and the
snapshots that make a report reproducible (docs in ``federation/reports/__init__.py``).

The fact tables are kept in step with ``index_record`` by ``reports.store.refresh`` in the same
transaction as every index change, so that a report never parses the rows' JSON. Absent codes
are stored as ``""`` and an absent year as ``0``: key columns stay NOT NULL and GROUP BY is the
same on both databases."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, LargeBinary
from sqlmodel import Field

from federation.db.base import SQLModel
from federation.db.types import UTCDateTime

# SQLite keeps these tables in their key's order (no rowid): the rows of one record sit
# together, so that reading or deleting a record's facts touches a page or two.
CLUSTERED = {"sqlite_with_rowid": False}


class ReportRecord(SQLModel, table=True):
    """An actor or action of the index, with its one-valued attributes (the filters)."""

    __tablename__ = "report_record"
    __table_args__ = (
        Index("ix_report_record_source_fetched_at", "source", "fetched_at"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    iri: str = Field(max_length=600, unique=True)
    kind: str = Field(max_length=20)  # actor | action
    source: str = Field(max_length=100)
    fetched_at: datetime = Field(sa_type=UTCDateTime)
    year: int = 0  # an action's year (the year facet); 0 when unknown or an actor
    action_kind: str = Field(default="", max_length=100)
    status: str = Field(default="", max_length=20)
    actor_type: str = Field(default="", max_length=100)


class ReportFact(SQLModel, table=True):
    """One cell of a record's country × sector-category product (``""`` when a list is empty)."""

    __tablename__ = "report_fact"
    __table_args__ = (
        Index("ix_report_fact_kind_country", "kind", "country", "category"),
        CLUSTERED,
    )

    record: int = Field(primary_key=True)
    country: str = Field(max_length=10, primary_key=True)
    category: str = Field(max_length=10, primary_key=True)
    kind: str = Field(max_length=20)
    source: str = Field(max_length=100)
    year: int = 0
    action_kind: str = Field(default="", max_length=100)
    status: str = Field(default="", max_length=20)
    actor_type: str = Field(default="", max_length=100)


class ReportAmount(SQLModel, table=True):
    """The part of one budget (item 0) or funding (item n) of an action that falls in one
    country × category cell, in hundredths of its currency (shares: reports/shares.py)."""

    __tablename__ = "report_amount"
    __table_args__ = (CLUSTERED,)

    record: int = Field(primary_key=True)
    item: int = Field(primary_key=True)
    country: str = Field(max_length=10, primary_key=True)
    category: str = Field(max_length=10, primary_key=True)
    flow: str = Field(max_length=10)  # budget | funding
    source: str = Field(max_length=100)
    year: int = 0  # the action's year (the filter)
    action_kind: str = Field(default="", max_length=100)
    status: str = Field(default="", max_length=20)
    amount_year: int = 0  # the funding's year, else the action's
    currency: str = Field(max_length=3)
    funder_type: str = Field(default="", max_length=100)  # the funder's own actor_type
    cents: int = Field(sa_column=Column(BigInteger, nullable=False))


class ReportFunder(SQLModel, table=True):
    """Which actor funds a funding, so that a change of that actor's type moves its amounts."""

    __tablename__ = "report_funder"
    __table_args__ = (Index("ix_report_funder_funder", "funder"), CLUSTERED)

    record: int = Field(primary_key=True)
    item: int = Field(primary_key=True)
    funder: str = Field(max_length=600)


class ReportSdg(SQLModel, table=True):
    """An SDG goal of an actor or action."""

    __tablename__ = "report_sdg"
    __table_args__ = (CLUSTERED,)

    record: int = Field(primary_key=True)
    goal: str = Field(max_length=10, primary_key=True)
    kind: str = Field(max_length=20)
    source: str = Field(max_length=100)
    year: int = 0
    action_kind: str = Field(default="", max_length=100)
    status: str = Field(default="", max_length=20)
    actor_type: str = Field(default="", max_length=100)


class ReportTotal(SQLModel, table=True):
    """A running total of one section of the report, per source network and action year:
    ``n`` records or items, ``value`` their count or their amount in hundredths. The national
    report (and a report filtered by network or year) is a read of this table."""

    __tablename__ = "report_total"
    # Clustered on the key (SQLite) in the order the report lists the largest section in: a
    # national report reads it in one sequential pass, with no sort.
    __table_args__ = (CLUSTERED,)

    section: str = Field(max_length=30, primary_key=True)
    a: str = Field(max_length=100, primary_key=True)
    b: str = Field(max_length=100, primary_key=True)
    source: str = Field(max_length=100, primary_key=True)
    year: int = Field(primary_key=True)
    n: int = Field(sa_column=Column(BigInteger, nullable=False))
    value: int = Field(sa_column=Column(BigInteger, nullable=False))


class ReportSnapshot(SQLModel, table=True):
    """A computed report, kept under the digest of its content (canonical JSON, zlib)."""

    __tablename__ = "report_snapshot"

    id: str = Field(max_length=32, primary_key=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    requested_at: datetime = Field(sa_type=UTCDateTime, index=True)
    size: int  # bytes of the uncompressed JSON
    body: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
