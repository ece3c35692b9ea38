"""feed peers harvest index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 17:48:44.852704
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feed_event",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("activity", sa.String(length=10), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ntriples", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_feed_event")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("feed_event", schema=None) as batch_op:
        batch_op.create_index("ix_feed_event_record_seq", ["record_id", "seq"], unique=False)

    op.create_table(
        "feed_horizon",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("compacted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_horizon")),
    )
    op.create_table(
        "index_record",
        sa.Column("iri", sa.String(length=600), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("peer_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("modified", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_run", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("ntriples", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("iri", name=op.f("pk_index_record")),
    )
    with op.batch_alter_table("index_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_index_record_peer_id"), ["peer_id"], unique=False)
        batch_op.create_index("ix_index_record_source_kind", ["source", "kind"], unique=False)

    op.create_table(
        "index_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("own_cursor", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_index_state")),
    )

    op.create_table(
        "peer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("node_id", sa.String(length=100), nullable=False),
        sa.Column("base_url", sa.String(length=500), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("region", sa.String(length=100), nullable=True),
        sa.Column("vocabulary_version", sa.String(length=100), nullable=False),
        sa.Column("well_known_url", sa.String(length=600), nullable=False),
        sa.Column("feed_url", sa.String(length=600), nullable=True),
        sa.Column("dump_url", sa.String(length=600), nullable=False),
        sa.Column("dump_state_url", sa.String(length=600), nullable=True),
        sa.Column("feed_page_size", sa.Integer(), nullable=False),
        sa.Column("interval_seconds", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum("ACTIVE", "UNAVAILABLE", "SUSPENDED", "HELD", name="peerstate"),
            nullable=False,
        ),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("feed_last", sa.Integer(), nullable=False),
        sa.Column("bootstrap_seq", sa.Integer(), nullable=True),
        sa.Column("bootstrap_after", sa.String(length=600), nullable=True),
        sa.Column("bootstrap_run", sa.Integer(), nullable=True),
        sa.Column("last_page_etag", sa.String(length=200), nullable=True),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("invalid_streak", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deletions_confirmed_to", sa.Integer(), nullable=True),
        sa.Column("inbox_token_hash", sa.String(length=64), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peer")),
        sa.UniqueConstraint("base_url", name=op.f("uq_peer_base_url")),
        sa.UniqueConstraint("node_id", name=op.f("uq_peer_node_id")),
    )
    op.create_table(
        "harvest_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("peer_id", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cursor_from", sa.Integer(), nullable=False),
        sa.Column("cursor_to", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("bytes", sa.Integer(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["peer_id"], ["peer.id"], name=op.f("fk_harvest_run_peer_id_peer"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_harvest_run")),
    )
    with op.batch_alter_table("harvest_run", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_harvest_run_peer_id"), ["peer_id"], unique=False)

    op.create_table(
        "quarantine",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("peer_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("iri", sa.String(length=600), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("excerpt", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["peer_id"], ["peer.id"], name=op.f("fk_quarantine_peer_id_peer"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantine")),
    )
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quarantine_peer_id"), ["peer_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quarantine_peer_id"))

    op.drop_table("quarantine")
    with op.batch_alter_table("harvest_run", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_harvest_run_peer_id"))

    op.drop_table("harvest_run")
    op.drop_table("peer")
    op.drop_table("index_state")
    with op.batch_alter_table("index_record", schema=None) as batch_op:
        batch_op.drop_index("ix_index_record_source_kind")
        batch_op.drop_index(batch_op.f("ix_index_record_peer_id"))

    op.drop_table("index_record")
    op.drop_table("feed_horizon")
    with op.batch_alter_table("feed_event", schema=None) as batch_op:
        batch_op.drop_index("ix_feed_event_record_seq")

    op.drop_table("feed_event")
