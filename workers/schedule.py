"""When things run: beat's table, which peers are due, and how long a failed harvest waits.

Pure functions of the settings, the peers and the clock: tested without a broker."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from celery.schedules import crontab

from federation.harvest.service import HARVESTABLE
from federation.peers.models import Peer
from federation.queue import (
    COMPACT_FEED,
    HARVEST_DUE,
    PRUNE_BOOKKEEPING,
    REFRESH_SPARQL,
    SYNC_OWN_INDEX,
)
from federation.settings import Settings

# Back-off of a harvest whose peer is unreachable: 10 s, 20 s, 40 s, 80 s, 160 s (± jitter),
# then the task gives up and beat tries again at the peer's interval.
RETRY_BASE_SECONDS = 10.0
MAX_RETRIES = 5
# A delay longer than Redis's visibility timeout (1 h) would deliver the task twice; a peer
# asking for more than this is tried again by beat instead.
MAX_RETRY_DELAY_SECONDS = 1_800.0


def beat_tick_seconds(settings: Settings) -> float:
    """How often beat looks for due peers and syncs the node's own records into the index."""
    # FED_BEAT_TICK_SECONDS, once Settings declares it.
    return settings.beat_tick_seconds


def beat_schedule(settings: Settings) -> dict[str, dict[str, Any]]:
    """Beat's table: each entry expires after one period, so a stopped worker finds no backlog."""
    tick = beat_tick_seconds(settings)
    return {
        "harvest-due-peers": {
            "task": HARVEST_DUE,
            "schedule": tick,
            "options": {"expires": tick},
        },
        "sync-own-index": {
            "task": SYNC_OWN_INDEX,
            "schedule": tick,
            "options": {"expires": tick},
        },
        "prune-bookkeeping": {
            "task": PRUNE_BOOKKEEPING,
            "schedule": 3_600.0,
            "options": {"expires": 3_600.0},
        },
        # A rebuild of the SPARQL copy costs minutes of CPU at 100k records: not every tick.
        "refresh-sparql": {
            "task": REFRESH_SPARQL,
            "schedule": max(settings.sparql_refresh_seconds, tick),
            "options": {"expires": max(settings.sparql_refresh_seconds, tick)},
        },
        "compact-feed": {
            "task": COMPACT_FEED,
            "schedule": crontab(hour=3, minute=17),
            "options": {"expires": 86_400.0},
        },
    }


def is_due(peer: Peer, now: datetime) -> bool:
    """Whether beat should harvest this peer now: not waiting for an admin (held, suspended),
    and its interval has elapsed since its last attempt."""
    if peer.state not in HARVESTABLE:
        return False
    if peer.last_attempt_at is None:
        return True
    return now - peer.last_attempt_at >= timedelta(seconds=peer.interval_seconds)


def due_peers(peers: Iterable[Peer], now: datetime) -> list[Peer]:
    """The peers among these that are due now."""
    return [peer for peer in peers if is_due(peer, now)]


def retry_delay(
    retries: int,
    retry_after: float | None = None,
    *,
    rng: random.Random | None = None,
) -> float:
    """Seconds before retry number ``retries + 1``: exponential with jitter, never sooner than
    the peer's ``Retry-After``, never later than :data:`MAX_RETRY_DELAY_SECONDS`."""
    backoff = RETRY_BASE_SECONDS * 2.0 ** max(0, retries)
    # Full jitter over the upper half, so that peers failing together do not retry together.
    draw = rng.random() if rng else random.random()  # noqa: S311 - jitter, not a secret
    jittered = backoff * (0.5 + 0.5 * draw)
    return min(max(jittered, retry_after or 0.0), MAX_RETRY_DELAY_SECONDS)
