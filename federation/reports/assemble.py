"""From the figures (reports/totals.py keys) to the report's tables (reports/layout.py).

Each total is keyed by network and action year, so a table by network, by year or in all is a
sum over keys; counts of distinct actions stay exact because an action has one network and one
year. Codes absent from a record (``""``, year 0) come out as ``null``. Amounts are strings of
the exact sum in the currency's units ("1234.50")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from federation.reports import totals as t
from federation.reports.facts import FUNDING
from federation.reports.layout import AMOUNT_TABLES, converted
from federation.reports.rates import Rates
from federation.reports.scan import Figures

Rows = list[list[Any]]


def _order(item: tuple[tuple[Any, ...], list[int]]) -> tuple[Any, ...]:
    """Rows with None (absent codes) first, as in ``tables``."""
    return tuple((value is not None, value) for value in item[0])


def money(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{whole}.{rest:02d}"


def _key(key: Any) -> list[Any]:
    """A table key as output: absent codes ("") and years (0) become null."""
    values = key if isinstance(key, tuple) else (key,)
    return [value if value not in ("", 0) else None for value in values]


CUBE = "actions_by_country_sector_region_year"
COUNT_TABLES = (
    "actors_by_type_region",
    "actions_by_region",
    "actions_by_year",
    "actions_by_country",
    "actions_by_sector",
)
_SOURCE, _YEAR, _A, _B = 1, 2, 3, 4  # positions in a figure
# The tables each section adds to, with the positions of their row key in a figure.
PLACES: dict[str, list[tuple[str, tuple[int, ...]]]] = {
    t.ACTORS: [("actors_by_type_region", (_SOURCE, _A))],
    t.ACTIONS: [("actions_by_region", (_SOURCE,)), ("actions_by_year", (_YEAR,))],
    t.ACTIONS_COUNTRY: [("actions_by_country", (_A,))],
    t.ACTIONS_CATEGORY: [("actions_by_sector", (_A,))],
    t.ACTIONS_SDG: [("sdg_actions", (_A,))],
    t.ACTORS_SDG: [("sdg_actors", (_A,))],
}
for _flow in t.FLOWS:
    PLACES[f"{_flow}_year"] = [
        (f"{_flow}s_by_year", (_A, _B)),
        (f"{_flow}s_by_region", (_SOURCE, _B)),
        (f"{_flow}s_total", (_B,)),
    ]
    PLACES[f"{_flow}_country"] = [(f"{_flow}s_by_country", (_A, _B))]
    PLACES[f"{_flow}_category"] = [(f"{_flow}s_by_sector", (_A, _B))]
PLACES[f"{FUNDING}_funder"] = [(f"{FUNDING}s_by_funder_type", (_A, _B))]


def tables(figures: Figures) -> dict[str, Rows]:
    """Every table of the layout, from the figures; rows in code order, absent codes first."""
    by_section: dict[str, list[Sequence[Any]]] = defaultdict(list)
    for total in figures.totals:
        by_section[total[0]].append(total)
    sums: dict[str, dict[Any, list[int]]] = defaultdict(dict)
    for section, places in PLACES.items():
        for name, positions in places:
            key_of = itemgetter(*positions)
            target = sums[name]
            for figure in by_section.get(section, ()):
                key = key_of(figure)
                held = target.get(key)
                if held is None:
                    target[key] = [figure[5], figure[6]]
                else:
                    held[0] += figure[5]
                    held[1] += figure[6]
    out: dict[str, Rows] = {}
    for name in COUNT_TABLES:
        out[name] = [[*_key(key), n] for key, (n, _) in sorted(sums[name].items())]
    out[CUBE] = list(figures.cube)  # type: ignore[arg-type]  # tuples: JSON arrays too
    actions, actors = sums["sdg_actions"], sums["sdg_actors"]
    out["sdg_goals"] = [
        [goal, actions.get(goal, [0])[0], actors.get(goal, [0])[0]]
        for goal in sorted(set(actions) | set(actors), key=lambda goal: int(goal or 0))
    ]
    for table in AMOUNT_TABLES:
        ordered = sorted(sums[table.name].items())
        rows = [[*_key(key), money(value), n] for key, (n, value) in ordered]
        if table.columns[0] == "year":  # the amount's year is kept as text in the totals
            for row in rows:
                row[0] = int(row[0]) if row[0] else None
        out[table.name] = rows
    return out


def summary(out: dict[str, Rows]) -> dict[str, int]:
    """The counts a reader needs to read the tables: distinct actors and actions, and the sums
    of the counts by country and by sector (larger: an action counts in each of its own)."""
    return {
        "actors": sum(row[-1] for row in out["actors_by_type_region"]),
        "actions": sum(row[-1] for row in out["actions_by_region"]),
        "actions_counted_by_country": sum(row[-1] for row in out["actions_by_country"]),
        "actions_counted_by_sector": sum(row[-1] for row in out["actions_by_sector"]),
    }


def currencies(out: dict[str, Rows]) -> set[str]:
    return {row[0] for row in out["budgets_total"]} | {row[0] for row in out["fundings_total"]}


def convert(out: dict[str, Rows], rates: Rates) -> dict[str, Rows]:
    """Each amount table again in the target currency: every row converted (hundredths,
    half-even) then added up over currencies. ``rates.require`` has been checked."""
    converted_tables: dict[str, Rows] = {}
    for table in AMOUNT_TABLES:
        position = table.columns.index("currency")
        sums: dict[tuple[Any, ...], list[int]] = {}
        for row in out[table.name]:
            key = tuple(row[:position])  # None (absent) kept apart from codes by _order
            cents = rates.convert(_cents(row[position + 1]), row[position])
            held = sums.setdefault(key, [0, 0])
            held[0] += row[position + 2]
            held[1] += cents
        converted_tables[converted(table).name] = [
            [*key, rates.currency, money(value), n]
            for key, (n, value) in sorted(sums.items(), key=_order)
        ]
    return converted_tables


def _cents(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    whole, _, rest = text.lstrip("-").partition(".")
    return sign * (int(whole) * 100 + int(rest or 0))
