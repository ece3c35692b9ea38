"""actor clusters: members, match keys, blocking keys, name pairs and admins' decisions

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 20:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

IRI = 600


def upgrade() -> None:
    op.create_table(
        "cluster_member",
        sa.Column("iri", sa.String(length=IRI), nullable=False),
        sa.Column("cluster", sa.String(length=IRI), nullable=False),
        sa.Column("match_name", sa.String(length=300), nullable=False),
        sa.Column("keys", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("iri", name=op.f("pk_cluster_member")),
    )
    with op.batch_alter_table("cluster_member", schema=None) as batch_op:
        batch_op.create_index("ix_cluster_member_cluster", ["cluster"], unique=False)
    op.create_table(
        "cluster_key",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("iri", sa.String(length=IRI), nullable=False),
        sa.PrimaryKeyConstraint("key", "iri", name=op.f("pk_cluster_key")),
    )
    with op.batch_alter_table("cluster_key", schema=None) as batch_op:
        batch_op.create_index("ix_cluster_key_iri", ["iri"], unique=False)
    op.create_table(
        "cluster_block",
        sa.Column("block", sa.String(length=40), nullable=False),
        sa.Column("iri", sa.String(length=IRI), nullable=False),
        sa.Column("match_name", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("block", "iri", name=op.f("pk_cluster_block")),
    )
    with op.batch_alter_table("cluster_block", schema=None) as batch_op:
        batch_op.create_index("ix_cluster_block_iri", ["iri"], unique=False)
    op.create_table(
        "cluster_name_pair",
        sa.Column("iri_a", sa.String(length=IRI), nullable=False),
        sa.Column("iri_b", sa.String(length=IRI), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("iri_a", "iri_b", name=op.f("pk_cluster_name_pair")),
    )
    with op.batch_alter_table("cluster_name_pair", schema=None) as batch_op:
        batch_op.create_index("ix_cluster_name_pair_iri_b", ["iri_b"], unique=False)
    op.create_table(
        "cluster_decision",
        sa.Column("iri_a", sa.String(length=IRI), nullable=False),
        sa.Column("iri_b", sa.String(length=IRI), nullable=False),
        sa.Column("verdict", sa.String(length=10), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("iri_a", "iri_b", name=op.f("pk_cluster_decision")),
    )
    with op.batch_alter_table("cluster_decision", schema=None) as batch_op:
        batch_op.create_index("ix_cluster_decision_iri_b", ["iri_b"], unique=False)


def downgrade() -> None:
    for table in (
        "cluster_decision",
        "cluster_name_pair",
        "cluster_block",
        "cluster_key",
        "cluster_member",
    ):
        op.drop_table(table)
