"""The node's tasks: thin, ids in; each opens what it needs and calls one service.

What they return is only written to the worker's log (results are not stored)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine

from federation.broker import redis_client
from federation.db.engine import make_engine, session_scope
from federation.errors import NotFound
from federation.feed.compaction import compact
from federation.harvest.bookkeeping import prune
from federation.harvest.client import PeerUnreachable
from federation.harvest.service import HARVESTABLE, harvest
from federation.index.own import sync_own
from federation.locks import RedisLock, harvest_lock_key
from federation.peers.repository import all_peers
from federation.queue import (
    COMPACT_FEED,
    HARVEST_DUE,
    HARVEST_PEER,
    PRUNE_BOOKKEEPING,
    REFRESH_SPARQL,
    SYNC_OWN_INDEX,
    enqueue,
)
from federation.settings import Settings, get_settings
from federation.sparql.store import refresh
from workers.app import task
from workers.schedule import MAX_RETRIES, due_peers, retry_delay

logger = logging.getLogger("workers.tasks")

# A harvest's lock lives this long past its last page: a worker that dies frees its peer
# within this time. Every page extends it.
MIN_LOCK_SECONDS = 120.0
DUE_MARK_SECONDS = 900


@lru_cache(maxsize=4)
def _engine(url: str) -> Engine:
    # Built on first use in each worker process, after the fork: never shared across processes.
    return make_engine(url)


def engine_for(settings: Settings) -> Engine:
    return _engine(settings.database_url)


def lock_seconds(settings: Settings) -> float:
    return max(MIN_LOCK_SECONDS, 4 * settings.harvest_timeout_seconds)


@task(HARVEST_PEER, bind=True)
def harvest_peer(self: Any, peer_id: int) -> str:
    """Harvest one peer, unless another worker is harvesting it; retry later if it is down."""
    settings = get_settings()
    lock = RedisLock(
        redis_client(settings), harvest_lock_key(settings, peer_id), lock_seconds(settings)
    )
    if not lock.acquire():
        return f"skipped: peer {peer_id} is being harvested by another worker"
    try:
        report = harvest(engine_for(settings), settings, peer_id, on_page=lock.extend)
    except NotFound:
        return f"peer {peer_id} is no longer registered"
    except PeerUnreachable as error:
        retries = int(self.request.retries)
        if retries >= MAX_RETRIES:
            return f"gave up on peer {peer_id} after {retries} retries: {error}"
        delay = retry_delay(retries, error.retry_after)
        logger.info("peer %s unreachable, retry %s in %.1f s", peer_id, retries + 1, delay)
        raise self.retry(countdown=delay, max_retries=MAX_RETRIES) from error
    finally:
        lock.release()
    return f"harvested peer {peer_id}: {report}"


@task(HARVEST_DUE)
def harvest_due() -> str:
    """Send a harvest for every scheduled peer whose interval has elapsed (run by beat)."""
    settings = get_settings()
    with session_scope(engine_for(settings)) as session:
        due = [
            (peer.id, peer.interval_seconds)
            for peer in due_peers(all_peers(session, HARVESTABLE), datetime.now(UTC))
            if peer.id is not None
        ]
    client = redis_client(settings)
    sent = []
    for peer_id, interval in due:
        # Until the run records its attempt, later ticks would find the peer due again; the
        # mark expires so that a run lost with its worker is sent again.
        mark = f"due:{settings.node_id}:{peer_id}"
        if client.set(mark, 1, nx=True, ex=min(max(1, interval), DUE_MARK_SECONDS)):
            enqueue(settings, HARVEST_PEER, peer_id)
            sent.append(peer_id)
    return f"sent harvests of peers {sent}" if sent else "no peer due"


@task(SYNC_OWN_INDEX)
def sync_own_index() -> str:
    """Bring the node's own records into the index (run by beat)."""
    settings = get_settings()
    with session_scope(engine_for(settings)) as session:
        counts = sync_own(session, settings)
    return f"own index: {counts}"


@task(COMPACT_FEED)
def compact_feed() -> str:
    """Compact the node's change feed (daily)."""
    settings = get_settings()
    with session_scope(engine_for(settings)) as session:
        report = compact(session, settings)
    return f"feed compacted: {report}"


@task(PRUNE_BOOKKEEPING)
def prune_bookkeeping() -> str:
    """Delete harvest runs and quarantine rows beyond what is kept (hourly)."""
    settings = get_settings()
    with session_scope(engine_for(settings)) as session:
        deleted = prune(session, settings)
    return f"pruned {deleted} bookkeeping rows"


@task(REFRESH_SPARQL)
def refresh_sparql() -> str:
    """Rebuild the SPARQL endpoint's copy of the index when the index changed."""
    settings = get_settings()
    snapshot = refresh(engine_for(settings), settings)
    return f"sparql copy as of {snapshot.as_of.isoformat()}"
