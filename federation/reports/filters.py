"""The filters of a report, read from a query string or a JSON body: the one place that knows
their names and checks their values (so that "filters as in search" can replace it).

Several values of one filter are alternatives (``country=BF&country=SN``, or ``country=BF,SN``);
different filters must all hold. An unknown parameter or value is refused (422): a typo must
not silently give the figures of the whole country."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from federation.codelists.registry import Scheme, codelists
from federation.errors import FieldError, ValidationFailed
from federation.search.filters import MAX_QUERY_CHARS

MAX_VALUES = 300  # per filter
YEARS = (1900, 2100)
_SOURCE = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
_YEAR_RANGE = re.compile(r"^(\d{4})\s*(?:-|\.\.)\s*(\d{4})$")

# Parameter -> field; several parameters may name one field (search's names and ours).
NAMES = {
    "source": "sources",
    "region": "sources",
    "country": "countries",
    "sector": "categories",
    "sector_category": "categories",
    "year": "years",
    "kind": "kinds",
    "action_kind": "action_kinds",
    "status": "statuses",
    "actor_type": "actor_types",
    "sdg": "sdgs",
    "q": "words",  # the search's words: the records a search for them finds
}
KINDS = ("actor", "action")


@dataclass(frozen=True)
class ReportFilters:
    """Checked filter values, each sorted and without repeats; empty means "all"."""

    sources: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    action_kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    actor_types: tuple[str, ...] = ()
    sdgs: tuple[str, ...] = ()
    words: tuple[str, ...] = ()  # one string at most: the words of ``q``

    def as_dict(self) -> dict[str, list[Any]]:
        """The filters set, by parameter name (the form stored in a report)."""
        first = {field: name for name, field in reversed(NAMES.items())}
        return {
            first[f.name]: list(getattr(self, f.name))
            for f in fields(self)
            if getattr(self, f.name)
        }

    def query_items(self) -> list[tuple[str, str]]:
        return [(name, str(v)) for name, values in self.as_dict().items() for v in values]

    @property
    def on_totals(self) -> bool:
        """Whether the running totals answer (only network, year and kind filters)."""
        return not (
            self.words
            or self.countries
            or self.categories
            or self.action_kinds
            or self.statuses
            or self.actor_types
            or self.sdgs
        )

    def wants(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds


def parse_items(items: Iterable[tuple[str, Any]]) -> ReportFilters:
    """Filters from (parameter, value) pairs; every problem is reported at once (422)."""
    values: dict[str, list[str]] = {}
    errors: list[FieldError] = []
    for name, raw in items:
        field = NAMES.get(name)
        if field is None:
            errors.append(
                FieldError(
                    name,
                    "unknown_filter",
                    f"Filtre inconnu « {name} » ; filtres possibles : {', '.join(NAMES)}.",
                    f"Unknown filter '{name}'; known filters: {', '.join(NAMES)}.",
                )
            )
            continue
        parts = raw if isinstance(raw, list) else [raw]
        if field == "words":  # words are not a list of codes: kept whole
            text = " ".join(str(part) for part in parts).strip()
            if len(text) > MAX_QUERY_CHARS:
                errors.append(_bad(field, text[:40], "texte trop long", "text too long"))
            elif text:
                values["words"] = [text]
            continue
        for part in parts:
            values.setdefault(field, []).extend(
                piece.strip() for piece in str(part).split(",") if piece.strip()
            )
    checked: dict[str, tuple[Any, ...]] = {}
    for field, given in values.items():
        if len(given) > MAX_VALUES:
            errors.append(
                _bad(
                    field, given[0], f"au plus {MAX_VALUES} valeurs", f"at most {MAX_VALUES} values"
                )
            )
            continue
        out: set[Any] = set()
        for value in given:
            found = _check(field, value, errors)
            if isinstance(found, list):
                out.update(found)
            elif found is not None:
                out.add(found)
        checked[field] = tuple(sorted(out))
    if errors:
        raise ValidationFailed(errors)
    return ReportFilters(**checked)


def parse_body(filters: Mapping[str, Any]) -> ReportFilters:
    """Filters from a JSON object: ``{"country": ["BF", "SN"], "year": 2024, ...}``."""
    return parse_items(filters.items())


_LISTS = {
    "countries": Scheme.COUNTRY,
    "action_kinds": Scheme.ACTION_KIND,
    "statuses": Scheme.ACTIVITY_STATUS,
    "actor_types": Scheme.ACTOR_TYPE,
}


def _check(field: str, value: str, errors: list[FieldError]) -> Any:
    """The checked value (a list for a year range), or None after adding an error."""
    if field in _LISTS:
        concept = codelists()[_LISTS[field]].get(value)
        if concept is None:
            errors.append(_bad(field, value, "code inconnu", "unknown code"))
            return None
        return concept.code
    if field == "words":
        return value
    if field == "sources":
        if _SOURCE.match(value):
            return value
        errors.append(_bad(field, value, "identifiant de réseau invalide", "invalid network id"))
        return None
    if field == "categories":
        return _category(value, errors)
    if field == "sdgs":
        concept = codelists()[Scheme.SDG].get(value)
        if concept is not None and concept.broader is None:
            return concept.code
        errors.append(
            _bad(
                field,
                value,
                "un objectif de 1 à 17 (pas une cible)",
                "a goal from 1 to 17 (not a target)",
            )
        )
        return None
    if field == "kinds":
        if value in KINDS:
            return value
        errors.append(_bad(field, value, "« actor » ou « action »", "'actor' or 'action'"))
        return None
    return _years(value, errors)


def _category(value: str, errors: list[FieldError]) -> str | None:
    if codelists()[Scheme.SECTOR_CATEGORY].get(value) is not None:
        return value
    sector = codelists()[Scheme.SECTOR].get(value)
    if sector is not None and sector.broader:
        errors.append(
            _bad(
                "categories",
                value,
                f"les rapports vont jusqu'à la catégorie à 3 chiffres ({sector.broader})",
                f"reports go down to the 3-digit category ({sector.broader})",
            )
        )
        return None
    errors.append(
        _bad("categories", value, "catégorie de secteur inconnue", "unknown sector category")
    )
    return None


def _years(value: str, errors: list[FieldError]) -> list[int] | None:
    span = _YEAR_RANGE.match(value)
    first, last = (span.group(1), span.group(2)) if span else (value, value)
    if first.isdigit() and last.isdigit():
        low, high = int(first), int(last)
        if YEARS[0] <= low <= high <= YEARS[1]:
            return list(range(low, high + 1))
    errors.append(
        _bad(
            "years",
            value,
            f"une année ({YEARS[0]}-{YEARS[1]}) ou une période 2020-2023",
            f"a year ({YEARS[0]}-{YEARS[1]}) or a span 2020-2023",
        )
    )
    return None


def _bad(field: str, value: str, why: str, why_en: str) -> FieldError:
    name = next(name for name, f in NAMES.items() if f == field)
    return FieldError(
        name,
        "invalid_filter",
        f"Valeur « {value} » refusée pour le filtre « {name} » : {why}.",
        f"Value '{value}' refused for the filter '{name}': {why_en}.",
    )
