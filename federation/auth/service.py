"""Bearer tokens with a role. Tokens are random and long, so a plain SHA-256 is a safe hash
(no salt needed: there is nothing to guess), and it lets a token be found by its hash."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlmodel import Session

from federation.auth import repository
from federation.auth.models import ApiToken, Role
from federation.common.fields import utcnow
from federation.errors import FederationError, Forbidden, Unauthorized

TOKEN_PREFIX = "fed_"  # noqa: S105 - a label, not a secret
RANK = {Role.EDITOR: 1, Role.ADMIN: 2}


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once, never stored


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(session: Session, *, role: Role, name: str) -> IssuedToken:
    """Make a new token; its secret is returned once and only its hash is kept."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(name=name, role=role, token_hash=hash_token(secret), prefix=secret[:12])
    repository.add(session, token)
    session.flush()
    return IssuedToken(token, secret)


def list_tokens(session: Session) -> list[ApiToken]:
    return repository.all_tokens(session)


def revoke_token(session: Session, ident: str) -> ApiToken:
    """Revoke by id or by the prefix shown in ``token list``."""
    found = repository.by_id_or_prefix(session, ident)
    if len(found) != 1:
        raise FederationError(
            message=f"Aucun jeton unique ne correspond à {ident!r}.",
            message_en=f"No single token matches {ident!r}.",
            status_code=404,
            code="not_found",
        )
    token = found[0]
    if token.revoked is None:
        token.revoked = utcnow()
        session.flush()
    return token


def authenticate(session: Session, secret: str | None, needed: Role) -> ApiToken:
    """The token behind a bearer secret, if it is valid and has at least the ``needed`` role."""
    if not secret:
        raise Unauthorized()
    token = repository.by_hash(session, hash_token(secret))
    if token is None or token.revoked is not None:
        raise Unauthorized()
    if RANK[token.role] < RANK[needed]:
        raise Forbidden(needed.value)
    repository.touch(session, token.id, utcnow())
    return token
