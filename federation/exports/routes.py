"""Export routes: the selected index rows as CSV, XLSX or IATI XML, and the local authorities'
yearly summary. Every file is streamed; bad parameters are refused before anything is sent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from federation.api.deps import SessionDep, SettingsDep
from federation.errors import NotFound
from federation.exports import local_authorities, service
from federation.exports.context import ExportContext
from federation.exports.selection import select_rows
from federation.exports.tabular import SEPARATORS, csv_stream, xlsx_stream
from federation.settings import Settings
from federation.web.render import respond

router = APIRouter(tags=["exports"])

KIND_PATHS = {"actors": "actor", "actions": "action", "groups": "group"}
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XML_TYPE = "application/xml"

Lang = Annotated[
    Literal["fr", "en"],
    Query(description="Langue des en-têtes et des libellés / language of headers and labels"),
]
Separator = Annotated[
    Literal["semicolon", "comma", "tab"],
    Query(description="Séparateur CSV (« ; » par défaut, comme l'attend Excel en français)"),
]
Year = Annotated[int, Query(ge=1900, le=2200, description="Année des financements")]
# Declared for the documentation; select_rows reads (and checks) them from the query string.
Sources = Annotated[list[str] | None, Query(description="Réseau source (node id), répétable")]
Countries = Annotated[list[str] | None, Query(description="Code pays ISO, répétable")]


def _file(body: Iterator[bytes], media_type: str, settings: Settings, name: str) -> Response:
    """A streamed download named ``<node id>-<name>-<date>.<extension>``."""
    stem, extension = name.split(".", 1)
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    filename = f"{settings.node_id}-{stem}-{day}.{extension}"
    headers = {
        "Content-Disposition": f'attachment; filename="{filename}"',
        "X-Content-Type-Options": "nosniff",
    }
    return StreamingResponse(body, media_type=media_type, headers=headers)


def _kind(path: str) -> str:
    kind = KIND_PATHS.get(path)
    if kind is None:
        raise NotFound("Export", path)
    return kind


@router.get("/exports")
def exports_index(request: Request, settings: SettingsDep) -> Response:
    """The exports this node offers, with their parameters."""
    year = datetime.now(UTC).year - 1
    data = {
        "tables": {
            path: {fmt: f"/exports/{path}.{fmt}" for fmt in ("csv", "xlsx")} for path in KIND_PATHS
        },
        "iati": "/exports/actions.iati.xml",
        "local_authorities": {
            fmt: f"/exports/local-authorities.{fmt}?year={year}" for fmt in ("csv", "xlsx", "json")
        },
        "parameters": {
            "source": "réseau source (répétable) / source network (repeatable)",
            "country": "code pays ISO 3166-1 (répétable) / country code (repeatable)",
            "lang": "fr | en",
            "sep": "semicolon | comma | tab (CSV)",
            "year": "année des financements (collectivités) / funding year",
        },
    }
    return respond(request, data, "exports/index.html", year=year, node=settings.node_id)


@router.get("/exports/local-authorities.{fmt}", response_class=Response)
def local_authorities_summary(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    fmt: str,
    year: Year,
    lang: Lang = "fr",
    sep: Separator = "semicolon",
    source: Sources = None,
    country: Countries = None,
) -> Response:
    """Each local authority's fundings of ``year`` by currency, recipient country, DAC sector
    category and kind of action (for the annual e-APD declaration): CSV, XLSX or JSON."""
    if fmt not in ("csv", "xlsx", "json"):
        raise NotFound("Export", f"local-authorities.{fmt}")
    ctx = ExportContext(session, settings, lang)
    authorities = local_authorities.summarise(session, request.query_params, year)
    if fmt == "json":
        filters = {"source": source or [], "country": country or []}
        return JSONResponse(service.summary_json(authorities, ctx, year, filters))
    lines = service.summary_lines(authorities, ctx, year)
    name = f"collectivites-apd-{year}.{fmt}"
    if fmt == "csv":
        body = csv_stream(service.SUMMARY_HEADERS, lines, lang, SEPARATORS[sep])
        return _file(body, CSV_TYPE, settings, name)
    about = service.summary_about(authorities, ctx, year, request.url.query)
    title = service.summary_title(ctx, year)
    body = xlsx_stream(title, service.SUMMARY_HEADERS, lines, lang, about)
    return _file(body, XLSX_TYPE, settings, name)


@router.get("/exports/actions.iati.xml", response_class=Response)
def actions_iati(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    source: Sources = None,
    country: Countries = None,
) -> Response:
    """The selected actions as an IATI 2.03 activity file (valid against the official schema),
    each with its linked-data IRI."""
    rows = select_rows(session, "action", request.query_params)
    body = service.iati_xml(rows, ExportContext(session, settings, "fr"))
    return _file(body, XML_TYPE, settings, "actions.iati.xml")


@router.get("/exports/{path}.csv", response_class=Response)
def table_csv(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    path: str,
    lang: Lang = "fr",
    sep: Separator = "semicolon",
    source: Sources = None,
    country: Countries = None,
) -> Response:
    """The selected actors, actions or working groups as CSV (UTF-8 with BOM)."""
    kind = _kind(path)
    rows = select_rows(session, kind, request.query_params)
    body = service.table_csv(kind, rows, ExportContext(session, settings, lang), SEPARATORS[sep])
    return _file(body, CSV_TYPE, settings, f"{path}.csv")


@router.get("/exports/{path}.xlsx", response_class=Response)
def table_xlsx(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    path: str,
    lang: Lang = "fr",
    source: Sources = None,
    country: Countries = None,
) -> Response:
    """The selected actors, actions or working groups as an XLSX workbook."""
    kind = _kind(path)
    rows = select_rows(session, kind, request.query_params)
    ctx = ExportContext(session, settings, lang)
    body = service.table_xlsx(kind, rows, ctx, request.url.query)
    return _file(body, XLSX_TYPE, settings, f"{path}.xlsx")
