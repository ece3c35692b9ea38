"""Read spreadsheets as networks keep them: CSV (UTF-8 or Windows-1252, ``;`` or ``,``) and
XLSX (one sheet per kind). Rows come out as ``(line number, {header: text})``."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from federation.errors import FederationError
from federation.imports.columns import Kind, guess_kind, kind_of_name

MAX_FILE_BYTES = 200_000_000


@dataclass
class Table:
    """One table of a file: the kind it holds, its headers, and its rows."""

    name: str
    kind: Kind | None
    headers: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # (line, cells)


class UnreadableFile(FederationError):
    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message=message, message_en=message_en, code="unreadable_file")


def read_tables(path: Path, kind: Kind | None = None) -> list[Table]:
    """Every table of a CSV or XLSX file; ``kind`` forces the kind of a CSV file."""
    if not path.is_file():
        raise UnreadableFile(f"Fichier introuvable : {path}", f"No such file: {path}")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise UnreadableFile("Fichier trop volumineux.", "File too large.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, kind)
    if suffix in (".csv", ".txt"):
        return [_read_csv(path, kind)]
    raise UnreadableFile(
        f"Format non pris en charge : {suffix or 'sans extension'} (CSV ou XLSX attendu).",
        f"Unsupported format: {suffix or 'no extension'} (CSV or XLSX expected).",
    )


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, else Windows-1252 (Excel's French CSV)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _read_csv(path: Path, kind: Kind | None) -> Table:
    text = decode(path.read_bytes())
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = [h.strip() for h in next(reader)]
    except StopIteration:
        raise UnreadableFile("Le fichier est vide.", "The file is empty.") from None
    table = Table(path.stem, kind or kind_of_name(path.stem) or guess_kind(headers), headers)
    line = 1
    try:
        for cells in reader:
            line = reader.line_num
            if any(cell.strip() for cell in cells):
                table.rows.append((line, cells))
    except csv.Error as error:
        raise UnreadableFile(
            f"CSV illisible ligne {line + 1} : {error}",
            f"Unreadable CSV at line {line + 1}: {error}",
        ) from None
    return table


def _read_xlsx(path: Path, kind: Kind | None) -> list[Table]:
    """Read with calamine (Rust): about 4x openpyxl's read-only mode on large sheets."""
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = [
            (name, workbook.get_sheet_by_name(name).to_python()) for name in workbook.sheet_names
        ]
    except Exception as error:  # calamine raises several kinds for a broken file
        raise UnreadableFile(
            f"Classeur XLSX illisible : {error}", f"Unreadable XLSX workbook: {error}"
        ) from None
    tables = []
    for name, rows in sheets:
        if not rows:
            continue
        headers = ["" if h is None else str(h).strip() for h in rows[0]]
        sheet_kind = kind_of_name(name) or guess_kind(headers)
        if len(sheets) == 1 and kind is not None:
            sheet_kind = kind
        table = Table(name, sheet_kind, headers)
        for line, cells in enumerate(rows[1:], start=2):
            if any(cell not in (None, "") for cell in cells):
                table.rows.append((line, [_cell(c) for c in cells]))
        tables.append(table)
    return tables


def _cell(value: Any) -> Any:
    """Keep numbers and dates typed (Excel gives them so); everything else becomes text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date | int | float):
        return value
    return str(value)
