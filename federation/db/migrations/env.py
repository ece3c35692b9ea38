"""Alembic environment: runs on the connection handed over by ``federation.db.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from federation.db.metadata import in_models, metadata


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=in_models,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `federation db upgrade`, which opens the connection")
run_migrations(connection)
