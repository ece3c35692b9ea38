"""The Celery application, configured from the node's settings.

The broker is ``FED_REDIS_URL`` or, without it, the node's embedded Redis (``federation.broker``):
the same tasks run the same way in both cases. Each node consumes its own queue
(``fed.{node_id}``), so several nodes may share one Redis."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from celery import Celery, shared_task

from federation.broker import broker_url
from federation.queue import queue_name
from federation.settings import Settings, get_settings
from workers.schedule import beat_schedule

F = TypeVar("F", bound=Callable[..., Any])


def create_celery(settings: Settings | None = None) -> Celery:
    """A Celery app on the node's Redis; tasks are coarse (one per peer run, not per record)."""
    settings = settings or get_settings()
    app = Celery("federation", broker=broker_url(settings), backend=None)
    app.conf.update(
        task_ignore_result=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        timezone="UTC",
        task_default_queue=queue_name(settings),
        task_serializer="json",
        accept_content=["json"],
        beat_schedule=beat_schedule(settings),
        beat_schedule_filename=str(settings.data_dir / f"beat-{settings.node_id}"),
        imports=["workers.tasks"],
    )
    return app


def task(name: str, **options: Any) -> Callable[[F], F]:
    """Declare a task under a stable ``name`` (the node sends tasks by name)."""
    return cast(Callable[[F], F], shared_task(name=name, **options))
