"""The limits a client is told about: a runaway query stopped at the time limit (and the
endpoint still answering), answers cut at the result limit, and a copy of the index that
follows new rows without being compared with the index on every request."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session

from federation.sparql.service import SparqlService
from tests.api.helpers import error_of
from tests.sparql.conftest import PEER_URL, Index
from tests.sparql.helpers import ACTIONS, BY_COUNTRY, NAMES, RUNAWAY, counts, get, ok

pytestmark = pytest.mark.usefixtures("index")


def test_a_runaway_query_is_stopped_and_the_next_one_answered(
    client: TestClient, configure: Callable[..., SparqlService]
) -> None:
    configure(sparql_timeout_seconds=1.5)
    assert counts(get(client, BY_COUNTRY))  # the copy is built, a process is warm
    started = time.monotonic()
    error = error_of(get(client, RUNAWAY), 503, "sparql_timeout")
    assert time.monotonic() - started < 4
    assert "1.5 s" in error["message"]
    assert "1.5 s" in error["message_en"]
    assert counts(get(client, BY_COUNTRY))  # answered by the process started in its place


def test_answers_are_cut_at_the_result_limit_and_say_so(
    client: TestClient, configure: Callable[..., SparqlService]
) -> None:
    configure(sparql_max_rows=2)
    names = ok(get(client, NAMES), "application/sparql-results+json")
    assert len(names.json()["results"]["bindings"]) == 2
    assert names.headers["x-sparql-truncated"] == "true"
    assert names.headers["x-sparql-result-limit"] == "2"
    table = ok(get(client, NAMES, "text/csv"), "text/csv")
    assert table.text.splitlines()[1:] == ["Association « Solidarité »", "Maraîchage au Sénégal"]
    assert table.headers["x-sparql-truncated"] == "true"
    graph = ok(get(client, ACTIONS, "application/n-triples"), "application/n-triples")
    assert len(graph.text.splitlines()) == 2
    assert graph.headers["x-sparql-truncated"] == "true"
    ask = ok(get(client, "ASK { ?s ?p ?o }"), "application/sparql-results+json")
    assert ask.headers["x-sparql-truncated"] == "false"


def test_the_copy_follows_new_rows_answering_from_the_old_one_meanwhile(
    client: TestClient,
    session: Session,
    index: Index,
    configure: Callable[..., SparqlService],
) -> None:
    service = configure(sparql_refresh_seconds=0)
    first = get(client, BY_COUNTRY)
    assert sum(counts(first).values()) == 5
    # Hold the refresh until the stale answer is in.
    release = threading.Event()
    open_session = service.open_session

    def held() -> Session:
        release.wait(10)
        return open_session()

    service.open_session = held
    index.action(PEER_URL, "Forage au Niger", "NE")
    session.commit()
    stale = get(client, BY_COUNTRY)
    assert counts(stale) == counts(first)
    assert _as_of(stale) == _as_of(first)
    release.set()
    service.wait()
    fresh = get(client, BY_COUNTRY)
    service.wait()
    assert sum(counts(fresh).values()) == 6
    assert _as_of(fresh) > _as_of(first)


def test_the_copy_is_compared_with_the_index_at_most_once_per_interval(
    client: TestClient, session: Session, index: Index, sparql: SparqlService
) -> None:
    first = get(client, BY_COUNTRY)  # refresh interval of the tests: an hour
    index.action(PEER_URL, "Forage au Niger", "NE")
    session.commit()
    again = get(client, BY_COUNTRY)
    sparql.wait()
    assert counts(again) == counts(first)
    assert _as_of(get(client, BY_COUNTRY)) == _as_of(first)


def _as_of(response: Response) -> str:
    return response.headers["x-index-as-of"]
