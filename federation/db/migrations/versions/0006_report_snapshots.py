"""report facts, running totals and snapshots (federation/reports/models.py)

The fact tables start empty: ``federation.reports.store.rebuild`` fills them from an index
that existed before this revision.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 20:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _attributes() -> list[sa.Column[object]]:
    """The one-valued attributes the fact tables repeat (the filters)."""
    return [
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("action_kind", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "report_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("iri", sa.String(length=600), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("action_kind", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("actor_type", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_record")),
        sa.UniqueConstraint("iri", name=op.f("uq_report_record_iri")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_report_record_source_fetched_at", "report_record", ["source", "fetched_at"])
    op.create_table(
        "report_fact",
        sa.Column("record", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=10), nullable=False),
        sa.Column("category", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        *_attributes(),
        sa.Column("actor_type", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("record", "country", "category", name=op.f("pk_report_fact")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_report_fact_kind_country", "report_fact", ["kind", "country", "category"])
    op.create_table(
        "report_amount",
        sa.Column("record", sa.Integer(), nullable=False),
        sa.Column("item", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=10), nullable=False),
        sa.Column("category", sa.String(length=10), nullable=False),
        sa.Column("flow", sa.String(length=10), nullable=False),
        *_attributes(),
        sa.Column("amount_year", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("funder_type", sa.String(length=100), nullable=False),
        sa.Column("cents", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "record", "item", "country", "category", name=op.f("pk_report_amount")
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "report_funder",
        sa.Column("record", sa.Integer(), nullable=False),
        sa.Column("item", sa.Integer(), nullable=False),
        sa.Column("funder", sa.String(length=600), nullable=False),
        sa.PrimaryKeyConstraint("record", "item", name=op.f("pk_report_funder")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_report_funder_funder", "report_funder", ["funder"])
    op.create_table(
        "report_sdg",
        sa.Column("record", sa.Integer(), nullable=False),
        sa.Column("goal", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        *_attributes(),
        sa.Column("actor_type", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("record", "goal", name=op.f("pk_report_sdg")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "report_total",
        sa.Column("section", sa.String(length=30), nullable=False),
        sa.Column("a", sa.String(length=100), nullable=False),
        sa.Column("b", sa.String(length=100), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "section", "a", "b", "source", "year", name=op.f("pk_report_total")
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "report_snapshot",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_snapshot")),
    )
    op.create_index("ix_report_snapshot_requested_at", "report_snapshot", ["requested_at"])


def downgrade() -> None:
    op.drop_index("ix_report_snapshot_requested_at", table_name="report_snapshot")
    op.drop_table("report_snapshot")
    op.drop_table("report_total")
    op.drop_table("report_sdg")
    op.drop_index("ix_report_funder_funder", table_name="report_funder")
    op.drop_table("report_funder")
    op.drop_table("report_amount")
    op.drop_index("ix_report_fact_kind_country", table_name="report_fact")
    op.drop_table("report_fact")
    op.drop_index("ix_report_record_source_fetched_at", table_name="report_record")
    op.drop_table("report_record")
