"""A search's parameters, read and checked from a query string: the text, the facet filters,
the sort and the page. Shared by search, exports and reports ("filters as in search")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from starlette.datastructures import QueryParams

from federation.codelists.registry import Scheme, codelists
from federation.errors import FieldError, ValidationFailed
from federation.search.facets import BY_NAME, KINDS

MAX_QUERY_CHARS = 500
MAX_VALUES = 50  # values of one facet
MAX_PER_PAGE = 100
MAX_RESULTS = 10_000  # deepest hit a page may reach (page x per_page)
_NODE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")


class Sort(StrEnum):
    RELEVANCE = "relevance"  # the best match first; the newest first when there are no words
    DATE = "date"  # the most recently changed at the source first


@dataclass(frozen=True)
class Filters:
    """What a search selects: words (all must match) and, per facet, the values any of which
    a document must have (facets combine with AND)."""

    q: str = ""
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def without(self, facet: str) -> Filters:
        return Filters(self.q, {k: v for k, v in self.facets.items() if k != facet})

    def key(self) -> tuple[object, ...]:
        return (self.q, tuple(sorted(self.facets.items())))


@dataclass(frozen=True)
class SearchRequest:
    filters: Filters
    sort: Sort = Sort.RELEVANCE
    page: int = 1
    per_page: int = 20


def _error(name: str, code: str, fr: str, en: str) -> FieldError:
    return FieldError(name, code, fr, en)


def read_filters(params: QueryParams, errors: list[FieldError]) -> Filters:
    """The filters of a query string; problems are added to ``errors``."""
    q = (params.get("q") or "").strip()
    if len(q) > MAX_QUERY_CHARS:
        errors.append(
            _error(
                "q",
                "too_long",
                f"La recherche dépasse {MAX_QUERY_CHARS} caractères.",
                f"The query is longer than {MAX_QUERY_CHARS} characters.",
            )
        )
        q = ""
    facets: dict[str, tuple[str, ...]] = {}
    for name in BY_NAME:
        values = [v.strip() for v in params.getlist(name) if v.strip()]
        if not values:
            continue
        if len(values) > MAX_VALUES:
            errors.append(
                _error(
                    name,
                    "too_many",
                    f"Au plus {MAX_VALUES} valeurs par filtre.",
                    f"At most {MAX_VALUES} values per filter.",
                )
            )
            continue
        for value in values:
            problem = _check(name, value)
            if problem:
                errors.append(problem)
        values = [_canonical(name, value) for value in values]
        if name == "sector":  # a 3-digit code asks for the category
            categories = [v for v in values if len(v) == 3]
            values = [v for v in values if len(v) != 3]
            if categories:
                facets["category"] = tuple(sorted({*facets.get("category", ()), *categories}))
        if values:
            facets[name] = tuple(sorted({*facets.get(name, ()), *values}))
    return Filters(q, facets)


def _canonical(name: str, value: str) -> str:
    """The code as the index holds it ("bf" -> "BF")."""
    scheme = BY_NAME[name].scheme
    if scheme is None:
        return value
    concept = codelists()[scheme].get(value)
    if concept is None and name == "sector":
        concept = codelists()[Scheme.SECTOR_CATEGORY].get(value)
    return concept.code if concept is not None else value


def _check(name: str, value: str) -> FieldError | None:
    facet = BY_NAME[name]
    if name == "kind":
        ok = value in KINDS
    elif name == "region":
        ok = bool(_NODE_ID.match(value))
    elif name == "year":
        ok = value.isdigit() and 1900 <= int(value) <= 2200
    elif name == "sector":
        ok = value in codelists()[facet.scheme] or (  # type: ignore[index]
            len(value) == 3 and value in codelists()[BY_NAME["category"].scheme]  # type: ignore[index]
        )
    else:
        ok = facet.scheme is not None and value in codelists()[facet.scheme]
    if ok:
        return None
    return _error(
        name,
        "unknown_value",
        f"Valeur inconnue pour « {facet.label_fr} » : {value!r}.",
        f"Unknown value for '{facet.label_en}': {value!r}.",
    )


def _int(params: QueryParams, name: str, default: int, errors: list[FieldError]) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or int(raw) < 1:
        errors.append(
            _error(
                name,
                "not_positive_integer",
                f"« {name} » doit être un entier positif.",
                f"'{name}' must be a positive integer.",
            )
        )
        return default
    return int(raw)


def read_request(params: QueryParams) -> SearchRequest:
    """A whole search from a query string, or ``ValidationFailed`` naming every bad field."""
    errors: list[FieldError] = []
    filters = read_filters(params, errors)
    sort_raw = params.get("sort") or Sort.RELEVANCE.value
    if sort_raw not in Sort._value2member_map_:
        errors.append(
            _error(
                "sort",
                "unknown_value",
                "Tri inconnu : relevance ou date.",
                "Unknown sort: relevance or date.",
            )
        )
        sort_raw = Sort.RELEVANCE.value
    page = _int(params, "page", 1, errors)
    per_page = _int(params, "per_page", 20, errors)
    if per_page > MAX_PER_PAGE:
        errors.append(
            _error(
                "per_page",
                "too_large",
                f"Au plus {MAX_PER_PAGE} résultats par page.",
                f"At most {MAX_PER_PAGE} hits per page.",
            )
        )
    elif page * per_page > MAX_RESULTS:
        errors.append(
            _error(
                "page",
                "too_deep",
                f"Les résultats au-delà du {MAX_RESULTS}e ne sont pas paginés : "
                "affinez la recherche ou utilisez l'export.",
                f"Hits beyond the {MAX_RESULTS}th are not paged: refine the search or export.",
            )
        )
    if errors:
        raise ValidationFailed(errors)
    return SearchRequest(filters, Sort(sort_raw), page, per_page)
