"""The same actor across regions: pages and API (reads public, decisions by an admin)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from federation.api.deps import AdminDep, PageDep, SessionDep, SettingsDep
from federation.clusters import service
from federation.clusters.models import IRI_LENGTH
from federation.clusters.schemas import (
    DecisionCreate,
    DecisionSaved,
    DecisionsPublic,
    SameActorPublic,
    SuggestionsPublic,
)
from federation.web.render import respond

router = APIRouter(tags=["same actor"])

ActorIriQuery = Annotated[
    str,
    Query(
        min_length=1,
        max_length=IRI_LENGTH,
        description="The IRI of an actor's record, local or harvested",
    ),
]


@router.get(
    "/same-actor",
    response_model=SameActorPublic,
    responses={200: {"content": {"text/html": {}}}},
)
def same_actor(
    request: Request, iri: ActorIriQuery, session: SessionDep, settings: SettingsDep
) -> Response:
    """An actor's records in every network that knows it, and where they disagree."""
    found = service.same_actor(session, settings, iri.strip())
    return respond(request, found.model_dump(mode="json"), "clusters/actor.html", same=found)


@router.get(
    "/same-actor/suggestions",
    response_model=SuggestionsPublic,
    responses={200: {"content": {"text/html": {}}}},
)
def suggestions(
    request: Request, session: SessionDep, settings: SettingsDep, page: PageDep
) -> Response:
    """Actors with close names that no identifier links: maybe the same, for an admin to say."""
    found = service.suggestions(session, settings, page)
    return respond(
        request, found.model_dump(mode="json"), "clusters/suggestions.html", listing=found
    )


@router.get("/api/same-actor/decisions", response_model=DecisionsPublic)
def decisions(session: SessionDep, page: PageDep) -> DecisionsPublic:
    """The admins' decisions on pairs of actors, the latest first."""
    return service.decisions(session, page)


@router.post("/api/same-actor/decisions", response_model=DecisionSaved, status_code=201)
def decide(data: DecisionCreate, session: SessionDep, token: AdminDep) -> DecisionSaved:
    """Say whether two actors are the same (joined) or different (never suggested again); the
    decision is kept by IRI pair across harvests (admin token)."""
    return service.decide(session, data, token.name)
