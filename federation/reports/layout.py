"""The tables of a report, in order: their names, titles and columns. JSON, CSV, XLSX and
HTML all read this list, so the column order is the same everywhere and never changes
without a new ``FORMAT`` (stored in each report)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FORMAT = 1

# Columns that hold a code, with the label kind of ``labels`` in a report.
DIMENSIONS = {
    "source": "source",
    "year": None,
    "country": "country",
    "sector_category": "sector_category",
    "actor_type": "actor_type",
    "funder_type": "actor_type",
    "sdg": "sdg",
    "currency": None,
}
# French headers of every column (CSV and XLSX), English in the HTML next to them.
HEADERS = {
    "source": ("Réseau", "Network"),
    "year": ("Année", "Year"),
    "country": ("Pays", "Country"),
    "sector_category": ("Catégorie de secteur", "Sector category"),
    "actor_type": ("Type d'acteur", "Actor type"),
    "funder_type": ("Type de financeur", "Funder type"),
    "sdg": ("ODD", "SDG"),
    "currency": ("Devise", "Currency"),
    "actors": ("Acteurs", "Actors"),
    "actions": ("Actions", "Actions"),
    "amount": ("Montant", "Amount"),
    "budgets": ("Budgets", "Budgets"),
    "fundings": ("Financements", "Fundings"),
}
AMOUNTS = ("amount",)


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    title_en: str
    columns: tuple[str, ...]
    sheet: str  # the XLSX sheet's name (31 characters at most)
    chart: bool = True  # whether the HTML page draws it (the cube is only exported)

    @property
    def dimensions(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c in DIMENSIONS)

    @property
    def measures(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c not in DIMENSIONS)


def _amount_tables(flow: str, title: str, title_en: str, short: str) -> list[Table]:
    by = [
        ("year", "year", "par année", "by year", "année"),
        ("country", "country", "par pays", "by country", "pays"),
        ("sector", "sector_category", "par catégorie de secteur", "by sector category", "secteur"),
        ("region", "source", "par réseau", "by network", "réseau"),
    ]
    if flow == "fundings":
        by.append(
            (
                "funder_type",
                "funder_type",
                "par type de financeur",
                "by funder type",
                "type financeur",
            )
        )
    tables = [
        Table(
            f"{flow}_total",
            f"{title}, total",
            f"{title_en}, total",
            ("currency", "amount", flow),
            f"{short} total",
        )
    ]
    tables.extend(
        Table(
            f"{flow}_by_{suffix}",
            f"{title} {fr}",
            f"{title_en} {en}",
            (column, "currency", "amount", flow),
            f"{short} {sheet}",
        )
        for suffix, column, fr, en, sheet in by
    )
    return tables


TABLES: tuple[Table, ...] = (
    Table(
        "actors_by_type_region",
        "Acteurs par type et par réseau",
        "Actors by type and network",
        ("source", "actor_type", "actors"),
        "Acteurs",
    ),
    Table(
        "actions_by_region",
        "Actions par réseau",
        "Actions by network",
        ("source", "actions"),
        "Actions réseau",
    ),
    Table(
        "actions_by_year",
        "Actions par année",
        "Actions by year",
        ("year", "actions"),
        "Actions année",
    ),
    Table(
        "actions_by_country",
        "Actions par pays",
        "Actions by country",
        ("country", "actions"),
        "Actions pays",
    ),
    Table(
        "actions_by_sector",
        "Actions par catégorie de secteur",
        "Actions by sector category",
        ("sector_category", "actions"),
        "Actions secteur",
    ),
    Table(
        "actions_by_country_sector_region_year",
        "Actions par pays, catégorie de secteur, réseau et année",
        "Actions by country, sector category, network and year",
        ("country", "sector_category", "source", "year", "actions"),
        "Actions pays-secteur-réseau-an",
        chart=False,
    ),
    Table(
        "sdg_goals",
        "Objectifs de développement durable",
        "Sustainable Development Goals",
        ("sdg", "actions", "actors"),
        "ODD",
    ),
    *_amount_tables("budgets", "Budgets", "Budgets", "Budgets"),
    *_amount_tables("fundings", "Financements", "Fundings", "Fin."),
)
BY_NAME = {table.name: table for table in TABLES}
AMOUNT_TABLES = tuple(t for t in TABLES if "amount" in t.columns)
CONVERTED = "_converted"


def converted(table: Table) -> Table:
    """The table of amounts converted into one currency (its currency column is the target)."""
    return Table(
        table.name + CONVERTED,
        f"{table.title} (converti)",
        f"{table.title_en} (converted)",
        table.columns,
        f"{table.sheet} conv.",
        chart=table.chart,
    )


def in_order(tables: dict[str, Any]) -> list[tuple[Table, Any]]:
    """A report's tables in the layout's order, each converted table after its own (stored
    JSON has its keys sorted); a table this layout does not know is left out."""
    every = [shown for table in TABLES for shown in (table, converted(table))]
    return [(shown, tables[shown.name]) for shown in every if shown.name in tables]
