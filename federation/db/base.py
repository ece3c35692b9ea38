"""The SQLModel base every table uses, with constraint names fixed for migrations."""

from __future__ import annotations

from sqlmodel import SQLModel

# Named constraints let Alembic alter tables on SQLite (batch mode) and keep names stable.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

__all__ = ["SQLModel"]
