"""Columns of the tabular exports: a header in French and in English, a kind of value, and how
to read the value from a row. The order of a table's columns is the order of its list, and it
is part of the export's contract (federation/exports/README.md): new columns go at the end.

A getter returns the value as published (codes, dates and amounts as their lexical forms), so
the CSV writes exactly what the source served; the XLSX writer turns dates, amounts and counts
into typed cells."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from federation.codelists.registry import Scheme
from federation.exports.context import ExportContext
from federation.exports.rows import IndexRow

LIST_SEPARATOR = " | "  # between the values of a multi-valued cell (never in a code or label)

Value = str | int | datetime | None
Getter = Callable[[IndexRow, ExportContext], Value]


class ValueKind(StrEnum):
    TEXT = "text"
    DATE = "date"  # an ISO date as published ("2024-03-01")
    DATETIME = "datetime"  # a UTC timestamp
    NUMBER = "number"  # a decimal as published ("10000.50")
    INTEGER = "integer"


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # stable, for programs
    fr: str
    en: str
    kind: ValueKind
    get: Getter

    def header(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


def column(key: str, fr: str, en: str, get: Getter, kind: ValueKind = ValueKind.TEXT) -> Column:
    return Column(key, fr, en, kind, get)


def field(key: str) -> Getter:
    """The value of ``data[key]`` as text (None stays None)."""

    def get(row: IndexRow, _ctx: ExportContext) -> Value:
        value = row.data.get(key)
        return None if value is None else value if isinstance(value, int) else str(value)

    return get


def joined(values: Iterable[object]) -> str | None:
    texts = [str(value) for value in values if value is not None and value != ""]
    return LIST_SEPARATOR.join(texts) if texts else None


def codes(key: str) -> Getter:
    """A list of codes in ``data[key]``, joined."""
    return lambda row, _ctx: joined(row.data.get(key) or ())


def labels(key: str, scheme: Scheme) -> Getter:
    """The labels of the codes in ``data[key]``, joined, in the export's language."""
    return lambda row, ctx: joined(ctx.label(scheme, code) for code in row.data.get(key) or ())


def label(key: str, scheme: Scheme) -> Getter:
    """The label of the single code in ``data[key]``."""

    def get(row: IndexRow, ctx: ExportContext) -> Value:
        value = row.data.get(key)
        return ctx.label(scheme, str(value)) if value is not None else None

    return get


def shares(key: str) -> Getter:
    """``{"BF": "70", "SN": "30"}`` as "BF 70 | SN 30"."""

    def get(row: IndexRow, _ctx: ExportContext) -> Value:
        found = row.data.get(key) or {}
        return joined(f"{code} {pct}" for code, pct in found.items() if pct is not None)

    return get


def nested(key: str, inner: str) -> Getter:
    """``data[key][inner]`` (an address's city, an identifier)."""

    def get(row: IndexRow, _ctx: ExportContext) -> Value:
        holder = row.data.get(key)
        value = holder.get(inner) if isinstance(holder, dict) else None
        return None if value is None else str(value)

    return get


def decimal(text: object) -> Decimal | None:
    """A published amount as a Decimal; None when absent or not a finite number."""
    if text is None:
        return None
    try:
        value = Decimal(str(text))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def totals_by_currency(items: Iterable[dict[str, Any]]) -> dict[str, Decimal]:
    """The sum of ``amount`` by ``currency`` (currencies are never mixed), currencies sorted."""
    sums: dict[str, Decimal] = {}
    for item in items:
        amount = decimal(item.get("amount"))
        currency = item.get("currency")
        if amount is not None and isinstance(currency, str):
            sums[currency] = sums.get(currency, Decimal(0)) + amount
    return dict(sorted(sums.items()))


PROVENANCE = [
    column("source", "Réseau source (identifiant)", "Source network (id)", lambda r, _c: r.source),
    column("source_name", "Réseau source", "Source network", lambda r, c: c.source_name(r.source)),
    column("iri", "IRI à la source", "IRI at the source", lambda r, _c: r.iri),
    column("version", "Version", "Version", lambda r, _c: r.version, ValueKind.INTEGER),
    column(
        "modified",
        "Modifié à la source (UTC)",
        "Changed at source (UTC)",
        lambda r, _c: r.modified,
        ValueKind.DATETIME,
    ),
    column(
        "fetched_at",
        "Récupéré ici (UTC)",
        "Fetched here (UTC)",
        lambda r, _c: r.fetched_at,
        ValueKind.DATETIME,
    ),
]
