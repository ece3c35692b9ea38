"""Pagination and sorting shared by every list endpoint."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlmodel import Session, SQLModel

ModelT = TypeVar("ModelT", bound=SQLModel)


@dataclass(frozen=True)
class Page:
    offset: int = 0
    limit: int = 50


@dataclass(frozen=True)
class Sort:
    """A column name with a direction: ``name`` or ``-modified``."""

    column: str
    descending: bool = False

    @classmethod
    def parse(cls, text: str) -> Sort:
        text = text.strip()
        if text.startswith("-"):
            return cls(text[1:], descending=True)
        return cls(text.lstrip("+"))


def page_of(
    session: Session,
    model: type[ModelT],
    conditions: Sequence[ColumnElement[bool]],
    sort: Sort,
    *,
    sortable: set[str],
    default: str,
    page: Page,
) -> tuple[list[ModelT], int]:
    """One page of ``model`` rows and the total; the id breaks ties so pages are stable."""
    stmt = select(model)
    for condition in conditions:
        stmt = stmt.where(condition)
    total = session.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()
    column = getattr(model, sort.column if sort.column in sortable else default)
    order = column.desc() if sort.descending else column.asc()
    record_id = model.id  # type: ignore[attr-defined]
    stmt = stmt.order_by(order, record_id).offset(page.offset).limit(page.limit)
    return list(session.execute(stmt).scalars()), int(total)
