"""Which rows still point at a record, found from the foreign keys themselves."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlmodel import Session

from federation.db.metadata import metadata

# The column that names the record owning a referring row, for a readable message.
OWNER_COLUMNS = {
    "participation": "action_id",
    "funding": "action_id",
    "group_membership": "group_id",
}
OWNER_LABELS = {"participation": "action", "funding": "action", "group_membership": "groupe"}


def referrers(session: Session, table: str, record_id: uuid.UUID, limit: int = 5) -> list[str]:
    """Up to ``limit`` records per referring table that hold a foreign key to ``record_id``."""
    found: list[str] = []
    for other in metadata.sorted_tables:
        for key in other.foreign_keys:
            if key.column.table.name != table or other.name not in OWNER_COLUMNS:
                continue
            owner = other.c[OWNER_COLUMNS[other.name]]
            stmt = select(owner).where(key.parent == record_id).distinct().limit(limit)
            found.extend(
                f"{OWNER_LABELS[other.name]} {owner_id}" for (owner_id,) in session.execute(stmt)
            )
    return found
