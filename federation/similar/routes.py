"""``GET /similar``: the actions of other regions most like an action or a description, each
with why, as JSON for programs and a page for people."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from federation.api.deps import SessionDep, SettingsDep
from federation.similar import service
from federation.similar.params import MAX_K, read_request
from federation.similar.schemas import SimilarPublic
from federation.web.render import page, respond, wants_html

router = APIRouter(tags=["similar"])


@router.get(
    "/similar",
    summary="Projets similaires / similar projects",
    response_model=SimilarPublic,
    responses={200: {"content": {"text/html": {}}}},
    description=(
        "Either `iri` (an action of the index, own or harvested) or a description: `text` "
        "and/or codes, `country`, `sector` (5-digit, or 3-digit for a category) and `sdg` "
        "(goal or target), each repeatable. `k` (1 to "
        f"{MAX_K}, default 10) answers, by default from other networks than the asked "
        "action's (this node's, for a description); `same_region=true` includes its own. "
        "Scores combine words in common (weighted by rarity) with shared country, sector, "
        "SDG, partner type and period; each answer lists them."
    ),
)
def similar_projects(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    """The most similar actions, the best first, each with its reasons."""
    asked = ("iri", "text", "country", "sector", "sdg")
    if wants_html(request) and not any(request.query_params.get(name) for name in asked):
        return page(request, "similar/form.html")  # a person arriving: the form
    found = service.similar(session, settings, read_request(request.query_params))
    return respond(request, found.model_dump(mode="json"), "similar/similar.html")
