"""The source networks of the index: their names and how fresh their data is, for labelling
search hits and facets (the node itself, and each registered peer)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from federation.peers.models import Peer, PeerState
from federation.settings import Settings


@dataclass(frozen=True)
class Network:
    node_id: str
    name: str
    region: str | None
    own: bool
    last_success_at: datetime | None  # None for the node itself (always current)
    state: str

    @property
    def stale(self) -> bool:
        """Its data may be out of date: the peer fails, or waits for an admin."""
        return self.state in {PeerState.UNAVAILABLE, PeerState.SUSPENDED, PeerState.HELD}

    def as_dict(self) -> dict[str, object]:
        return {
            "node_id": self.node_id,
            "name": self.name,
            "region": self.region,
            "own": self.own,
            "last_success_at": self.last_success_at.isoformat() if self.last_success_at else None,
            "state": self.state,
            "stale": self.stale,
        }


def networks(session: Session, settings: Settings) -> dict[str, Network]:
    """node id -> network, the node's own first."""
    found = {
        settings.node_id: Network(
            settings.node_id, settings.network_name, settings.region, True, None, "own"
        )
    }
    for peer in session.execute(select(Peer)).scalars():
        found.setdefault(
            peer.node_id,
            Network(
                peer.node_id,
                peer.name,
                peer.region,
                False,
                peer.last_success_at,
                str(peer.state),
            ),
        )
    return found
