"""The yearly summary of each local authority's development-aid fundings, for the annual e-APD
declaration (art. L.1115-6 CGCT: amounts of the past calendar year, declared by the authority,
DAC/CRS-shaped: by recipient country and by sector).

Local authorities are the actor rows whose actor type matches IATI OrganisationType 11 "Local
government" (today the type ``collectivite``). Their amounts are the fundings of any action, from
any network, whose funder is that actor and whose year is the one asked. For each authority and
currency (amounts in different currencies are never added up), the summary gives the total and
three breakdowns: by recipient country, by DAC 3-digit sector category and by kind of action;
each with the planned, committed and disbursed amounts (what e-APD declares is what was
disbursed) and the number of actions.

An action with several countries (or sectors) splits each amount by its published percentages,
scaled to sum to 100 %; when some percentage is missing, in equal parts. Sums are exact; each
figure is rounded to the cent when written, so a breakdown may differ from the total by a few
cents. An action without country or sector counts under an empty code ("non renseigné")."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlmodel import Session
from starlette.datastructures import QueryParams

from federation.codelists.registry import Scheme, codelists
from federation.exports.columns import decimal
from federation.exports.context import ExportContext, organisation_type_of_actor_type, siren_of
from federation.exports.selection import MultiParams, select_rows

LOCAL_GOVERNMENT = "11"  # IATI OrganisationType
STATUSES = ("planned", "committed", "disbursed")
DIMENSIONS = {  # key: (French, English)
    "total": ("Total", "Total"),
    "country": ("Pays bénéficiaire", "Recipient country"),
    "sector_category": ("Catégorie de secteur CAD", "DAC sector category"),
    "action_kind": ("Type d'action", "Action kind"),
}
SCHEMES = {
    "country": Scheme.COUNTRY,
    "sector_category": Scheme.SECTOR_CATEGORY,
    "action_kind": Scheme.ACTION_KIND,
}
UNSPECIFIED = ("Non renseigné", "Not given")
CENT = Decimal("0.01")


@functools.cache
def local_authority_types() -> frozenset[str]:
    """The actor types exported to IATI as local government."""
    return frozenset(
        code for code, org in organisation_type_of_actor_type().items() if org == LOCAL_GOVERNMENT
    )


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Amounts:
    """Sums by funding status for one authority, currency and category."""

    by_status: dict[str, Decimal] = field(
        default_factory=lambda: dict.fromkeys(STATUSES, Decimal(0))
    )
    actions: set[str] = field(default_factory=set)

    def add(self, status: str, amount: Decimal, action: str) -> None:
        self.by_status[status] += amount
        self.actions.add(action)

    @property
    def total(self) -> Decimal:
        return sum(self.by_status.values(), Decimal(0))


@dataclass
class Authority:
    iri: str
    name: str
    source: str
    siren: str | None
    insee: str | None
    # (currency, dimension, code) -> amounts
    lines: dict[tuple[str, str, str], Amounts] = field(default_factory=dict)

    def add(self, key: tuple[str, str, str], status: str, amount: Decimal, action: str) -> None:
        found = self.lines.get(key)
        if found is None:
            found = self.lines[key] = Amounts()
        found.add(status, amount, action)


def _fractions(codes: list[str], shares: dict[str, Any]) -> list[tuple[str, Decimal]]:
    """Each code's part of an amount (see the module's docstring)."""
    if not codes:
        return [("", Decimal(1))]
    percentages = [decimal(shares.get(code)) for code in codes]
    known = [p for p in percentages if p is not None]
    total = sum(known, Decimal(0))
    if len(known) == len(codes) and total > 0:
        return [(code, p / total) for code, p in zip(codes, known, strict=True)]
    return [(code, Decimal(1) / len(codes)) for code in codes]


def _categories(data: dict[str, Any]) -> list[tuple[str, Decimal]]:
    """Fractions by DAC 3-digit category, from the sectors and their shares."""
    sectors = codelists()[Scheme.SECTOR]
    merged: dict[str, Decimal] = {}
    for code, part in _fractions(list(data.get("sectors") or ()), data.get("sector_shares") or {}):
        concept = sectors.get(code) if code else None
        category = concept.broader if concept is not None and concept.broader else code
        merged[category] = merged.get(category, Decimal(0)) + part
    return sorted(merged.items())


_NO_FILTERS = QueryParams("")


def summarise(session: Session, params: MultiParams, year: int) -> list[Authority]:
    """The authorities (selected by ``params`` as actors are) that funded something in ``year``,
    by name, with their amounts."""
    types = local_authority_types()
    authorities: dict[str, Authority] = {}
    # ``year`` here is the year of the fundings, not the search's year of the actions.
    actors = QueryParams([(k, v) for k, v in params.multi_items() if k != "year"])
    for row in select_rows(session, "actor", actors):
        if row.data.get("actor_type") in types:
            identifiers = row.data.get("identifiers")
            insee = identifiers.get("insee") if isinstance(identifiers, dict) else None
            authorities[row.iri] = Authority(
                row.iri, row.name, row.source, siren_of(identifiers), insee
            )
    if not authorities:
        return []
    for row in select_rows(session, "action", _NO_FILTERS):
        data = row.data
        funded = [
            item
            for item in data.get("fundings") or ()
            if item.get("funder") in authorities and item.get("year") == year
        ]
        if not funded:
            continue
        splits = {
            "country": _fractions(
                list(data.get("countries") or ()), data.get("country_shares") or {}
            ),
            "sector_category": _categories(data),
            "action_kind": [(str(data.get("action_kind") or ""), Decimal(1))],
        }
        for item in funded:
            amount = decimal(item.get("amount"))
            currency = item.get("currency")
            if amount is None or not isinstance(currency, str):
                continue
            status = item.get("status") if item.get("status") in STATUSES else "planned"
            authority = authorities[item["funder"]]
            authority.add((currency, "total", ""), status, amount, row.iri)
            for dimension, parts in splits.items():
                for code, part in parts:
                    authority.add((currency, dimension, code), status, amount * part, row.iri)
    funded_ones = [a for a in authorities.values() if a.lines]
    return sorted(funded_ones, key=lambda a: (a.name.casefold(), a.iri))


def _order(key: tuple[str, str, str]) -> tuple[str, int, str]:
    currency, dimension, code = key
    return (currency, list(DIMENSIONS).index(dimension), code)


def category_label(ctx: ExportContext, dimension: str, code: str) -> str:
    if dimension == "total":
        return DIMENSIONS["total"][0 if ctx.lang == "fr" else 1]
    if not code:
        return UNSPECIFIED[0 if ctx.lang == "fr" else 1]
    return ctx.label(SCHEMES[dimension], code) or code


def lines_of(authority: Authority) -> Iterator[tuple[str, str, str, Amounts]]:
    """(currency, dimension, code, amounts) in a stable order: currency, then total, country,
    sector category, action kind, then code."""
    for key in sorted(authority.lines, key=_order):
        yield (*key, authority.lines[key])


def amounts_json(amounts: Amounts) -> dict[str, Any]:
    figures: dict[str, Any] = {status: str(cents(amounts.by_status[status])) for status in STATUSES}
    figures["total"] = str(cents(amounts.total))
    figures["actions"] = len(amounts.actions)
    return figures


def as_json(authorities: list[Authority], ctx: ExportContext) -> list[dict[str, Any]]:
    out = []
    for authority in authorities:
        entry: dict[str, Any] = {
            "iri": authority.iri,
            "name": authority.name,
            "siren": authority.siren,
            "insee": authority.insee,
            "source": authority.source,
            "source_name": ctx.source_name(authority.source),
            "totals": [],
            "by_country": [],
            "by_sector_category": [],
            "by_action_kind": [],
        }
        for currency, dimension, code, amounts in lines_of(authority):
            figures = {"currency": currency, **amounts_json(amounts)}
            if dimension == "total":
                entry["totals"].append(figures)
            else:
                label = category_label(ctx, dimension, code)
                entry[f"by_{dimension}"].append({"code": code, "label": label, **figures})
        out.append(entry)
    return out
