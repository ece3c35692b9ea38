"""Publication of what a bulk load writes, in the load's own transaction.

Rendering a record's RDF (its public shape, its triples, their N-Triples text) was a third of
an import and needs nothing from the database. A large load hands it, ``CHUNK`` records at a
time, to one child process while this one checks and writes the next rows. The child is forked,
so it starts in milliseconds with every module and code list already loaded, and it never
touches the database: it receives plain values and returns the rows to store. This process
stores them, in the order the records were written, in the same transaction as the records;
an error in the child is raised here, and the caller rolls back as for any other error.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from sqlmodel import Session

from federation.actions import service as actions_service
from federation.actions.service import PreparedAction
from federation.actors import service as actors_service
from federation.actors.service import PreparedActor
from federation.common.records import Stamp
from federation.groups import service as groups_service
from federation.groups.service import PreparedGroup
from federation.publication.service import published_row, store
from federation.rdf.records import Publishable

CHUNK = 500
# Records: below this, starting a child process costs more than rendering here.
PARALLEL_FROM = 2_000


@dataclass(frozen=True)
class Written:
    """A record a load wrote: what the rules prepared and the stamp it was written with."""

    prepared: PreparedActor | PreparedAction | PreparedGroup
    stamp: Stamp


def public_of(item: Written, base_url: str) -> Publishable:
    if isinstance(item.prepared, PreparedActor):
        return actors_service.published(item.prepared, item.stamp, base_url)
    if isinstance(item.prepared, PreparedAction):
        return actions_service.published(item.prepared, item.stamp, base_url)
    return groups_service.published(item.prepared, item.stamp, base_url)


def render(items: Sequence[Written], base_url: str) -> list[dict[str, Any]]:
    """The stored-RDF rows of written records (here or in the child process)."""
    return [published_row(public_of(item, base_url)) for item in items]


def can_fork() -> bool:
    """A child process helps only with a second core, and only a forked one starts fast;
    a daemonic process (a worker of a pool) may not start children at all."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        (cores or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and not multiprocessing.current_process().daemon
    )


class Publisher:
    """Collects the records a load writes and publishes them in chunks, in write order."""

    def __init__(
        self, session: Session, base_url: str, *, expected: int, parallel: bool | None = None
    ) -> None:
        self._session = session
        self._base_url = base_url
        self._pending: list[Written] = []
        self._rendering: deque[Future[list[dict[str, Any]]]] = deque()
        if parallel is None:
            parallel = expected >= PARALLEL_FROM and can_fork()
        self._pool = (
            ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            if parallel
            else None
        )

    def __enter__(self) -> Publisher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def add(self, prepared: PreparedActor | PreparedAction | PreparedGroup, stamp: Stamp) -> None:
        self._pending.append(Written(prepared, stamp))
        if len(self._pending) >= CHUNK:
            self._send()

    def finish(self) -> None:
        """Publish everything added so far; returns once it is stored."""
        if self._pending:
            self._send()
        self._store_rendered(wait=True)

    def _send(self) -> None:
        chunk, self._pending = self._pending, []
        if self._pool is None:
            store(self._session, render(chunk, self._base_url))
            return
        self._rendering.append(self._pool.submit(render, chunk, self._base_url))
        self._store_rendered(wait=False)

    def _store_rendered(self, *, wait: bool) -> None:
        while self._rendering and (wait or self._rendering[0].done()):
            store(self._session, self._rendering.popleft().result())
