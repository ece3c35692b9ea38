"""A ping from a peer: find it by its inbox token, then schedule one early harvest of it.

Several pings within ``FED_INBOX_DEBOUNCE_SECONDS`` give one harvest (a Redis key set with NX
and an expiry); the harvest is sent by name, so the node never imports the workers."""

from __future__ import annotations

from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError
from sqlmodel import Session

from federation.broker import BrokerUnavailable, redis_client
from federation.errors import FederationError, Unauthorized
from federation.harvest.service import HARVESTABLE
from federation.peers.service import peer_for_inbox_token
from federation.queue import HARVEST_PEER, enqueue
from federation.settings import Settings

# A short wait lets the peer's own transaction and feed page settle before we read them.
HARVEST_COUNTDOWN_SECONDS = 1.0


class QueueUnavailable(FederationError):
    def __init__(self) -> None:
        super().__init__(
            message="La file des tâches est indisponible ; réessayez plus tard.",
            message_en="The task queue is unavailable; try again later.",
            status_code=503,
            code="queue_unavailable",
        )


def debounce_seconds(settings: Settings) -> int:
    """How long pings of one peer are merged into one harvest."""
    # FED_INBOX_DEBOUNCE_SECONDS, once Settings declares it.
    return settings.inbox_debounce_seconds


def debounce_key(settings: Settings, peer_id: int) -> str:
    return f"inbox:{settings.node_id}:{peer_id}"


def receive_ping(session: Session, settings: Settings, token: str | None) -> bool:
    """Schedule an early harvest of the peer holding this inbox token; False when one was
    scheduled moments ago (or the peer waits for an admin)."""
    peer = peer_for_inbox_token(session, token) if token else None
    if peer is None or peer.id is None:
        raise Unauthorized()
    if peer.state not in HARVESTABLE:
        return False
    key = debounce_key(settings, peer.id)
    try:
        client = redis_client(settings)
        if not client.set(key, 1, nx=True, ex=max(1, debounce_seconds(settings))):
            return False
        try:
            enqueue(settings, HARVEST_PEER, peer.id, countdown=HARVEST_COUNTDOWN_SECONDS)
        except BaseException:
            # Nothing was sent: the next ping must not be swallowed by the debounce.
            client.delete(key)
            raise
    except (RedisError, BrokerError, BrokerUnavailable) as error:
        raise QueueUnavailable from error
    return True
