"""Sending tasks to the node's workers by name: the API never imports ``workers``.

Every node has its own queue (``fed.{node_id}``), so several nodes can share one Redis."""

from __future__ import annotations

from functools import lru_cache

from celery import Celery

from federation.broker import broker_url
from federation.settings import Settings

# Task names are part of the contract between the node and its workers: never rename one.
HARVEST_PEER = "federation.harvest_peer"
HARVEST_DUE = "federation.harvest_due"
SYNC_OWN_INDEX = "federation.sync_own_index"
COMPACT_FEED = "federation.compact_feed"
PRUNE_BOOKKEEPING = "federation.prune_bookkeeping"
REFRESH_SPARQL = "federation.refresh_sparql"


def queue_name(settings: Settings) -> str:
    """The queue of this node's workers."""
    return f"fed.{settings.node_id}"


def enqueue(settings: Settings, name: str, *args: object, countdown: float | None = None) -> str:
    """Send the task ``name`` to this node's queue; its id. Call it after the commit."""
    queue = queue_name(settings)
    result = _sender(broker_url(settings), queue).send_task(
        name, args=args, countdown=countdown, queue=queue
    )
    return str(result.id)


@lru_cache(maxsize=8)
def _sender(broker: str, queue: str) -> Celery:
    """A Celery app that only sends (no tasks, no results), one per broker and queue."""
    app = Celery("federation-sender", broker=broker, backend=None, set_as_current=False)
    app.conf.update(
        task_default_queue=queue,
        task_ignore_result=True,
        broker_connection_retry_on_startup=True,
        # A broker that is down fails the request in about a second instead of hanging it.
        task_publish_retry_policy={"max_retries": 2, "interval_start": 0.2, "interval_step": 0.3},
    )
    return app
