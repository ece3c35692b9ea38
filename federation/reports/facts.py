"""What one index row contributes to the reports: its attributes, its country × category
cells, its SDG goals and its amounts spread over the cells (rules: reports/shares.py).

Pure functions of the row's ``data`` (docs/federation-protocol.md, "Index row fields"), so the
same facts come out of a harvest, a rebuild or a test."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from federation.codelists.registry import Scheme, codelists
from federation.reports.shares import category_weights, cell_weights, spread, to_cents, weights

KINDS = ("actor", "action")  # groups are not counted in the reports
BUDGET, FUNDING = "budget", "funding"

Cell = tuple[str, str]  # (country, category), "" when not given


@dataclass(frozen=True, slots=True)
class Amount:
    """A budget (item 0) or the n-th funding (item n), spread over the record's cells."""

    item: int
    flow: str
    year: int
    currency: str
    funder: str | None
    funder_type: str
    cells: tuple[tuple[Cell, int], ...]  # cell -> hundredths


@dataclass(frozen=True, slots=True)
class Facts:
    """A record as the reports see it; ``""`` and ``0`` stand for absent codes and years."""

    iri: str
    kind: str
    source: str
    fetched_at: datetime
    year: int
    action_kind: str
    status: str
    actor_type: str
    cells: tuple[Cell, ...]
    goals: tuple[str, ...]
    amounts: tuple[Amount, ...] = ()

    def attributes(self) -> dict[str, Any]:
        """The one-valued columns every fact table repeats (the filters)."""
        return {
            "source": self.source,
            "year": self.year,
            "action_kind": self.action_kind,
            "status": self.status,
        }


@functools.cache
def _category_of() -> dict[str, str]:
    """5-digit sector -> 3-digit category (a category code maps to itself)."""
    return {
        concept.code: concept.broader or concept.code
        for concept in codelists()[Scheme.SECTOR].concepts()
    }


def funders_of(row: Mapping[str, Any], data: Mapping[str, Any]) -> list[str]:
    """The funder IRIs an action row names (to look their types up before ``facts_of``)."""
    if row["kind"] != "action":
        return []
    return [f["funder"] for f in data.get("fundings") or () if f.get("funder")]


def facts_of(
    row: Mapping[str, Any], data: Mapping[str, Any], funder_types: Mapping[str, str]
) -> Facts | None:
    """The facts of an index row dict (``data`` already parsed); None for a group.

    ``funder_types`` gives the ``actor_type`` of the funders found in the index."""
    kind = row["kind"]
    if kind not in KINDS:
        return None
    countries = sorted(set(data.get("countries") or ()))
    sectors = sorted(set(data.get("sectors") or ()))
    by_country = weights(countries, data.get("country_shares") or {})
    by_category = category_weights(sectors, data.get("sector_shares") or {}, _category_of())
    cells_weights = cell_weights(by_country, by_category)
    cells = [cell for cell, _ in cells_weights]
    year = int(data.get("year") or 0) if kind == "action" else 0
    amounts: list[Amount] = []
    if kind == "action":
        budget = data.get("budget")
        if budget:
            amounts.extend(_amount(budget, cells_weights, item=0, flow=BUDGET, year=year))
        for n, funding in enumerate(data.get("fundings") or (), start=1):
            funder = funding.get("funder")
            amounts.extend(
                _amount(
                    funding,
                    cells_weights,
                    item=n,
                    flow=FUNDING,
                    year=int(funding.get("year") or year),
                    funder=funder,
                    funder_type=funder_types.get(funder, "") if funder else "",
                )
            )
    return Facts(
        iri=row["iri"],
        kind=kind,
        source=row["source"],
        fetched_at=row["fetched_at"],
        year=year,
        action_kind=(data.get("action_kind") or "") if kind == "action" else "",
        status=(data.get("status") or "") if kind == "action" else "",
        actor_type=(data.get("actor_type") or "") if kind == "actor" else "",
        cells=tuple(cells),
        goals=tuple(sorted(set(data.get("sdg_goals") or ()))),
        amounts=tuple(amounts),
    )


def _amount(
    money: Mapping[str, Any],
    weights: list[tuple[Cell, int]],
    *,
    item: int,
    flow: str,
    year: int,
    funder: str | None = None,
    funder_type: str = "",
) -> list[Amount]:
    cents = to_cents(money.get("amount"))
    if cents is None:  # the shapes make this impossible; a report never fails on one row
        return []
    spread_cents = spread(cents, [weight for _, weight in weights])
    return [
        Amount(
            item=item,
            flow=flow,
            year=year,
            currency=(money.get("currency") or "").upper(),
            funder=funder,
            funder_type=funder_type,
            cells=tuple(zip((cell for cell, _ in weights), spread_cents, strict=True)),
        )
    ]


def parse_data(row: Mapping[str, Any]) -> dict[str, Any]:
    """The row's ``data`` as a dict (index rows carry it as JSON text)."""
    data = row["data"]
    parsed: dict[str, Any] = json.loads(data) if isinstance(data, str | bytes) else dict(data)
    return parsed
