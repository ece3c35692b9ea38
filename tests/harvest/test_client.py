"""The peer client over real loopback HTTP: limits on size, time and redirects; typed errors;
requests and bytes counted."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from federation.harvest.client import (
    PeerClient,
    PeerResponseInvalid,
    PeerUnreachable,
    ResponseTooLarge,
    retry_after_seconds,
)
from federation.settings import Settings
from tests.harvest.hostile import (
    NTRIPLES,
    Hostile,
    endless,
    failing,
    fixed,
    redirect,
    slow,
)
from tests.live import Nodes


@pytest.fixture
def hostile(nodes: Nodes) -> Hostile:
    made: list[Hostile] = []

    def make(url: str) -> object:
        made.append(Hostile(url))
        return made[0].app

    nodes.serve(make)
    return made[0]


@pytest.fixture
def client(harvester_settings: Settings) -> Iterator[PeerClient]:
    settings = harvester_settings.model_copy(
        update={"harvest_timeout_seconds": 0.5, "harvest_max_response_bytes": 100_000}
    )
    with PeerClient(settings) as client:
        yield client


def test_a_body_is_read_and_counted(hostile: Hostile, client: PeerClient) -> None:
    hostile.routes["/dump"] = fixed(b"<a> <b> <c> .\n", NTRIPLES)
    fetched = client.get(f"{hostile.url}/dump", accept=NTRIPLES, media_types=(NTRIPLES,))
    assert fetched.body == b"<a> <b> <c> .\n"
    assert client.requests == 1
    assert client.bytes == len(fetched.body)


def test_an_endless_body_is_cut_at_the_limit(hostile: Hostile, client: PeerClient) -> None:
    hostile.routes["/dump"] = endless()
    with pytest.raises(ResponseTooLarge) as caught:
        client.get(f"{hostile.url}/dump", accept=NTRIPLES)
    assert caught.value.code == "peer_response_invalid"
    assert client.bytes < 1_000_000  # it stopped reading near the limit


def test_a_declared_length_over_the_limit_is_refused_unread(
    hostile: Hostile, client: PeerClient
) -> None:
    hostile.routes["/dump"] = fixed(b"x" * 200_000, NTRIPLES)
    with pytest.raises(ResponseTooLarge):
        client.get(f"{hostile.url}/dump", accept=NTRIPLES)


def test_a_slow_answer_times_out(hostile: Hostile, client: PeerClient) -> None:
    hostile.routes["/dump"] = slow(3, fixed(b"late", NTRIPLES))
    started = time.monotonic()
    with pytest.raises(PeerUnreachable, match="timed out"):
        client.get(f"{hostile.url}/dump", accept=NTRIPLES)
    assert time.monotonic() - started < 2


def test_the_run_deadline_stops_every_request(hostile: Hostile, client: PeerClient) -> None:
    client.start_run(0.0)
    with pytest.raises(PeerUnreachable, match="deadline"):
        client.get(f"{hostile.url}/dump", accept=NTRIPLES)
    assert hostile.seen == []


@pytest.mark.parametrize("status", [500, 503, 429])
def test_server_errors_are_unreachable_with_retry_after(
    hostile: Hostile, client: PeerClient, status: int
) -> None:
    hostile.routes["/dump"] = failing(status, "120")
    with pytest.raises(PeerUnreachable) as caught:
        client.get(f"{hostile.url}/dump", accept=NTRIPLES)
    assert caught.value.retry_after == 120
    assert caught.value.status_code == 502


def test_client_errors_and_wrong_types_are_invalid(hostile: Hostile, client: PeerClient) -> None:
    with pytest.raises(PeerResponseInvalid, match="HTTP 404"):
        client.get(f"{hostile.url}/nothing", accept=NTRIPLES)
    hostile.routes["/dump"] = fixed(b"<html></html>", "text/html")
    with pytest.raises(PeerResponseInvalid, match="text/html"):
        client.get(f"{hostile.url}/dump", accept=NTRIPLES, media_types=(NTRIPLES,))


def test_a_connection_refused_is_unreachable(client: PeerClient) -> None:
    with pytest.raises(PeerUnreachable, match="network error"):
        client.get("http://127.0.0.1:9/x", accept=NTRIPLES)


def test_redirects_stay_on_the_same_origin(hostile: Hostile, client: PeerClient) -> None:
    hostile.routes["/old"] = redirect("/dump")
    hostile.routes["/dump"] = fixed(b"ok\n", NTRIPLES)
    assert client.get(f"{hostile.url}/old", accept=NTRIPLES).body == b"ok\n"
    hostile.routes["/away"] = redirect("http://localhost:1/dump")
    with pytest.raises(PeerResponseInvalid, match="another host"):
        client.get(f"{hostile.url}/away", accept=NTRIPLES)
    hostile.routes["/loop"] = redirect("/loop")
    with pytest.raises(PeerResponseInvalid, match="more than 3 redirects"):
        client.get(f"{hostile.url}/loop", accept=NTRIPLES)
    assert hostile.seen.count("/loop") == 4


def test_retry_after_reads_seconds_and_dates() -> None:
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert retry_after_seconds("30", now) == 30
    assert retry_after_seconds("Thu, 01 Jan 2026 12:01:00 GMT", now) == 60
    assert retry_after_seconds("Thu, 01 Jan 2026 11:00:00 GMT", now) == 0
    assert retry_after_seconds("99999999", now) == 86_400
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None
