"""What the HTML page shows of a report: its sections, each a chart and the table it draws
(the chart's text alternative), with labels and French number formats; and the filter form."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from federation.codelists.registry import Scheme, codelists
from federation.reports.assemble import CUBE
from federation.reports.charts import Chart, bar_chart
from federation.reports.labels import Labeller
from federation.reports.layout import HEADERS, Table, in_order


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool = False
    header: bool = False  # a row header (th scope=row)
    code: str = ""  # shown next to a label


@dataclass
class Section:
    name: str
    title: str
    title_en: str
    headers: list[tuple[str, str, bool]]  # French, English, numeric
    rows: list[list[Cell]]
    charts: list[Chart] = field(default_factory=list)
    note: str = ""


def count(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def amount(text: str) -> str:
    value = Decimal(text)
    return f"{value:,.2f}".replace(",", "\u202f").replace(".", ",")


def sections(report: dict[str, Any]) -> list[Section]:
    """The page's sections, in the layout's order (the cube is only linked: too large)."""
    labeller = Labeller(report)
    out = []
    for table, rows in in_order(report["tables"]):
        if table.name == CUBE:
            note = count(len(rows))
            out.append(Section(table.name, table.title, table.title_en, [], [], note=note))
        elif table.name == "actors_by_type_region":
            out.append(_actors(table, rows, labeller))
        else:
            out.append(_plain(table, rows, labeller))
    return out


def _label(labeller: Labeller, column: str, value: Any) -> Cell:
    text = labeller.label(column, value)
    code = str(value) if labeller.labelled(column) and value is not None else ""
    return Cell(text, header=True, code=code if code != text else "")


def _plain(table: Table, rows: list[list[Any]], labeller: Labeller) -> Section:
    headers = [(HEADERS[c][0], HEADERS[c][1], c in table.measures) for c in table.columns]
    cells = []
    for row in rows:
        line = []
        for column, value in zip(table.columns, row, strict=True):
            if column == "amount":
                line.append(Cell(amount(value), numeric=True))
            elif column in table.measures:
                line.append(Cell(count(value), numeric=True))
            elif column == table.columns[0]:
                line.append(_label(labeller, column, value))
            else:
                line.append(Cell(labeller.label(column, value)))
        cells.append(line)
    section = Section(table.name, table.title, table.title_en, headers, cells)
    if not table.chart or not rows:
        return section
    first = table.columns[0]
    if "amount" in table.columns:
        money, currency = table.columns.index("amount"), table.columns.index("currency")
        by_currency: dict[str, list[tuple[str, float, str]]] = defaultdict(list)
        for row in rows:
            label = labeller.label(first, row[0]) if first != "currency" else row[0]
            by_currency[row[currency]].append((label, float(row[money]), amount(row[money])))
        if first != "currency":
            section.charts = [
                bar_chart(f"{table.title} — {code or 'sans devise'}", items)
                for code, items in sorted(by_currency.items())
            ]
        return section
    measure = table.columns.index(table.measures[0])
    items = [
        (labeller.label(first, row[0]), float(row[measure]), count(row[measure])) for row in rows
    ]
    section.charts = [bar_chart(table.title, items)]
    return section


def _actors(table: Table, rows: list[list[Any]], labeller: Labeller) -> Section:
    """Actors as a grid: a line per network, a column per actor type, and totals."""
    types = sorted({row[1] for row in rows}, key=lambda code: (code is None, code or ""))
    grid: dict[str, dict[Any, int]] = defaultdict(dict)
    for source, actor_type, n in rows:
        grid[source][actor_type] = n
    headers = [(HEADERS["source"][0], HEADERS["source"][1], False)]
    headers += [
        (labeller.label("actor_type", t), labeller.label("actor_type", t, "en"), True)
        for t in types
    ]
    headers.append(("Total", "Total", True))
    cells = [
        [_label(labeller, "source", source)]
        + [Cell(count(line.get(t, 0)), numeric=True) for t in types]
        + [Cell(count(sum(line.values())), numeric=True)]
        for source, line in sorted(grid.items())
    ]
    by_type = [
        (
            labeller.label("actor_type", t),
            float(sum(g.get(t, 0) for g in grid.values())),
            count(sum(g.get(t, 0) for g in grid.values())),
        )
        for t in types
    ]
    section = Section(table.name, table.title, table.title_en, headers, cells)
    section.charts = [bar_chart("Acteurs par type", by_type)] if rows else []
    return section


def form_options() -> dict[str, list[tuple[str, str]]]:
    """The choices of the filter form's lists (codes and French labels)."""
    lists = codelists()

    def choices(scheme: Scheme, goals_only: bool = False) -> list[tuple[str, str]]:
        return [
            (c.code, c.label_fr)
            for c in lists[scheme].concepts()
            if not c.withdrawn and not (goals_only and c.broader)
        ]

    return {
        "sector": choices(Scheme.SECTOR_CATEGORY),
        "sdg": choices(Scheme.SDG, goals_only=True),
        "action_kind": choices(Scheme.ACTION_KIND),
        "status": choices(Scheme.ACTIVITY_STATUS),
        "actor_type": choices(Scheme.ACTOR_TYPE),
    }
