"""Turn spreadsheet cells into API values: lists, shares, dates, amounts, codes by label."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from federation.codelists.registry import Scheme, codelists

LIST_SEPARATORS = re.compile(r"\s*[;|\n]\s*")
SHARE = re.compile(r"^(?P<code>.+?)\s*[:=]\s*(?P<pct>\d+(?:[.,]\d+)?)\s*%?$")
FRENCH_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
TRUE_WORDS = {"oui", "o", "yes", "y", "true", "vrai", "1", "x"}
FALSE_WORDS = {"non", "n", "no", "false", "faux", "0", ""}


@dataclass
class CellError(Exception):
    code: str
    message: str
    message_en: str


def text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel turns "14030" into 14030.0
    return str(value).strip()


def optional_text(value: Any) -> str | None:
    result = text(value)
    return result or None


def split_list(value: Any) -> list[str]:
    raw = text(value)
    return [item for item in LIST_SEPARATORS.split(raw) if item] if raw else []


def code(value: Any, scheme: Scheme) -> str | None:
    """A code given as itself or as its French or English label ("Burkina Faso" → "BF")."""
    raw = text(value)
    return _code(raw, scheme) if raw else None


@lru_cache(maxsize=8192)  # spreadsheets repeat the same few codes on every row
def _code(raw: str, scheme: Scheme) -> str:
    concept = codelists()[scheme].find(raw)
    return concept.code if concept else raw  # an unknown code is reported by the rules


@lru_cache(maxsize=8192)
def _sector_code(raw: str) -> str:
    for scheme in (Scheme.SECTOR, Scheme.SECTOR_CATEGORY):
        concept = codelists()[scheme].find(raw)
        if concept:
            return concept.code
    return raw


def sector_code(value: Any) -> str:
    return _sector_code(text(value))


def shares(value: Any, scheme: Scheme | None) -> list[dict[str, Any]]:
    """``BF:60; ML:40`` or ``Burkina Faso; Mali`` → [{code, percentage}]."""
    out = []
    for item in split_list(value):
        match = SHARE.match(item)
        label, pct = (
            (match["code"], float(match["pct"].replace(",", "."))) if match else (item, None)
        )
        resolved = sector_code(label) if scheme is None else code(label, scheme)
        out.append({"code": resolved, "percentage": pct})
    return out


def day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    if not raw:
        return None
    french = FRENCH_DATE.match(raw)
    try:
        if french:
            return date(int(french[3]), int(french[2]), int(french[1]))
        return date.fromisoformat(raw[:10])
    except ValueError:
        raise CellError(
            "invalid_date",
            f"Date invalide : {raw!r} (AAAA-MM-JJ ou JJ/MM/AAAA).",
            f"Invalid date: {raw!r} (YYYY-MM-DD or DD/MM/YYYY).",
        ) from None


def amount(value: Any) -> Decimal | None:
    """``12 500,50``, ``12500.50``, ``12 500 €`` or an Excel number → Decimal."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    raw = text(value).replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    raw = raw.removesuffix("€").removesuffix("EUR")
    if not raw:
        return None
    if "," in raw and "." in raw:
        raw = raw.replace(".", "").replace(",", ".")  # 12.500,50
    else:
        raw = raw.replace(",", ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        raise CellError(
            "invalid_amount",
            f"Montant invalide : {text(value)!r}.",
            f"Invalid amount: {text(value)!r}.",
        ) from None


def boolean(value: Any) -> bool:
    raw = text(value).lower()
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise CellError("invalid_boolean", "oui ou non attendu.", "yes or no expected.")


FUNDING = re.compile(
    r"^(?P<funder>.+?)\s*:\s*(?P<amount>[\d\s\u00a0\u202f.,]+?)\s*(?P<currency>[A-Za-z]{3})?"
    r"\s+(?P<year>\d{4})(?:\s+(?P<status>[\w-]+))?$"
)


def fundings(value: Any) -> list[dict[str, Any]]:
    """``Région BFC: 10 000 EUR 2024 committed; AFD: 5000 2025`` → funding dicts (funder text
    is resolved to a directory actor later)."""
    out = []
    for item in split_list(value):
        match = FUNDING.match(item)
        if not match:
            raise CellError(
                "invalid_funding",
                f"Financement illisible : {item!r} (attendu « Financeur: montant [devise] "
                "année [statut] »).",
                f"Unreadable funding: {item!r} (expected 'Funder: amount [currency] year "
                "[status]').",
            )
        out.append(
            {
                "funder": match["funder"].strip(),
                "amount": amount(match["amount"]),
                "currency": (match["currency"] or "EUR").upper(),
                "year": int(match["year"]),
                "status": code(match["status"], Scheme.FUNDING_STATUS)
                if match["status"]
                else "committed",
            }
        )
    return out


PARTNER = re.compile(r"^(?P<name>.+?)\s*\((?P<country>[^()]+)\)$")


def partners(value: Any) -> list[dict[str, Any]]:
    """``Mairie de Ouahigouya (BF); ONG Tiwara (Mali)`` → partner dicts."""
    out = []
    for item in split_list(value):
        match = PARTNER.match(item)
        if match:
            out.append(
                {"name": match["name"].strip(), "country": code(match["country"], Scheme.COUNTRY)}
            )
        else:
            out.append({"name": item, "country": None})
    return out


def members(value: Any) -> list[tuple[str, str]]:
    """``ACT-001 (animateur); 732829320`` → [(actor key, role)]."""
    out = []
    for item in split_list(value):
        match = PARTNER.match(item)
        if match:
            out.append((match["name"].strip(), code(match["country"], Scheme.GROUP_ROLE) or ""))
        else:
            out.append((item, "membre"))
    return out
