"""Plans of a bulk load, made here or in a child process while this one writes.

For each row, a loader first decides what to do (check the record against the rules, match it
with what is stored, stamp it, render its RDF): its plan. Plans need nothing from the database
session, so a large load makes them in a forked child process, which inherits the loaded rows
and what was read from the database, and sends the plans back in chunks while this process
writes the previous chunk. This process applies every plan, in row order, in the caller's one
transaction; an error in the child is raised here, and the caller rolls back as for any other.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import queue
import signal
import threading
import traceback
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any, Generic, TypeVar

from federation.common.records import Stamp
from federation.errors import FieldError

T = TypeVar("T")

CHUNK = 500
AHEAD = 4  # chunks received and not yet used, at most
# Rows: below this, starting a child process costs more than it saves.
PARALLEL_FROM = 2_000


@dataclass(frozen=True)
class Rejected:
    """The row breaks a rule: the errors to report."""

    errors: list[FieldError]


@dataclass(frozen=True)
class Planned(Generic[T]):
    """The row is kept: its checked record, its stamp (None when it is unchanged), the id it
    has or will have, whether it replaces a stored version, and its RDF row when it is written
    (see ``federation.publication.service.published_row``)."""

    prepared: T
    record_id: uuid.UUID
    stamp: Stamp | None
    update: bool
    published: dict[str, Any] | None


class ChildFailed(RuntimeError):
    """An error in the child process that could not be sent back as it was."""


def can_fork() -> bool:
    """A child process helps only with a second core, and only a forked one starts fast (with
    every module and code list loaded); a daemonic process may not start children at all."""
    return (
        _cores() > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and not multiprocessing.current_process().daemon
    )


def spare_core() -> bool:
    """Whether a core is idle for the child: with every core busy, the two processes only take
    turns, and copying the plans between them costs more than it saves. The load average
    counts this process too."""
    return os.getloadavg()[0] <= _cores() - 0.5


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class Plans(Generic[T]):
    """``plan(0)``, ``plan(1)``, … ``plan(count - 1)``, in order; use as a context manager.

    ``plan`` may keep state from one row to the next (duplicates within a file): it is called
    once per row, in order, here or in the child, never in both."""

    def __init__(
        self, plan: Callable[[int], T], count: int, *, parallel: bool | None = None
    ) -> None:
        self._plan = plan
        self._count = count
        if parallel is None:
            parallel = count >= PARALLEL_FROM and can_fork() and spare_core()
        self._parallel = parallel
        self._child: Any = None  # multiprocessing's fork Process (its type is private)
        self._receiving: Connection | None = None
        self._received: queue.Queue[bytes | None] = queue.Queue(maxsize=AHEAD)
        self._receiver: threading.Thread | None = None

    def __enter__(self) -> Plans[T]:
        if self._parallel:
            context = multiprocessing.get_context("fork")
            self._receiving, sending = context.Pipe(duplex=False)
            # Forked: the arguments are not pickled, the child has them as they are.
            self._child = context.Process(
                target=_make_plans, args=(self._plan, self._count, sending), daemon=True
            )
            self._child.start()
            sending.close()
            # Started after the fork, which thus copies no thread.
            self._receiver = threading.Thread(
                target=_receive, args=(self._receiving, self._received), daemon=True
            )
            self._receiver.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._child is None or self._receiver is None or self._receiving is None:
            return
        if self._child.is_alive():  # every chunk was used, or this process failed
            self._child.terminate()
        self._child.join()
        while self._receiver.is_alive():  # the pipe is closed: it stops once it can put
            with contextlib.suppress(queue.Empty):
                self._received.get(timeout=0.1)
        self._receiving.close()

    def __iter__(self) -> Iterator[T]:
        if self._receiver is None:
            for index in range(self._count):
                yield self._plan(index)
            return
        for _ in range(0, self._count, CHUNK):
            data = self._received.get()
            if data is None:
                raise ChildFailed("the child process ended before its work was done")
            chunk = pickle.loads(data)  # noqa: S301 - from our own child process
            if isinstance(chunk, BaseException):
                raise chunk
            yield from chunk


def _receive(receiving: Connection, received: queue.Queue[bytes | None]) -> None:
    """Read the child's chunks as soon as they are written, up to ``AHEAD`` of what this
    process has used: the child never waits for this process to finish writing a chunk."""
    try:
        while True:
            received.put(receiving.recv_bytes())
    except (EOFError, OSError):
        received.put(None)


def _make_plans(plan: Callable[[int], Any], count: int, sending: Connection) -> None:
    """In the child: every plan, a chunk at a time; an error ends the work and is sent back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        for start in range(0, count, CHUNK):
            sending.send([plan(index) for index in range(start, min(start + CHUNK, count))])
    except BaseException as error:  # every error must reach the parent, which raises it
        with contextlib.suppress(OSError):  # unless the parent has stopped listening
            sending.send(_sendable(error))
    finally:
        sending.close()


def _sendable(error: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes, to see they come back
    except Exception:  # an error that does not survive pickling is sent as its traceback
        return ChildFailed("".join(traceback.format_exception(error)))
    return error
