"""The endpoint in one API process: which snapshot answers, when it is compared with the index,
and how a query is checked, sent to a query process and its answer read back."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session

from federation.publication.representations import TURTLE_PREFIXES
from federation.settings import Settings
from federation.sparql import syntax
from federation.sparql.errors import (
    BadProtocolRequest,
    NotReady,
    QueryFailed,
    QuerySyntaxError,
    ResultsNotAcceptable,
    ServiceRefused,
    UpdateRefused,
)
from federation.sparql.formats import GRAPHS, RESULTS, choose
from federation.sparql.pool import QueryPool
from federation.sparql.schemas import QueryRequest, QueryResult
from federation.sparql.store import POINTER, Snapshot, current, refresh_from, sparql_dir
from federation.sparql.worker import Job, Problem

logger = logging.getLogger(__name__)

_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*$")
_PREFIXES = tuple(sorted(TURTLE_PREFIXES.items()))


class SparqlService:
    """The query processes, the snapshot in use, and the background refresh of the copy."""

    def __init__(self, settings: Settings, open_session: Callable[[], Session]) -> None:
        self.settings = settings
        self.directory: Path = sparql_dir(settings)
        self.open_session = open_session  # for the refresh, in its own thread
        self.pool = QueryPool(settings.sparql_processes, settings.sparql_max_memory_mb << 20)
        self._lock = threading.Lock()
        self._refreshing: threading.Thread | None = None
        self._checked: float | None = None  # when the copy was last compared with the index
        self._snapshot: Snapshot | None = None
        self._stamp: tuple[int, int] | None = None  # the pointer file it was read from

    def query(self, request: QueryRequest) -> QueryResult:
        """Answer a query from the current snapshot, within the time and result limits."""
        if syntax.is_update(request.text):
            raise UpdateRefused
        if syntax.calls_service(request.text):
            raise ServiceRefused
        for iri in (*request.default_graphs, *request.named_graphs):
            if not _ABSOLUTE_IRI.match(iri):
                raise BadProtocolRequest(
                    f"default-graph-uri et named-graph-uri attendent des IRI absolues : {iri!r}",
                    f"default-graph-uri and named-graph-uri take absolute IRIs: {iri!r}",
                )
        results_format = choose(RESULTS, request.accept, request.format)
        graph_format = choose(GRAPHS, request.accept, request.format)
        if results_format is None and graph_format is None:
            raise ResultsNotAcceptable(_offered())
        snapshot = self.snapshot()
        by_protocol = bool(request.default_graphs or request.named_graphs)
        job = Job(
            store=str(snapshot.path),
            query=request.text,
            max_rows=self.settings.sparql_max_rows,
            results_format=results_format,
            graph_format=graph_format,
            # The union of all graphs, unless the request or the query names its dataset.
            union_default_graph=not by_protocol and not syntax.names_dataset(request.text),
            default_graphs=request.default_graphs if by_protocol else None,
            named_graphs=request.named_graphs if by_protocol else None,
            base_iri=f"{self.settings.base_url}/",
            prefixes=_PREFIXES,
        )
        answer = self.pool.run(job, self.settings.sparql_timeout_seconds)
        if answer.problem is Problem.SYNTAX:
            raise QuerySyntaxError(answer.message)
        if answer.problem is Problem.EVALUATION:
            raise QueryFailed(answer.message)
        if answer.problem is Problem.NOT_ACCEPTABLE:
            offers = GRAPHS if answer.message == "graph" else RESULTS
            raise ResultsNotAcceptable([offer.media_type for offer in offers.values()])
        return QueryResult(answer, snapshot, self.settings.sparql_max_rows)

    def snapshot(self) -> Snapshot:
        """The snapshot to answer from. The copy is compared with the index in the background,
        at most once per ``sparql_refresh_seconds``: queries meanwhile answer from the snapshot
        they have. Only when there is none yet does a request wait for it (up to the time
        limit)."""
        self._refresh_if_due()
        snapshot = self._published()
        if snapshot is None:
            self.wait(self.settings.sparql_timeout_seconds)
            snapshot = self._published()
        if snapshot is None:
            raise NotReady
        return snapshot

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the refresh under way, if any."""
        thread = self._refreshing
        if thread is not None:
            thread.join(timeout)

    def close(self) -> None:
        self.wait()
        self.pool.close()

    def _refresh_if_due(self) -> None:
        now = time.monotonic()
        with self._lock:
            if self._refreshing is not None and self._refreshing.is_alive():
                return
            recent = (
                self._checked is not None
                and now - self._checked < self.settings.sparql_refresh_seconds
            )
            if recent and self._snapshot is not None:
                return
            self._checked = now
            self._refreshing = threading.Thread(
                target=self._refresh, name="sparql-refresh", daemon=True
            )
            self._refreshing.start()

    def _refresh(self) -> None:
        try:
            with self.open_session() as session:
                refresh_from(session, self.directory)
        except Exception:  # the thread's end: queries go on from the snapshot they have
            logger.exception("the SPARQL copy of the index could not be refreshed")

    def _published(self) -> Snapshot | None:
        """The published snapshot, read again only when the pointer file changed (another
        process, a worker's task, may have rebuilt it)."""
        try:
            status = (self.directory / POINTER).stat()
        except FileNotFoundError:
            return None
        stamp = (status.st_ino, status.st_mtime_ns)
        if stamp != self._stamp:
            self._snapshot = current(self.directory)
            self._stamp = stamp
        return self._snapshot


def _offered() -> list[str]:
    return [offer.media_type for offer in (*RESULTS.values(), *GRAPHS.values())]
