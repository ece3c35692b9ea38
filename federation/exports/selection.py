"""Which index rows an export holds: one function, ``select_rows``, with a narrow interface.

Exports take the same filters as the cross-region search (``federation.search.filters``:
``q``, ``country``, ``sector``, ``region``, ``year``, ...), so "export these results" exports
exactly what the search found; ``source`` (a node id, repeatable) is kept as another name for
``region``, checked against the networks the node knows.

Rows come in IRI order, ``BATCH`` at a time by keyset pagination (``iri > last``), so an export
of any size holds one batch in memory and no query runs long."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from sqlmodel import Session
from starlette.datastructures import QueryParams

from federation.codelists.registry import Scheme, codelists
from federation.errors import FieldError, ValidationFailed
from federation.exports import repository
from federation.exports.rows import IndexRow
from federation.search.filters import Filters, read_filters
from federation.search.query import matching

KINDS = ("actor", "action", "group")
BATCH = 1_000
MAX_VALUES = 100  # per repeatable parameter
_NODE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


MultiParams = QueryParams  # repeatable keys: ``country=BF&country=ML``


def select_rows(session: Session, kind: str, params: MultiParams) -> Iterator[IndexRow]:
    """The index rows of ``kind`` ("actor", "action", "group") that ``params`` select, in IRI
    order. Bad parameters raise ``ValidationFailed`` here, before any row is read, so that a
    streamed answer never starts for a request that must fail."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    sources = _sources(session, params.getlist("source"))
    _countries(params.getlist("country"))  # the message names the code list and an example
    errors: list[FieldError] = []
    filters = read_filters(params, errors)
    if errors:
        raise ValidationFailed(errors)
    facets = dict(filters.facets)
    if sources:
        facets["region"] = tuple(sorted({*facets.get("region", ()), *sources}))
    facets["kind"] = (kind,)
    return _rows(session, Filters(filters.q, facets))


def _rows(session: Session, filters: Filters) -> Iterator[IndexRow]:
    after: str | None = None
    while True:
        batch = repository.rows_after(session, matching(session, filters), after, BATCH)
        for values in batch:
            yield IndexRow.from_columns(values)
        if len(batch) < BATCH:
            return
        after = batch[-1][0]


def _too_many(name: str, values: Sequence[str]) -> FieldError | None:
    if len(values) <= MAX_VALUES:
        return None
    return FieldError(
        name,
        "too_many_values",
        f"Au plus {MAX_VALUES} valeurs pour « {name} » ({len(values)} données).",
        f"At most {MAX_VALUES} values for '{name}' ({len(values)} given).",
    )


def _sources(session: Session, values: list[str]) -> list[str]:
    values = [value.strip() for value in values if value.strip()]
    error = _too_many("source", values)
    if error is not None:
        raise ValidationFailed([error])
    if not values:
        return []
    known = repository.index_sources(session) | {
        node_id for node_id, *_ in repository.peer_sources(session)
    }
    unknown = [value for value in values if value not in known or not _NODE_ID.match(value)]
    if unknown:
        listed = ", ".join(sorted(known)) or "aucun"
        raise ValidationFailed(
            [
                FieldError(
                    "source",
                    "unknown_source",
                    f"Réseau source inconnu : {', '.join(unknown)} (réseaux connus : {listed}).",
                    f"Unknown source network: {', '.join(unknown)} (known: {listed or 'none'}).",
                )
            ]
        )
    return sorted(set(values))


def _countries(values: list[str]) -> frozenset[str]:
    values = [value.strip() for value in values if value.strip()]
    error = _too_many("country", values)
    if error is not None:
        raise ValidationFailed([error])
    countries = codelists()[Scheme.COUNTRY]
    found: set[str] = set()
    unknown: list[str] = []
    for value in values:
        concept = countries.get(value)
        if concept is None:
            unknown.append(value)
        else:
            found.add(concept.code)
    if unknown:
        raise ValidationFailed(
            [
                FieldError(
                    "country",
                    "unknown_code",
                    f"Code pays inconnu : {', '.join(unknown)} (ISO 3166-1 alpha-2, ex. BF).",
                    f"Unknown country code: {', '.join(unknown)} (ISO 3166-1 alpha-2, e.g. BF).",
                )
            ]
        )
    return frozenset(found)
