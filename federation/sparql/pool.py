"""A small pool of query processes: a query that runs over the time limit is stopped by killing
its process, which is replaced at once; the other processes and later queries are untouched.

Processes are started with 'spawn' (a fresh interpreter): forking a web server's process, with
its threads and database connections, is unsafe. They start on first use, not with the app."""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext, SpawnProcess

from federation.sparql.errors import EndpointBusy, QueryCrashed, QueryTimedOut
from federation.sparql.worker import Answer, Job, serve

logger = logging.getLogger(__name__)


class QueryProcess:
    """One process and the pipe to it."""

    def __init__(self, context: SpawnContext, max_memory_bytes: int) -> None:
        ours, theirs = context.Pipe()
        self.connection: Connection = ours
        self.process: SpawnProcess = context.Process(
            target=serve, args=(theirs, max_memory_bytes), name="sparql-query", daemon=True
        )
        self.process.start()
        theirs.close()

    def ask(self, job: Job, timeout: float) -> Answer | None:
        """The answer, or None when none came within ``timeout`` seconds. Raises EOFError or
        OSError when the process is gone."""
        self.connection.send(job)
        if not self.connection.poll(timeout):
            return None
        answer: Answer = self.connection.recv()
        return answer

    def stop(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()
        self.process.close()


class QueryPool:
    """At most ``size`` queries at a time, each in its own process."""

    def __init__(self, size: int, max_memory_bytes: int) -> None:
        self.size = size
        self.max_memory_bytes = max_memory_bytes
        self._context = multiprocessing.get_context("spawn")
        self._slots = threading.BoundedSemaphore(size)
        self._idle: queue.LifoQueue[QueryProcess] = queue.LifoQueue()
        self._closed = False

    def run(self, job: Job, timeout: float) -> Answer:
        """Evaluate ``job`` in a process of the pool, stopping it after ``timeout`` seconds."""
        if not self._slots.acquire(timeout=timeout):
            raise EndpointBusy
        try:
            process = self._take()
            try:
                answer = process.ask(job, timeout)
            except (EOFError, OSError):
                logger.warning("a SPARQL query process ended abnormally; restarting it")
                self._replace(process)
                raise QueryCrashed from None
            if answer is None:
                logger.warning("SPARQL query stopped after %s s: %.200s", timeout, job.query)
                self._replace(process)
                raise QueryTimedOut(timeout)
            if self._closed:
                process.stop()
            else:
                self._idle.put(process)
            return answer
        finally:
            self._slots.release()

    def idle_pids(self) -> list[int]:
        """The process ids of the processes waiting for a query."""
        return [process.process.pid for process in list(self._idle.queue) if process.process.pid]

    def close(self) -> None:
        """Stop every idle process (a process busy with a query is stopped when it returns)."""
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return

    def _take(self) -> QueryProcess:
        try:
            process = self._idle.get_nowait()
        except queue.Empty:
            return QueryProcess(self._context, self.max_memory_bytes)
        if not process.process.is_alive():  # ended while idle (killed from outside)
            process.stop()
            return QueryProcess(self._context, self.max_memory_bytes)
        return process

    def _replace(self, process: QueryProcess) -> None:
        process.stop()
        if not self._closed:  # the next query finds a process already starting
            self._idle.put(QueryProcess(self._context, self.max_memory_bytes))
