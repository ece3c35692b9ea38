"""The admin API of peers (the CLI ``federation peers`` does the same)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, Path

from federation.api.deps import AdminDep, PageDep, SessionDep, SettingsDep
from federation.harvest.client import PeerClient
from federation.harvest.schemas import QuarantinePublic, RunsPublic
from federation.peers import service
from federation.peers.schemas import PeerAdded, PeerCreate, PeerPublic, PeersPublic

router = APIRouter(prefix="/api/peers", tags=["peers"])


def peer_client(settings: SettingsDep) -> Iterator[PeerClient]:
    with PeerClient(settings) as client:
        yield client


ClientDep = Annotated[PeerClient, Depends(peer_client)]
PeerId = Annotated[int, Path(ge=1, le=2_147_483_647)]


@router.get("", response_model=PeersPublic)
def list_peers(session: SessionDep, _token: AdminDep) -> PeersPublic:
    """Every peer with its state, last success, lag, records and last error (admin token)."""
    return service.list_peers(session)


@router.post("", response_model=PeerAdded, status_code=201)
def add_peer(
    data: PeerCreate,
    session: SessionDep,
    settings: SettingsDep,
    client: ClientDep,
    _token: AdminDep,
) -> PeerAdded:
    """Register a peer by its base URL; the answer holds its inbox token, once (admin token)."""
    peer, token = service.register(session, client, settings, data.url, data.interval_seconds)
    return PeerAdded(**service.public(session, peer).model_dump(), inbox_token=token)


@router.get("/{peer_id}", response_model=PeerPublic)
def read_peer(peer_id: PeerId, session: SessionDep, _token: AdminDep) -> PeerPublic:
    """One peer (admin token)."""
    return service.public(session, service.get(session, peer_id))


@router.delete("/{peer_id}", status_code=204)
def remove_peer(peer_id: PeerId, session: SessionDep, _token: AdminDep) -> None:
    """Forget a peer and remove its records from the index (admin token)."""
    service.remove(session, peer_id)


@router.post("/{peer_id}/confirm", response_model=PeerPublic)
def confirm(peer_id: PeerId, session: SessionDep, _token: AdminDep) -> PeerPublic:
    """Confirm a held mass deletion: the next run applies it (admin token)."""
    return service.public(session, service.confirm_deletions(session, peer_id))


@router.post("/{peer_id}/reject", response_model=PeerPublic)
def reject(peer_id: PeerId, session: SessionDep, _token: AdminDep) -> PeerPublic:
    """Reject a held mass deletion: records kept, peer suspended until resumed (admin token)."""
    return service.public(session, service.reject_deletions(session, peer_id))


@router.post("/{peer_id}/resume", response_model=PeerPublic)
def resume(peer_id: PeerId, session: SessionDep, _token: AdminDep) -> PeerPublic:
    """Harvest a suspended or unavailable peer again (admin token)."""
    return service.public(session, service.resume(session, peer_id))


@router.get("/{peer_id}/runs", response_model=RunsPublic)
def runs(peer_id: PeerId, session: SessionDep, page: PageDep, _token: AdminDep) -> RunsPublic:
    """The peer's harvest runs, the latest first (admin token)."""
    return service.runs(session, peer_id, page)


@router.get("/{peer_id}/quarantine", response_model=QuarantinePublic)
def quarantine(
    peer_id: PeerId, session: SessionDep, page: PageDep, _token: AdminDep
) -> QuarantinePublic:
    """The peer's refused members with the reasons, the latest first (admin token)."""
    return service.quarantine(session, peer_id, page)
