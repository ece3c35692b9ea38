"""A report as CSV and XLSX, with French headers and labels (layout.py gives the order).

CSV: one rectangular table whose columns never change, so that a spreadsheet or a script can
pivot it: the report's own statements first (``tableau`` = rapport, source, liste_de_codes,
taux, regle), then one line per row of every table; each line carries the report id. UTF-8
with a BOM (spreadsheets then read the accents right), comma-separated.

XLSX: a "Rapport" sheet (id, parameters, rules, totals), "Sources", "Listes de codes", then one
sheet per table with a label column next to each code column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from federation.reports.labels import Labeller
from federation.reports.layout import HEADERS, in_order

CSV_MEDIA = "text/csv; charset=utf-8"
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# CSV column of each table column (codes get a label column after them).
_CSV_CODE = {
    "source": "reseau",
    "year": "annee",
    "country": "pays",
    "sector_category": "categorie_secteur",
    "actor_type": "type_acteur",
    "funder_type": "type_financeur",
    "sdg": "odd",
    "currency": "devise",
}
_LABELLED = ("source", "country", "sector_category", "actor_type", "funder_type", "sdg")
CSV_COLUMNS = (
    "rapport",
    "tableau",
    *(
        name
        for column, code in _CSV_CODE.items()
        for name in ((code, f"{code}_libelle") if column in _LABELLED else (code,))
    ),
    "objet",
    "nombre",
    "montant",
    "cle",
    "valeur",
)
_COUNTED = {
    "actors": "acteurs",
    "actions": "actions",
    "budgets": "budgets",
    "fundings": "financements",
}


def csv_lines(report: dict[str, Any]) -> Iterator[list[Any]]:
    """The CSV's lines, header first."""
    yield list(CSV_COLUMNS)
    blank = dict.fromkeys(CSV_COLUMNS, "")
    labeller = Labeller(report)

    def line(**values: Any) -> list[Any]:
        row = {**blank, "rapport": report["id"], **values}
        return [row[name] for name in CSV_COLUMNS]

    for key, value in _statements(report):
        yield line(tableau="rapport", cle=key, valeur=value)
    for source in report["sources"]:
        for key in ("region", "actors", "actions", "data_as_of", "last_success_at"):
            yield line(
                tableau="source",
                reseau=source["source"],
                reseau_libelle=source.get("name") or "",
                cle=key,
                valeur=_text(source.get(key)),
            )
    for code_list in report["code_lists"]:
        yield line(
            tableau="liste_de_codes",
            cle=code_list["scheme"],
            valeur=f"{code_list['version'] or ''} {code_list['digest']}".strip(),
        )
    for lang, rules in sorted(report["rules"].items(), key=lambda item: item[0] != "fr"):
        for rule in rules:
            yield line(tableau="regle", cle=lang, valeur=rule)
    for table, rows in in_order(report["tables"]):
        for row in rows:
            values: dict[str, Any] = {"tableau": table.name}
            counts = []
            for column, value in zip(table.columns, row, strict=True):
                if column in _CSV_CODE:
                    values[_CSV_CODE[column]] = _text(value)
                    if column in _LABELLED:
                        values[f"{_CSV_CODE[column]}_libelle"] = labeller.label(column, value)
                elif column == "amount":
                    values["montant"] = value
                else:
                    counts.append((column, value))
            for column, value in counts:
                yield line(**values, objet=_COUNTED[column], nombre=value)


def _statements(report: dict[str, Any]) -> list[tuple[str, str]]:
    parameters = report["parameters"]
    filters = parameters["filters"]
    conversion = parameters["conversion"]
    out = [
        ("identifiant", report["id"]),
        ("cree_le", report["created"]),
        ("format", str(report["format"])),
        ("filtres", "&".join(f"{k}={','.join(map(str, v))}" for k, v in filters.items())),
    ]
    if conversion:
        out.append(("devise_de_conversion", conversion["currency"]))
        out.extend((f"taux_{code}", rate) for code, rate in conversion["rates"].items())
    out.extend((f"total_{key}", str(value)) for key, value in report["totals"].items())
    return out


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def csv_chunks(report: dict[str, Any], lines: int = 2_000) -> Iterator[bytes]:
    """The CSV in pieces of ``lines`` lines (streamed: memory does not grow with the report)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    yield "\ufeff".encode()
    for n, line in enumerate(csv_lines(report), start=1):
        writer.writerow(line)
        if n % lines == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def to_csv(report: dict[str, Any]) -> bytes:
    return b"".join(csv_chunks(report))


def to_xlsx(report: dict[str, Any]) -> bytes:
    """The report as a workbook (openpyxl's write-only mode: rows go straight to the file)."""
    book = Workbook(write_only=True)
    labeller = Labeller(report)
    summary = book.create_sheet("Rapport")
    summary.append(["Rapport", "Valeur"])
    for key, value in _statements(report):
        summary.append([key, value])
    for lang, rules in sorted(report["rules"].items(), key=lambda item: item[0] != "fr"):
        for rule in rules:
            summary.append([f"regle_{lang}", rule])
    sources = book.create_sheet("Sources")
    sources.append(
        ["Réseau", "Nom", "Région", "Acteurs", "Actions", "Données du", "Dernière récolte réussie"]
    )
    for s in report["sources"]:
        sources.append(
            [
                s["source"],
                s.get("name"),
                s.get("region"),
                s["actors"],
                s["actions"],
                s["data_as_of"],
                s["last_success_at"],
            ]
        )
    lists = book.create_sheet("Listes de codes")
    lists.append(["Liste", "Version", "Empreinte"])
    for code_list in report["code_lists"]:
        lists.append([code_list["scheme"], code_list["version"], code_list["digest"]])
    for table, rows in in_order(report["tables"]):
        sheet = book.create_sheet(table.sheet)
        header: list[str] = []
        for column in table.columns:
            header.append(HEADERS[column][0])
            if labeller.labelled(column):
                header.append(f"{HEADERS[column][0]} (libellé)")
        sheet.append(header)
        for row in rows:
            cells: list[Any] = []
            for column, value in zip(table.columns, row, strict=True):
                if column == "amount":
                    cell = WriteOnlyCell(sheet, value=Decimal(value))  # type: ignore[arg-type]
                    cell.number_format = "#,##0.00"
                    cells.append(cell)
                else:
                    cells.append(value)
                if labeller.labelled(column):
                    cells.append(labeller.label(column, value))
            sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
