"""The Celery application, configured from the node's settings (``FED_REDIS_URL``)."""

from __future__ import annotations

from celery import Celery

from federation.settings import Settings, get_settings


def create_celery(settings: Settings | None = None) -> Celery:
    """A Celery app on the node's Redis; tasks are coarse (one per peer page, not per record)."""
    settings = settings or get_settings()
    app = Celery("federation", broker=settings.redis_url or None, backend=None)
    app.conf.update(
        task_ignore_result=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        timezone="UTC",
    )
    return app
