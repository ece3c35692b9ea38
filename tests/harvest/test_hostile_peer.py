"""A hostile peer (garbage, oversized members, someone else's IRIs, a huge or slow answer, a
500, a redirect elsewhere, a flood) is quarantined or refused, while a good peer's harvest and
the index stay intact."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest
from sqlalchemy import Engine

from federation.harvest.client import PeerUnreachable
from federation.harvest.models import RunMode, RunStatus
from federation.peers.models import PeerState
from federation.settings import Settings
from tests.harvest.helpers import (
    index_versions,
    peer_row,
    published_versions,
    quarantined,
    register,
    run,
    runs_of,
)
from tests.harvest.hostile import (
    NQUADS,
    NTRIPLES,
    Hostile,
    endless,
    failing,
    fixed,
    page,
    redirect,
    slow,
)
from tests.live import Node, Nodes

MakeHostile = Callable[[], Hostile]


@pytest.fixture
def good(nodes: Nodes) -> Node:
    return nodes.node("auvergne", actions=8)


@pytest.fixture
def make_hostile(nodes: Nodes) -> MakeHostile:
    def make() -> Hostile:
        made: list[Hostile] = []

        def app(url: str) -> object:
            made.append(Hostile(url))
            return made[0].app

        nodes.serve(app)
        return made[0]

    return make


def dump_of(node: Node) -> bytes:
    return httpx.get(f"{node.url}/dump", headers={"Accept": NTRIPLES}).content


def records_as(node: Node, url: str) -> bytes:
    """The good node's records, as if the hostile one had published them (valid, its own)."""
    return dump_of(node).replace(node.url.encode(), url.encode())


def one_record(node: Node, record_id: object) -> bytes:
    """The lines of one action of the node's dump."""
    subject = f"<{node.url}/actions/{record_id}".encode()
    return b"".join(line for line in dump_of(node).splitlines(True) if line.startswith(subject))


def member(page_body: bytes, url: str, seq: int) -> bytes:
    """The quads of one member of a feed page (its named graph is the event IRI)."""
    graph = f"<{url}/feed/events/{seq}> .".encode()
    return b"".join(
        line for line in page_body.splitlines(keepends=True) if line.rstrip().endswith(graph)
    )


def harvest_good_first(index_engine: Engine, settings: Settings, good: Node) -> int:
    good_id = register(index_engine, settings, good.url)
    assert run(index_engine, settings, good_id).status is RunStatus.OK
    return good_id


def assert_good_intact(index_engine: Engine, settings: Settings, good: Node, good_id: int) -> None:
    good.retitle(good.action_ids()[:1], "encore")
    again = run(index_engine, settings, good_id)
    assert again.status is RunStatus.OK
    assert again.updated == 1
    assert index_versions(index_engine, good_id) == published_versions(good)
    assert quarantined(index_engine, good_id) == []


def reasons(engine: Engine, peer_id: int) -> list[str]:
    return [
        reason["code"] for row in quarantined(engine, peer_id) for reason in json.loads(row.reasons)
    ]


def test_garbage_oversized_and_foreign_members_are_quarantined(
    nodes: Nodes,
    good: Node,
    make_hostile: MakeHostile,
    index_engine: Engine,
    harvester_settings: Settings,
) -> None:
    good_id = harvest_good_first(index_engine, harvester_settings, good)
    hostile = make_hostile()
    own = records_as(good, hostile.url).splitlines(keepends=True)
    first_iri = own[-1].split(b">", 1)[0][1:].split(b"#")[0].decode()
    long_literal = b'"' + b"x" * 30_000 + b'"'
    oversized = (
        (
            f"<{hostile.url}/actions/00000000-0000-4000-8000-000000000001> "
            f"<https://schema.org/name> "
        ).encode()
        + long_literal
        + b" .\n"
    )
    hostile.routes["/dump"] = fixed(
        b"".join(own)
        + oversized
        + one_record(good, good.action_ids()[0])  # under the good node's IRI
        + b"this is not RDF at all <<<\n"  # it spoils no more than the record it is in
        + one_record(good, good.action_ids()[1]),
        NTRIPLES,
    )
    hostile_id = register(index_engine, harvester_settings, hostile.url)
    report = run(index_engine, harvester_settings, hostile_id)

    assert report.status is RunStatus.OK
    assert report.mode is RunMode.BOOTSTRAP
    assert report.added == len(published_versions(good))  # its own, valid records
    assert first_iri in index_versions(index_engine, hostile_id)
    codes = reasons(index_engine, hostile_id)
    assert {"authority", "literal_too_long", "syntax"} <= set(codes)
    assert report.rejected == len(quarantined(index_engine, hostile_id)) == 3
    excerpts = [row.excerpt for row in quarantined(index_engine, hostile_id)]
    assert all(len(excerpt) <= 2_000 for excerpt in excerpts)
    # The good node's records are still the good node's rows.
    assert index_versions(index_engine, good_id) == published_versions(good)
    assert_good_intact(index_engine, harvester_settings, good, good_id)


