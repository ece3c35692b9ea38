"""The exports, from a selection of rows to the bytes of a file: tables (CSV, XLSX), IATI XML,
and the local authorities' yearly summary (CSV, XLSX, JSON). Routes only translate HTTP."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import chain
from typing import Any

from federation.errors import FederationError
from federation.exports import iati, local_authorities
from federation.exports.columns import Column, ValueKind
from federation.exports.context import ExportContext
from federation.exports.rows import IndexRow, batched
from federation.exports.tables import SHEET_TITLES, TABLES
from federation.exports.tabular import (
    About,
    CellValue,
    Header,
    csv_stream,
    utc_text,
    xlsx_stream,
)

BATCH = 500  # rows whose actors are looked up together


def headers_of(columns: Sequence[Column]) -> list[Header]:
    return [Header(c.key, c.fr, c.en, c.kind) for c in columns]


def table_lines(
    kind: str, rows: Iterable[IndexRow], ctx: ExportContext, seen: set[str] | None = None
) -> Iterator[list[CellValue]]:
    """The values of each row in the columns' order; ``seen`` collects the source networks."""
    columns = TABLES[kind]
    for batch in batched(rows, BATCH):
        ctx.prefetch(batch)
        for row in batch:
            if seen is not None:
                seen.add(row.source)
            yield [c.get(row, ctx) for c in columns]


def table_csv(kind: str, rows: Iterable[IndexRow], ctx: ExportContext, sep: str) -> Iterator[bytes]:
    lines = table_lines(kind, rows, ctx)
    return csv_stream(headers_of(TABLES[kind]), lines, ctx.lang, sep)


def about_of(ctx: ExportContext, title: str, query: str, sources: Iterable[str]) -> About:
    """The "about" sheet: the source networks in the file and how current each one's data is."""
    listed = []
    for node_id in sorted(sources):
        network = ctx.sources.get(node_id)
        if node_id == ctx.settings.node_id:
            as_of = "à jour (current)"
        elif network is not None and network.as_of is not None:
            as_of = utc_text(network.as_of)
        else:
            as_of = "inconnu (unknown)"
        name = network.name if network else node_id
        listed.append((node_id, name, network.region if network else None, as_of))
    return About(title, datetime.now(UTC), ctx.settings.node_id, query, listed)


def table_xlsx(
    kind: str, rows: Iterable[IndexRow], ctx: ExportContext, query: str
) -> Iterator[bytes]:
    seen: set[str] = set()
    title = SHEET_TITLES[kind][0 if ctx.lang == "fr" else 1]
    lines = table_lines(kind, rows, ctx, seen)

    def about() -> About:
        return about_of(ctx, title, query, seen)

    return xlsx_stream(title, headers_of(TABLES[kind]), lines, ctx.lang, about)


class NoActivities(FederationError):
    def __init__(self) -> None:
        super().__init__(
            message="Aucune action ne correspond à ces filtres : un fichier IATI en demande une.",
            message_en="No action matches these filters: an IATI file needs at least one.",
            status_code=404,
            code="no_activities",
        )


def iati_xml(rows: Iterator[IndexRow], ctx: ExportContext) -> Iterator[bytes]:
    """The IATI file of ``rows``; raises ``NoActivities`` at once when there is none (an empty
    ``<iati-activities>`` is not valid), before anything is sent."""
    first = next(rows, None)
    if first is None:
        raise NoActivities
    return iati.iati_stream(chain([first], rows), ctx)


# The local authorities' summary as a table: one line per authority, currency and category.
_T, _N, _I = ValueKind.TEXT, ValueKind.NUMBER, ValueKind.INTEGER
SUMMARY_HEADERS = [
    Header("local_authority", "Collectivité", "Local authority", _T),
    Header("siren", "SIREN", "SIREN", _T),
    Header("insee", "Code commune INSEE", "INSEE municipality code", _T),
    Header("iri", "IRI de la collectivité", "Local authority's IRI", _T),
    Header("source", "Réseau source (identifiant)", "Source network (id)", _T),
    Header("source_name", "Réseau source", "Source network", _T),
    Header("year", "Année", "Year", _I),
    Header("currency", "Devise", "Currency", _T),
    Header("dimension", "Ventilation (code)", "Breakdown (code)", _T),
    Header("dimension_label", "Ventilation", "Breakdown", _T),
    Header("code", "Code", "Code", _T),
    Header("label", "Libellé", "Label", _T),
    Header("planned", "Prévu", "Planned", _N),
    Header("committed", "Acquis", "Committed", _N),
    Header("disbursed", "Versé", "Disbursed", _N),
    Header("total", "Total", "Total", _N),
    Header("actions", "Nombre d'actions", "Number of actions", _I),
]


def summary_lines(
    authorities: list[local_authorities.Authority], ctx: ExportContext, year: int
) -> Iterator[list[CellValue]]:
    for authority in authorities:
        for currency, dimension, code, amounts in local_authorities.lines_of(authority):
            names = local_authorities.DIMENSIONS[dimension]
            figures: list[CellValue] = [
                str(local_authorities.cents(amounts.by_status[s]))
                for s in local_authorities.STATUSES
            ]
            yield [
                authority.name,
                authority.siren,
                authority.insee,
                authority.iri,
                authority.source,
                ctx.source_name(authority.source),
                year,
                currency,
                dimension,
                names[0 if ctx.lang == "fr" else 1],
                code or None,
                local_authorities.category_label(ctx, dimension, code),
                *figures,
                str(local_authorities.cents(amounts.total)),
                len(amounts.actions),
            ]


def summary_json(
    authorities: list[local_authorities.Authority],
    ctx: ExportContext,
    year: int,
    filters: dict[str, list[str]],
) -> dict[str, Any]:
    about = about_of(ctx, "", "", ctx.sources)
    return {
        "year": year,
        "generated": utc_text(about.generated),
        "node": ctx.settings.node_id,
        "filters": filters,
        "local_authority_types": sorted(local_authorities.local_authority_types()),
        "method": {"fr": METHOD_FR, "en": METHOD_EN},
        "sources": [
            {"node_id": n, "name": name, "region": region, "as_of": as_of}
            for n, name, region, as_of in about.sources
        ],
        "local_authorities": local_authorities.as_json(authorities, ctx),
    }


METHOD_FR = (
    "Financements dont le financeur est la collectivité et dont l'année est celle demandée, "
    "par devise (jamais additionnées entre elles). Une action sur plusieurs pays ou secteurs "
    "répartit chaque montant selon ses pourcentages (ramenés à 100 %), à parts égales s'il en "
    "manque. Montants arrondis au centime à l'écriture."
)
METHOD_EN = (
    "Fundings whose funder is the local authority and whose year is the one asked, by currency "
    "(never added together). An action with several countries or sectors splits each amount by "
    "its percentages (scaled to 100 %), in equal parts when some are missing. Amounts rounded "
    "to the cent when written."
)


def summary_title(ctx: ExportContext, year: int) -> str:
    return f"APD {year}" if ctx.lang == "fr" else f"ODA {year}"


def summary_about(
    authorities: list[local_authorities.Authority], ctx: ExportContext, year: int, query: str
) -> Callable[[], About]:
    """The "about" sheet lists every network: any of them may hold an action funded."""
    return lambda: about_of(ctx, summary_title(ctx, year), query, ctx.sources)
