"""Queries on API tokens."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, update
from sqlmodel import Session, col

from federation.auth.models import ApiToken


def add(session: Session, token: ApiToken) -> None:
    session.add(token)


def by_hash(session: Session, token_hash: str) -> ApiToken | None:
    stmt = select(ApiToken).where(col(ApiToken.token_hash) == token_hash)
    return session.execute(stmt).scalar_one_or_none()


def by_id_or_prefix(session: Session, ident: str) -> list[ApiToken]:
    try:
        stmt = select(ApiToken).where(col(ApiToken.id) == uuid.UUID(ident))
    except ValueError:
        stmt = select(ApiToken).where(col(ApiToken.prefix) == ident)
    return list(session.execute(stmt).scalars())


def all_tokens(session: Session) -> list[ApiToken]:
    return list(session.execute(select(ApiToken).order_by(col(ApiToken.created))).scalars())


def touch(session: Session, token_id: uuid.UUID, when: datetime) -> None:
    session.execute(update(ApiToken).where(col(ApiToken.id) == token_id).values(last_used=when))
