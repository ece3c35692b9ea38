"""CSV and XLSX writers for any table: a header row, then lines of values in column order.

CSV: UTF-8 with a byte order mark (Excel then reads accents right), ";" between cells by
default (what Excel expects in a French locale; "," or tab on request), produced by a generator
a few hundred lines at a time. Text that a spreadsheet would run as a formula (starting with
=, +, -, @, tab or carriage return) gets a leading apostrophe: harvested records are not
trusted (OWASP "CSV injection").

XLSX: openpyxl's write-only mode (each row goes to a temporary file as it is appended, so
memory stays bounded), one data sheet with a frozen, filterable header row, a sheet naming
every column in French and English, and a sheet saying when and from what the file was made.
The workbook is built in a temporary file, then streamed from it."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import islice
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from federation.common.bulk_memory import collector_paused
from federation.exports.columns import Value, ValueKind, decimal
from federation.exports.text import xml_safe

SEPARATORS = {"semicolon": ";", "comma": ",", "tab": "\t"}
BOM = "\ufeff"
LINES_PER_CHUNK = 200
FILE_CHUNK = 64 * 1024
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

CellValue = Value | Decimal


@dataclass(frozen=True, slots=True)
class Header:
    """A column as the writers need it: its title in the chosen language and its kind."""

    key: str
    fr: str
    en: str
    kind: ValueKind

    def title(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


def utc_text(moment: datetime) -> str:
    """``2026-03-01T09:30:00Z`` (strftime costs three times as much, once per row)."""
    m = moment.astimezone(UTC)
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (m.year, m.month, m.day, m.hour, m.minute, m.second)  # noqa: UP031


def csv_text(value: CellValue) -> str:
    """A value as a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return utc_text(value)
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_START) else value
    return str(value)


def csv_stream(
    headers: Sequence[Header], lines: Iterable[Sequence[CellValue]], lang: str, separator: str
) -> Iterator[bytes]:
    """The CSV file, in chunks of ``LINES_PER_CHUNK`` lines, the byte order mark first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow([header.title(lang) for header in headers])
    remaining = iter(lines)
    while True:
        # The cyclic collector paused while a chunk is made (acyclic objects; it cost 10-15 %),
        # resumed before the chunk is sent.
        with collector_paused():
            chunk = list(islice(remaining, LINES_PER_CHUNK))
            writer.writerows([csv_text(value) for value in line] for line in chunk)
            data = buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
        yield data
        if len(chunk) < LINES_PER_CHUNK:
            return


def xlsx_value(value: CellValue, kind: ValueKind) -> Any:
    """A value as openpyxl should store it: dates, amounts and counts typed."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None)  # Excel knows no time zones
    if isinstance(value, str):
        if kind is ValueKind.DATE:
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        elif kind is ValueKind.NUMBER:
            number = decimal(value)
            if number is not None:
                return number
        return xml_safe(value)
    return value


def _text_cell(sheet: WriteOnlyWorksheet, text: str) -> Any:
    """Text that openpyxl would otherwise store as a formula ("=...") kept as text."""
    if not text.startswith("="):
        return text
    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"
    return cell


@dataclass(frozen=True, slots=True)
class About:
    """The "about" sheet: when, from where and with which filters the file was made."""

    title: str
    generated: datetime
    node: str
    query: str
    # Each source network in the file: node id, name, region, as of (the last successful
    # harvest, or "current" for the node's own records).
    sources: Sequence[tuple[str, str, str | None, str]]


def xlsx_stream(
    sheet_title: str,
    headers: Sequence[Header],
    lines: Iterable[Sequence[CellValue]],
    lang: str,
    about: Callable[[], About],
) -> Iterator[bytes]:
    """The workbook, built in a temporary file (bounded memory), then read out in chunks."""
    with tempfile.TemporaryFile() as spool:
        with collector_paused():  # a bounded job of acyclic objects (see csv_stream)
            _write_workbook(spool, sheet_title, headers, lines, lang, about)
        spool.seek(0)
        while chunk := spool.read(FILE_CHUNK):
            yield chunk


def _bold(sheet: WriteOnlyWorksheet, values: Sequence[str]) -> list[Any]:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value)
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _write_workbook(  # noqa: PLR0917 (one workbook's parts)
    target: Any,
    sheet_title: str,
    headers: Sequence[Header],
    lines: Iterable[Sequence[CellValue]],
    lang: str,
    about: Callable[[], About],
) -> None:
    book = Workbook(write_only=True)
    sheet: WriteOnlyWorksheet = book.create_sheet(sheet_title[:31])
    sheet.freeze_panes = "A2"
    # Bound at run time from the regular worksheet; absent from the write-only one's stubs.
    layout: Any = sheet
    for n, header in enumerate(headers, start=1):
        width = 14 if header.kind is not ValueKind.TEXT else 24
        layout.column_dimensions[get_column_letter(n)].width = width
    sheet.append(_bold(sheet, [header.title(lang) for header in headers]))
    kinds = [header.kind for header in headers]
    count = 0
    for line in lines:
        row = []
        for value, kind in zip(line, kinds, strict=True):
            cell = xlsx_value(value, kind)
            row.append(_text_cell(sheet, cell) if isinstance(cell, str) else cell)
        sheet.append(row)
        count += 1
    layout.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    _columns_sheet(book, headers)
    _about_sheet(book, about(), count)
    book.save(target)


def _columns_sheet(book: Workbook, headers: Sequence[Header]) -> None:
    sheet = book.create_sheet("Colonnes (columns)")
    sheet.append(_bold(sheet, ["Colonne", "Column", "Clé (key)", "Type (kind)"]))
    for header in headers:
        sheet.append([header.fr, header.en, header.key, header.kind.value])


def _about_sheet(book: Workbook, about: About, count: int) -> None:
    sheet = book.create_sheet("À propos (about)")
    sheet.append(_bold(sheet, [about.title]))
    sheet.append(["Généré le (UTC) / generated (UTC)", utc_text(about.generated)])
    sheet.append(["Nœud / node", about.node])
    sheet.append(["Filtres / filters", about.query or "—"])
    sheet.append(["Lignes / rows", count])
    sheet.append([])
    sheet.append(
        _bold(
            sheet,
            [
                "Réseau source (source network)",
                "Nom (name)",
                "Région (region)",
                "Données au (as of, UTC)",
            ],
        )
    )
    for node_id, name, region, as_of in about.sources:
        sheet.append([node_id, name, region, as_of])