def test_a_flood_of_invalid_members_suspends_the_peer(
    good: Node, make_hostile: MakeHostile, index_engine: Engine, harvester_settings: Settings
) -> None:
    good_id = harvest_good_first(index_engine, harvester_settings, good)
    hostile = make_hostile()
    hostile.routes["/dump"] = fixed(dump_of(good), NTRIPLES)  # nothing of it is theirs
    hostile_id = register(index_engine, harvester_settings, hostile.url)
    report = run(index_engine, harvester_settings, hostile_id)
    assert report.status is RunStatus.SUSPENDED
    assert peer_row(index_engine, hostile_id).state is PeerState.SUSPENDED
    assert index_versions(index_engine, hostile_id) == {}
    seen = len(hostile.seen)
    skipped = run(index_engine, harvester_settings, hostile_id)
    assert skipped.mode is RunMode.SKIPPED
    assert skipped.run_id is None
    assert len(hostile.seen) == seen  # a suspended peer is not fetched
    assert_good_intact(index_engine, harvester_settings, good, good_id)


def test_an_endless_dump_is_cut_and_the_run_fails(
    good: Node, make_hostile: MakeHostile, index_engine: Engine, harvester_settings: Settings
) -> None:
    good_id = harvest_good_first(index_engine, harvester_settings, good)
    hostile = make_hostile()
    hostile.routes["/dump"] = endless()
    hostile_id = register(index_engine, harvester_settings, hostile.url)
    report = run(index_engine, harvester_settings, hostile_id)
    assert report.status is RunStatus.FAILED
    assert "larger than" in (report.error or "")
    assert report.bytes < 2 * harvester_settings.harvest_max_response_bytes
    state = peer_row(index_engine, hostile_id)
    assert state.failures == 1
    assert state.state is PeerState.ACTIVE
    assert index_versions(index_engine, hostile_id) == {}
    assert_good_intact(index_engine, harvester_settings, good, good_id)


def test_a_slow_peer_times_out_and_a_failing_one_says_when_to_retry(
    good: Node, make_hostile: MakeHostile, index_engine: Engine, harvester_settings: Settings
) -> None:
    good_id = harvest_good_first(index_engine, harvester_settings, good)
    hostile = make_hostile()
    hostile_id = register(index_engine, harvester_settings, hostile.url)
    assert run(index_engine, harvester_settings, hostile_id).status is RunStatus.OK

    hostile.routes["/feed/0"] = slow(5, page(b"", last=0))
    with pytest.raises(PeerUnreachable, match="timed out"):
        run(index_engine, harvester_settings, hostile_id)
    hostile.routes["/feed/0"] = failing(500, "120")
    with pytest.raises(PeerUnreachable) as caught:
        run(index_engine, harvester_settings, hostile_id)
    assert caught.value.retry_after == 120
    hostile.routes["/feed/0"] = failing(503, None)
    with pytest.raises(PeerUnreachable):
        run(index_engine, harvester_settings, hostile_id)

    state = peer_row(index_engine, hostile_id)
    assert state.failures == 3
    assert state.state is PeerState.UNAVAILABLE
    assert [r.status for r in runs_of(index_engine, hostile_id)] == ["ok"] + ["failed"] * 3

    hostile.routes["/feed/0"] = page(b"", last=0)  # back up: unavailable peers are still tried
    assert run(index_engine, harvester_settings, hostile_id).status is RunStatus.OK
    state = peer_row(index_engine, hostile_id)
    assert state.failures == 0
    assert state.state is PeerState.ACTIVE
    assert_good_intact(index_engine, harvester_settings, good, good_id)


def test_a_redirect_to_another_host_is_refused(
    good: Node, make_hostile: MakeHostile, index_engine: Engine, harvester_settings: Settings
) -> None:
    good_id = harvest_good_first(index_engine, harvester_settings, good)
    hostile = make_hostile()
    hostile.routes["/dump"] = redirect(f"{good.url}/dump")
    hostile_id = register(index_engine, harvester_settings, hostile.url)
    report = run(index_engine, harvester_settings, hostile_id)
    assert report.status is RunStatus.FAILED
    assert "another host" in (report.error or "")
    assert index_versions(index_engine, hostile_id) == {}
    assert_good_intact(index_engine, harvester_settings, good, good_id)


def test_a_feed_page_with_foreign_and_misplaced_members(
    good: Node, make_hostile: MakeHostile, index_engine: Engine, harvester_settings: Settings
) -> None:
    """Members are split by graph: a member naming another node's record, or one outside the
    page's range, is quarantined; the page's valid member is applied."""
    good_id = harvest_good_first(index_engine, harvester_settings, good)
    hostile = make_hostile()
    hostile_id = register(index_engine, harvester_settings, hostile.url)
    run(index_engine, harvester_settings, hostile_id)  # an empty bootstrap; cursor 0

    served = httpx.get(f"{good.url}/feed/0", headers={"Accept": NQUADS}).content
    # The good node's first member rewritten as the hostile node's own (valid), its second
    # left as the good node's, and the first again under a sequence number off the page.
    own = member(served, good.url, 1).replace(good.url.encode(), hostile.url.encode())
    foreign = member(served, good.url, 2)
    misplaced = own.replace(b"/feed/events/1>", b"/feed/events/999>").replace(
        b'"1"^^<http://www.w3.org/2001/XMLSchema#integer>',
        b'"999"^^<http://www.w3.org/2001/XMLSchema#integer>',
    )
    hostile.routes["/feed/0"] = page(own + foreign + misplaced + b"garbage line\n", last=2)
    report = run(index_engine, harvester_settings, hostile_id)
    assert report.status is RunStatus.OK
    assert report.added == 1
    assert len(index_versions(index_engine, hostile_id)) == 1
    codes = reasons(index_engine, hostile_id)
    assert "authority" in codes
    assert "seq_out_of_page" in codes
    assert peer_row(index_engine, hostile_id).cursor == 2
    assert_good_intact(index_engine, harvester_settings, good, good_id)
