"""Pagination and sorting shared by every list endpoint."""

from __future__ import annotations

from dataclasses import dataclass


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
