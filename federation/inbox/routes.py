"""``POST /inbox``: a peer tells this node it has changed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from federation.api.deps import SessionDep, SettingsDep
from federation.inbox.schemas import InboxReceipt
from federation.inbox.service import receive_ping

router = APIRouter(tags=["inbox"])

inbox_bearer = HTTPBearer(
    auto_error=False, description="The inbox token this node issued to the peer"
)


@router.post("/inbox", status_code=202, response_model=InboxReceipt)
def ping(
    session: SessionDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(inbox_bearer)],
) -> InboxReceipt:
    """A peer's ping: schedule an early harvest of that peer (several pings, one harvest)."""
    token = credentials.credentials if credentials else None
    return InboxReceipt(scheduled=receive_ping(session, settings, token))
