"""Harvesting real nodes over loopback HTTP into the index (SQLite and PostgreSQL): bootstrap,
incremental updates, deletions, nothing changed, a crash in the middle, compaction."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session

from federation.common.fields import utcnow
from federation.errors import NotFound
from federation.feed.compaction import compact
from federation.feed.models import FeedEvent
from federation.harvest.client import PeerClient
from federation.harvest.models import HarvestRun, RunMode, RunStatus
from federation.harvest.service import harvest
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
from tests.live import Nodes


def test_bootstrap_then_incremental_then_deletion_then_nothing(
    nodes: Nodes, index_engine: Engine, harvester_settings: Settings
) -> None:
    peer = nodes.node("grand-est", actions=20)
    peer_id = register(index_engine, harvester_settings, peer.url)

    first = run(index_engine, harvester_settings, peer_id)
    assert first.status is RunStatus.OK
    assert first.mode is RunMode.BOOTSTRAP
    published = published_versions(peer)
    assert index_versions(index_engine, peer_id) == published
    assert first.added == len(published)
    assert first.rejected == 0
    state = peer_row(index_engine, peer_id)
    assert state.cursor == state.feed_last > 0
    assert state.bootstrap_run is None
    assert state.last_success_at is not None

    changed = peer.action_ids()[:3]
    peer.retitle(changed, "révisée")
    second = run(index_engine, harvester_settings, peer_id)
    assert second.mode is RunMode.INCREMENTAL
    assert second.status is RunStatus.OK
    assert (second.added, second.updated, second.deleted) == (0, 3, 0)
    assert index_versions(index_engine, peer_id) == published_versions(peer)

    peer.delete(changed[:1])
    third = run(index_engine, harvester_settings, peer_id)
    assert (third.updated, third.deleted) == (0, 1)
    assert index_versions(index_engine, peer_id) == published_versions(peer)

    quiet = run(index_engine, harvester_settings, peer_id)
    assert quiet.mode is RunMode.UNCHANGED
    assert quiet.status is RunStatus.OK
    assert quiet.requests == 1  # one conditional request: 304
    assert (quiet.added, quiet.updated, quiet.deleted) == (0, 0, 0)
    assert [r.status for r in runs_of(index_engine, peer_id)] == ["ok"] * 4


def test_a_crash_after_the_first_page_resumes_without_loss_or_double(
    nodes: Nodes, index_engine: Engine, harvester_settings: Settings
) -> None:
    peer = nodes.node("occitanie", actions=60)
    peer_id = register(index_engine, harvester_settings, peer.url)
    # Small dump batches: the dump is read in several transactions.
    run(index_engine, harvester_settings, peer_id)  # bootstrap
    published = published_versions(peer)
    assert index_versions(index_engine, peer_id) == published

    # More than a page of changes, then a crash once the first page is committed.
    ids = peer.action_ids()
    for version in ("v2", "v3", "v4"):
        peer.retitle(ids, version)
    pages = 0

    def crash() -> None:
        nonlocal pages
        pages += 1
        raise RuntimeError("worker killed")

    with pytest.raises(RuntimeError, match="worker killed"):
        run(index_engine, harvester_settings, peer_id, on_page=crash)
    assert pages == 1
    middle = peer_row(index_engine, peer_id)
    assert 0 < middle.cursor < middle.feed_last
    crashed = runs_of(index_engine, peer_id)[-1]
    assert crashed.status == RunStatus.FAILED
    assert "worker killed" in (crashed.error or "")
    assert middle.failures == 0  # not the peer's fault

    resumed = run(index_engine, harvester_settings, peer_id)
    assert resumed.status is RunStatus.OK
    assert resumed.cursor_from == middle.cursor
    assert index_versions(index_engine, peer_id) == published_versions(peer)
    after = peer_row(index_engine, peer_id)
    assert after.cursor == after.feed_last
    # Every change counted once: the first page's in the crashed run, the rest now.
    total = crashed.updated + resumed.updated + crashed.unchanged + resumed.unchanged
    assert total == 3 * len(ids)
    assert resumed.added == crashed.added == 0
    assert resumed.rejected == 0


def test_a_crash_in_the_middle_of_the_dump_resumes_after_the_last_record(
    nodes: Nodes,
    index_engine: Engine,
    harvester_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("federation.harvest.batches.BATCH_BYTES", 20_000)
    peer = nodes.node("bretagne", actions=40)
    peer_id = register(index_engine, harvester_settings, peer.url)

    def crash() -> None:
        raise RuntimeError("worker killed")

    with pytest.raises(RuntimeError):
        run(index_engine, harvester_settings, peer_id, on_page=crash)
    middle = peer_row(index_engine, peer_id)
    assert middle.bootstrap_run is not None
    assert middle.bootstrap_after
    first = index_versions(index_engine, peer_id)
    assert 0 < len(first) < len(published_versions(peer))
    assert max(first) <= middle.bootstrap_after

    resumed = run(index_engine, harvester_settings, peer_id)
    assert resumed.mode is RunMode.BOOTSTRAP
    assert resumed.status is RunStatus.OK
    assert index_versions(index_engine, peer_id) == published_versions(peer)
    assert resumed.added == len(published_versions(peer)) - len(first)
    assert resumed.unchanged == 0  # it asked for the dump after the last record applied
    done = peer_row(index_engine, peer_id)
    assert done.bootstrap_run is None
    assert done.cursor == done.feed_last


def test_a_cursor_below_the_horizon_bootstraps_again(
    nodes: Nodes, index_engine: Engine, harvester_settings: Settings
) -> None:
    peer = nodes.node("normandie", actions=10)
    peer_id = register(index_engine, harvester_settings, peer.url)
    run(index_engine, harvester_settings, peer_id)
    ids = peer.action_ids()
    peer.retitle(ids[:2], "v2")
    peer.delete(ids[2:3])
    # Everything is old enough to be compacted: the deletion's tombstone goes too.
    with peer.session() as session:
        session.execute(update(FeedEvent).values(at=utcnow() - timedelta(days=400)))
    with peer.session() as session:
        compact(session, peer.settings)
    again = run(index_engine, harvester_settings, peer_id)
    assert again.mode is RunMode.BOOTSTRAP
    assert again.status is RunStatus.OK
    assert again.deleted == 1  # seen only because the dump no longer has it
    assert index_versions(index_engine, peer_id) == published_versions(peer)
    assert peer_row(index_engine, peer_id).cursor == peer_row(index_engine, peer_id).feed_last


def test_an_unknown_peer_is_not_fetched(index_engine: Engine, harvester_settings: Settings) -> None:
    with PeerClient(harvester_settings) as client:
        with pytest.raises(NotFound):
            harvest(index_engine, harvester_settings, 424242, client=client)
        assert client.requests == 0


def test_the_same_record_from_two_peers_is_one_row(
    nodes: Nodes, index_engine: Engine, harvester_settings: Settings
) -> None:
    """A node that re-published another's records (it claims them) gets them quarantined."""
    good = nodes.node("pays-de-la-loire", actions=5)
    good_id = register(index_engine, harvester_settings, good.url)
    run(index_engine, harvester_settings, good_id)
    assert len(index_versions(index_engine, good_id)) == len(published_versions(good))
    assert quarantined(index_engine, good_id) == []
    with Session(index_engine) as session:
        state = session.get(type(peer_row(index_engine, good_id)), good_id)
        assert state is not None
        assert state.state is PeerState.ACTIVE


def test_a_run_left_running_by_a_killed_worker_is_marked_interrupted(
    nodes: Nodes, index_engine: Engine, harvester_settings: Settings
) -> None:
    peer = nodes.node("guyane", actions=2)
    peer_id = register(index_engine, harvester_settings, peer.url)
    with Session(index_engine) as session:
        session.add(HarvestRun(peer_id=peer_id, mode=RunMode.BOOTSTRAP, status=RunStatus.RUNNING))
        session.commit()
    assert run(index_engine, harvester_settings, peer_id).status is RunStatus.OK
    killed, done = runs_of(index_engine, peer_id)
    assert killed.status == RunStatus.FAILED
    assert "interrupted" in (killed.error or "")
    assert done.status == RunStatus.OK
