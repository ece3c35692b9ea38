"""``/reports``: the national report of the index now (filters in the query, or a POST body),
and ``/reports/{id}``: a report produced earlier, with the same numbers, in every format.

The format is ``?format=json|html|csv|xlsx``, else the Accept header (JSON by default, HTML to
a browser)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse

from federation.api.deps import SessionDep, SettingsDep
from federation.errors import FieldError, ValidationFailed
from federation.reports import formats, service, views
from federation.reports.filters import parse_body, parse_items
from federation.reports.rates import parse_rates
from federation.reports.schemas import ReportRequest
from federation.web.render import page, wants_html

router = APIRouter(tags=["reports"])

FORMATS = ("json", "html", "csv", "xlsx")
_NOT_FILTERS = ("format", "rates", "currency")
FormatQuery = Annotated[str | None, Query(description="json, html, csv or xlsx")]


@router.get("/reports")
def current_report(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    format: FormatQuery = None,
    rates: Annotated[str | None, Query(description="USD:0.92,XOF:0.001524")] = None,
    currency: Annotated[str | None, Query(description="target currency, EUR by default")] = None,
) -> Response:
    """The national report of the index as it is now, stored under an id that gives it again
    (filters: source, country, sector, year, kind, action_kind, status, actor_type, sdg)."""
    chosen = _format(request, format)
    items = [(k, v) for k, v in request.query_params.multi_items() if k not in _NOT_FILTERS]
    filters = parse_items(items)
    table = parse_rates(rates, currency)
    report = service.produce(session, settings, filters, table)
    return _answer(request, report, chosen)


@router.post("/reports", status_code=201)
def new_report(
    request: Request,
    body: ReportRequest,
    session: SessionDep,
    settings: SettingsDep,
    format: FormatQuery = None,
) -> Response:
    """The same as ``GET /reports``, with the filters and the rate table in a JSON body."""
    chosen = _format(request, format)
    report = service.produce(
        session, settings, parse_body(body.filters), parse_rates(body.rates, body.currency)
    )
    response = _answer(request, report, chosen)
    response.status_code = 201
    response.headers["Location"] = f"/reports/{report.id}"
    return response


@router.get("/reports/{report_id}")
def stored_report(
    request: Request, report_id: str, session: SessionDep, format: FormatQuery = None
) -> Response:
    """A report produced earlier, with the numbers it had then (404 once no longer kept)."""
    chosen = _format(request, format)
    extra = sorted({k for k in request.query_params if k != "format"})
    if extra:
        raise ValidationFailed(
            [
                FieldError(
                    name,
                    "fixed_report",
                    "Un rapport enregistré ne se filtre pas ; filtrez un nouveau rapport sur "
                    "/reports.",
                    "A stored report cannot be filtered; filter a new report at /reports.",
                )
                for name in extra
            ]
        )
    return _answer(request, service.stored(session, report_id), chosen)


def _format(request: Request, given: str | None) -> str:
    if given is not None:
        if given.lower() not in FORMATS:
            raise ValidationFailed(
                [
                    FieldError(
                        "format",
                        "invalid_format",
                        f"Format inconnu « {given} » : json, html, csv ou xlsx.",
                        f"Unknown format '{given}': json, html, csv or xlsx.",
                    )
                ]
            )
        return given.lower()
    accept = request.headers.get("accept", "")
    if "text/csv" in accept:
        return "csv"
    if formats.XLSX_MEDIA in accept:
        return "xlsx"
    return "html" if wants_html(request) else "json"


def _links(report_id: str) -> dict[str, str]:
    base = f"/reports/{report_id}"
    return {f: f"{base}?format={f}" if f != "json" else base for f in FORMATS}


def _answer(request: Request, report: service.Report, chosen: str) -> Response:
    links = _links(report.id)
    headers = {"Link": f'<{links["json"]}>; rel="canonical"'}
    if chosen == "json":
        return Response(report.json_bytes(links), media_type="application/json", headers=headers)
    content = report.as_json()
    if chosen == "csv":
        headers["Content-Disposition"] = f'attachment; filename="rapport-{report.id}.csv"'
        return StreamingResponse(
            formats.csv_chunks(content), media_type=formats.CSV_MEDIA, headers=headers
        )
    if chosen == "xlsx":
        headers["Content-Disposition"] = f'attachment; filename="rapport-{report.id}.xlsx"'
        return Response(formats.to_xlsx(content), media_type=formats.XLSX_MEDIA, headers=headers)
    response = page(
        request,
        "reports/report.html",
        report=content,
        links=links,
        sections=views.sections(content),
        options=views.form_options(),
        filters=content["parameters"]["filters"],
        conversion=content["parameters"]["conversion"],
    )
    response.headers.update(headers)
    return response
