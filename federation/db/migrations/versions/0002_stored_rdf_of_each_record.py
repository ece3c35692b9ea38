"""stored RDF of each record

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 16:38:34.178708
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "record_rdf",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("modified", sa.DateTime(timezone=True), nullable=False),
        sa.Column("triples", sa.Integer(), nullable=False),
        sa.Column("ntriples", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_rdf")),
    )
    with op.batch_alter_table("record_rdf", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_record_rdf_kind"), ["kind"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("record_rdf", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_rdf_kind"))

    op.drop_table("record_rdf")
