"""A task only the tests load (``federation worker -- --include tests.workers.probe``): it
proves a task sent by name ran in the worker, on whichever Redis the worker uses."""

from __future__ import annotations

from celery import shared_task

from federation.broker import redis_client
from federation.settings import get_settings

PROBE = "tests.probe"


@shared_task(name=PROBE)
def probe(key: str, value: str) -> str:
    redis_client(get_settings()).rpush(key, value)
    return value
