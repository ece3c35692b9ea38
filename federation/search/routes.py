"""``GET /search``: cross-region search over the index, JSON for programs, a page for people."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from federation.api.deps import SessionDep, SettingsDep
from federation.errors import FieldError, ValidationFailed
from federation.search.filters import read_filters, read_request
from federation.search.groups import groups_across
from federation.search.service import run
from federation.web.render import respond

router = APIRouter(tags=["search"])


@router.get(
    "/search",
    summary="Recherche dans tout l'index / search the whole index",
    description=(
        "Full text (French and English, accents and case ignored, stemmed) with filters and "
        "facet counts on region (source network), country, sector (5-digit, or 3-digit for "
        "the category), SDG, actor type, partner type, action status and kind, group kind, "
        "record kind, year. Repeat a filter for OR (`country=BF&country=ML`); different "
        "filters combine with AND. `sort=relevance|date`, `page`, `per_page` (<= 100)."
    ),
)
def search_index(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    search = read_request(request.query_params)
    data = run(session, settings, search)
    return respond(request, data, "search/search.html")


@router.get(
    "/index/groups",
    summary="Groupes de travail de tous les réseaux / working groups of every network",
    description=(
        "The working groups of every network about a country (`country=BF`) or a theme "
        "(`sector=140`, `category=140`), or matching words (`q=`), with their members."
    ),
)
def working_groups(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    errors: list[FieldError] = []
    filters = read_filters(request.query_params, errors)
    if errors:
        raise ValidationFailed(errors)
    data = groups_across(session, settings, filters)
    data["query"] = {"q": filters.q, "filters": {k: list(v) for k, v in filters.facets.items()}}
    return respond(request, data, "search/groups.html")
