"""Token management for admins (the CLI `federation token` does the same)."""

from __future__ import annotations

from fastapi import APIRouter

from federation.api.deps import AdminDep, SessionDep
from federation.auth import service
from federation.auth.schemas import TokenCreate, TokenIssued, TokenPublic

router = APIRouter(prefix="/api/tokens", tags=["tokens"])


@router.get("", response_model=list[TokenPublic])
def list_tokens(session: SessionDep, _token: AdminDep) -> list[TokenPublic]:
    """Every token, revoked ones included (admin token)."""
    return [
        TokenPublic.model_validate(t, from_attributes=True) for t in service.list_tokens(session)
    ]


@router.post("", response_model=TokenIssued, status_code=201)
def create_token(data: TokenCreate, session: SessionDep, _token: AdminDep) -> TokenIssued:
    """Issue a token; its secret is in this answer only (admin token)."""
    issued = service.create_token(session, role=data.role, name=data.name)
    public = TokenPublic.model_validate(issued.token, from_attributes=True)
    return TokenIssued(**public.model_dump(), token=issued.secret)


@router.delete("/{ident}", response_model=TokenPublic)
def revoke_token(ident: str, session: SessionDep, _token: AdminDep) -> TokenPublic:
    """Revoke a token by id or prefix (admin token)."""
    return TokenPublic.model_validate(service.revoke_token(session, ident), from_attributes=True)
