"""Queries on peers."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import or_, select
from sqlmodel import Session, col

from federation.peers.models import Peer, PeerState


def add(session: Session, peer: Peer) -> None:
    session.add(peer)


def get(session: Session, peer_id: int) -> Peer | None:
    return session.get(Peer, peer_id)


def get_for_update(session: Session, peer_id: int) -> Peer | None:
    """The peer, re-read from the database (another run may have moved it)."""
    return session.get(Peer, peer_id, populate_existing=True)


def by_ident(session: Session, ident: str) -> Peer | None:
    """A peer by id, node id or base URL (what an admin types)."""
    conditions = [col(Peer.node_id) == ident, col(Peer.base_url) == ident.rstrip("/")]
    if ident.isdigit() and len(ident) < 10:
        conditions.append(col(Peer.id) == int(ident))
    return session.execute(select(Peer).where(or_(*conditions))).scalars().first()


def clashing(session: Session, *, base_url: str, node_id: str | None = None) -> Peer | None:
    """A registered peer with this base URL or node id."""
    conditions = [col(Peer.base_url) == base_url]
    if node_id is not None:
        conditions.append(col(Peer.node_id) == node_id)
    return session.execute(select(Peer).where(or_(*conditions))).scalars().first()


def all_peers(session: Session, states: Collection[PeerState] = ()) -> list[Peer]:
    stmt = select(Peer).order_by(col(Peer.node_id))
    if states:
        stmt = stmt.where(col(Peer.state).in_(list(states)))
    return list(session.execute(stmt).scalars())


def by_inbox_hash(session: Session, token_hash: str) -> Peer | None:
    stmt = select(Peer).where(col(Peer.inbox_token_hash) == token_hash)
    return session.execute(stmt).scalar_one_or_none()


def remove(session: Session, peer: Peer) -> None:
    session.delete(peer)
