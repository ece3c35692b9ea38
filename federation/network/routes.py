"""The node's network and health."""

from __future__ import annotations

from fastapi import APIRouter

from federation.api.deps import SessionDep, SettingsDep
from federation.network.schemas import NetworkPublic
from federation.network.service import ensure_network

router = APIRouter(tags=["network"])


@router.get("/api/network", response_model=NetworkPublic)
def read_network(session: SessionDep, settings: SettingsDep) -> NetworkPublic:
    """The network that runs this node."""
    network = ensure_network(session, settings)
    return NetworkPublic(
        **network.model_dump(include={"id", "node_id", "name", "acronym", "region", "website"}),
        base_url=settings.base_url,
        modified=network.modified,
    )


@router.get("/")
def home(session: SessionDep, settings: SettingsDep) -> dict[str, object]:
    """Where to start: the network and the links to the API."""
    network = ensure_network(session, settings)
    return {
        "network": network.name,
        "region": network.region,
        "links": {
            "documentation": f"{settings.base_url}/docs",
            "actors": f"{settings.base_url}/api/actors",
            "actions": f"{settings.base_url}/api/actions",
            "groups": f"{settings.base_url}/api/groups",
            "network": f"{settings.base_url}/api/network",
            "catalog": f"{settings.base_url}/catalog",
            "dump": f"{settings.base_url}/dump",
            "vocabulary": f"{settings.base_url}/vocab",
            "node_description": f"{settings.base_url}/.well-known/rrma-federation",
        },
    }


@router.get("/healthz")
def health(session: SessionDep) -> dict[str, str]:
    """Liveness and database reachability."""
    session.connection()
    return {"status": "ok"}
