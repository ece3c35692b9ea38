"""search tables: documents, facets and the full-text table of each database

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 20:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_doc",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("iri", sa.String(length=600), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("modified", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_doc")),
        sa.UniqueConstraint("iri", name=op.f("uq_search_doc_iri")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("search_doc", schema=None) as batch_op:
        batch_op.create_index("ix_search_doc_modified_iri", ["modified", "iri"], unique=False)
    op.create_table(
        "search_facet",
        sa.Column("facet", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=100), nullable=False),
        sa.Column("doc", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("facet", "value", "doc", name=op.f("pk_search_facet")),
    )
    with op.batch_alter_table("search_facet", schema=None) as batch_op:
        batch_op.create_index("ix_search_facet_doc", ["doc", "facet", "value"], unique=False)
    generation = op.create_table(
        "search_generation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_generation")),
    )
    op.bulk_insert(generation, [{"id": 1, "n": 0}])
    if op.get_bind().dialect.name == "sqlite":
        # Stemmed words (federation.search.text), so the tokenizer only splits and folds.
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "name, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
    else:
        op.execute("CREATE TABLE search_text (doc INTEGER PRIMARY KEY, tsv TSVECTOR NOT NULL)")
        op.execute("CREATE INDEX ix_search_text_tsv ON search_text USING GIN (tsv)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")
    else:
        op.execute("DROP TABLE search_text")
    op.drop_table("search_generation")
    op.drop_table("search_facet")
    op.drop_table("search_doc")
