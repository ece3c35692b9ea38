"""The body of ``POST /reports``: the same filters and conversion as the query string."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ReportRequest(BaseModel):
    """``{"filters": {"country": ["BF"], "year": "2020-2024"}, "rates": {"USD": "0.92"},
    "currency": "EUR"}``; every part optional. Rates are best given as strings (exact)."""

    model_config = ConfigDict(extra="forbid")

    filters: dict[str, str | int | list[str | int]] = Field(default_factory=dict)
    rates: str | dict[str, str | int | float] | None = None
    currency: str | None = Field(default=None, max_length=3)
