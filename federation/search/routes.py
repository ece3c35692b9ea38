"""``GET /search``: cross-region search over the index, JSON for programs, a page for people."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from federation.api.deps import SessionDep, SettingsDep
from federation.search.filters import read_request
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
