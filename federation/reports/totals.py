"""The sections of a report as running totals: what one record adds to each.

A total is keyed ``(section, source, year, a, b)``: the source network and the action's year
(each record has one of each, so counts of distinct records stay additive across them), then
the section's own dimensions. Its value is ``(n, value)``: records or items counted, and their
count or amount in hundredths. ``report_total`` holds the sum over the index; the same keys
come out of a filtered scan of the fact tables (reports/scan.py)."""

from __future__ import annotations

from federation.reports.facts import BUDGET, FUNDING, Facts

Key = tuple[str, str, int, str, str]
Totals = dict[Key, list[int]]  # key -> [n, value]

ACTORS = "actors"  # a: actor type
ACTORS_SDG = "actors_sdg"  # a: goal
ACTIONS = "actions"
ACTIONS_COUNTRY = "actions_country"  # a: country
ACTIONS_CATEGORY = "actions_category"  # a: category
ACTIONS_CUBE = "actions_cube"  # a: country, b: category
ACTIONS_SDG = "actions_sdg"  # a: goal
FLOWS = (BUDGET, FUNDING)
# Amount sections: f"{flow}_{dimension}", a: the dimension's code, b: the currency.
AMOUNT_DIMENSIONS = {
    BUDGET: ("year", "country", "category"),
    FUNDING: ("year", "country", "category", "funder"),
}
ACTOR_SECTIONS = frozenset({ACTORS, ACTORS_SDG})
AMOUNT_SECTIONS = frozenset(f"{flow}_{d}" for flow, ds in AMOUNT_DIMENSIONS.items() for d in ds)
SECTIONS = frozenset(
    {ACTIONS, ACTIONS_COUNTRY, ACTIONS_CATEGORY, ACTIONS_CUBE, ACTIONS_SDG}
    | ACTOR_SECTIONS
    | AMOUNT_SECTIONS
)


def year_code(year: int) -> str:
    return str(year) if year else ""


def add(totals: Totals, key: Key, n: int, value: int) -> None:
    held = totals.get(key)
    if held is None:
        totals[key] = [n, value]
    else:
        held[0] += n
        held[1] += value


def contribute(totals: Totals, facts: Facts, sign: int = 1) -> None:
    """Add (``sign`` 1) or take back (-1) what ``facts`` counts in every section."""
    source, year = facts.source, facts.year
    if facts.kind == "actor":
        add(totals, (ACTORS, source, 0, facts.actor_type, ""), sign, sign)
        for goal in facts.goals:
            add(totals, (ACTORS_SDG, source, 0, goal, ""), sign, sign)
        return
    add(totals, (ACTIONS, source, year, "", ""), sign, sign)
    for country in {cell[0] for cell in facts.cells}:
        add(totals, (ACTIONS_COUNTRY, source, year, country, ""), sign, sign)
    for category in {cell[1] for cell in facts.cells}:
        add(totals, (ACTIONS_CATEGORY, source, year, category, ""), sign, sign)
    for country, category in facts.cells:
        add(totals, (ACTIONS_CUBE, source, year, country, category), sign, sign)
    for goal in facts.goals:
        add(totals, (ACTIONS_SDG, source, year, goal, ""), sign, sign)
    for amount in facts.amounts:
        currency, flow = amount.currency, amount.flow
        whole = sum(cents for _, cents in amount.cells)
        add(
            totals,
            (f"{flow}_year", source, year, year_code(amount.year), currency),
            sign,
            sign * whole,
        )
        if flow == FUNDING:
            contribute_funder(totals, (source, year, amount.funder_type, currency), whole, sign)
        by_country: dict[str, int] = {}
        by_category: dict[str, int] = {}
        for (country, category), cents in amount.cells:
            by_country[country] = by_country.get(country, 0) + cents
            by_category[category] = by_category.get(category, 0) + cents
        for country, cents in by_country.items():
            add(totals, (f"{flow}_country", source, year, country, currency), sign, sign * cents)
        for category, cents in by_category.items():
            add(totals, (f"{flow}_category", source, year, category, currency), sign, sign * cents)


def contribute_funder(
    totals: Totals, where: tuple[str, int, str, str], cents: int, sign: int
) -> None:
    """One funding in the by-funder-type section, ``where`` = (source, year, funder type,
    currency): moved there when the funder's type changes."""
    source, year, funder_type, currency = where
    add(totals, (f"{FUNDING}_funder", source, year, funder_type, currency), sign, sign * cents)
