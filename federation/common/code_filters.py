"""The filter "records having this code", shared by the actor and action lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select


def having_code(
    id_column: Any, scheme_column: Any, code_column: Any, scheme: str, value: str
) -> Any:
    """Ids of records with ``value`` in ``scheme``; a DAC category or an SDG goal matches the
    sectors or targets under it too."""
    stmt = select(id_column).where(scheme_column == scheme)
    if scheme == "sector" and len(value) == 3:
        return stmt.where(or_(code_column == value, code_column.like(f"{value}%")))
    if scheme == "sdg" and "." not in value:
        return stmt.where(or_(code_column == value, code_column.like(f"{value}.%")))
    return stmt.where(code_column == value)


def text_contains(columns: Sequence[Any], query: str) -> ColumnElement[bool]:
    """Any of ``columns`` contains ``query``, case-insensitively; ``%`` and ``_`` typed by a
    user are literal characters, not wildcards. (Ranked, accent-insensitive full-text search
    over the cross-region index is a separate service.)"""
    escaped = query.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    return or_(*(func.lower(column).like(pattern, escape="\\") for column in columns))
