"""A run that would delete more than FED_HARVEST_MAX_DELETE_SHARE of a peer's records stops
before the page that crosses it and holds the peer until an admin confirms or rejects."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, update
from sqlmodel import Session

from federation.common.fields import utcnow
from federation.feed.compaction import compact
from federation.feed.models import FeedEvent
from federation.harvest.models import RunMode, RunStatus
from federation.peers import service
from federation.peers.models import PeerState
from federation.settings import Settings
from tests.harvest.helpers import index_versions, peer_row, published_versions, register, run
from tests.live import Node, Nodes


def answer(engine: Engine, action: str, peer_id: int) -> None:
    with Session(engine) as session:
        getattr(service, action)(session, peer_id)
        session.commit()


def delete_share(peer: Node, share: float) -> int:
    """Delete actions until more than ``share`` of the peer's records are gone."""
    total = len(published_versions(peer))
    count = int(total * share) + 1
    peer.delete(peer.action_ids()[:count])
    return count


def test_a_held_feed_walk_applies_the_deletions_once_confirmed(
    nodes: Nodes, index_engine: Engine, harvester_settings: Settings
) -> None:
    peer = nodes.node("hauts-de-france", actions=12)
    peer_id = register(index_engine, harvester_settings, peer.url)
    run(index_engine, harvester_settings, peer_id)
    before = index_versions(index_engine, peer_id)
    cursor = peer_row(index_engine, peer_id).cursor
    deleted = delete_share(peer, 0.3)

    held = run(index_engine, harvester_settings, peer_id)
    assert held.status is RunStatus.HELD
    assert held.deleted == 0
    state = peer_row(index_engine, peer_id)
    assert state.state is PeerState.HELD
    assert "confirm or reject" in (state.last_error or "")
    assert state.cursor == cursor  # stopped before the page that crosses the share
    assert index_versions(index_engine, peer_id) == before

    waiting = run(index_engine, harvester_settings, peer_id)
    assert waiting.mode is RunMode.SKIPPED
    assert waiting.requests == 0

    answer(index_engine, "confirm_deletions", peer_id)
    assert peer_row(index_engine, peer_id).deletions_confirmed_to == state.feed_last
    applied = run(index_engine, harvester_settings, peer_id)
    assert applied.status is RunStatus.OK
    assert applied.deleted == deleted
    assert index_versions(index_engine, peer_id) == published_versions(peer)
    after = peer_row(index_engine, peer_id)
    assert after.state is PeerState.ACTIVE
    assert after.deletions_confirmed_to is None


def test_rejected_deletions_keep_the_records_and_suspend_the_peer(
    nodes: Nodes, index_engine: Engine, harvester_settings: Settings
) -> None:
    peer = nodes.node("centre", actions=12)
    peer_id = register(index_engine, harvester_settings, peer.url)
    run(index_engine, harvester_settings, peer_id)
    before = index_versions(index_engine, peer_id)
    delete_share(peer, 0.3)
    assert run(index_engine, harvester_settings, peer_id).status is RunStatus.HELD

    answer(index_engine, "reject_deletions", peer_id)
    assert peer_row(index_engine, peer_id).state is PeerState.SUSPENDED
    assert run(index_engine, harvester_settings, peer_id).mode is RunMode.SKIPPED
    assert index_versions(index_engine, peer_id) == before

    # Resumed, the peer still announces the same deletions: held again.
    answer(index_engine, "resume", peer_id)
    assert run(index_engine, harvester_settings, peer_id).status is RunStatus.HELD
    assert index_versions(index_engine, peer_id) == before


def test_a_bootstrap_that_would_delete_too_much_is_held_then_confirmed(
    nodes: Nodes, index_engine: Engine, harvester_settings: Settings
) -> None:
    peer = nodes.node("corse", actions=12)
    peer_id = register(index_engine, harvester_settings, peer.url)
    run(index_engine, harvester_settings, peer_id)
    before = index_versions(index_engine, peer_id)
    deleted = delete_share(peer, 0.3)
    with peer.session() as session:  # the tombstones are compacted away: only the dump knows
        session.execute(update(FeedEvent).values(at=utcnow() - timedelta(days=400)))
    with peer.session() as session:
        compact(session, peer.settings)

    held = run(index_engine, harvester_settings, peer_id)
    assert held.mode is RunMode.BOOTSTRAP
    assert held.status is RunStatus.HELD
    assert index_versions(index_engine, peer_id) == before
    assert peer_row(index_engine, peer_id).bootstrap_run is not None

    answer(index_engine, "confirm_deletions", peer_id)
    assert peer_row(index_engine, peer_id).deletions_confirmed_to == -1
    done = run(index_engine, harvester_settings, peer_id)
    assert done.status is RunStatus.OK
    assert done.deleted == deleted
    assert index_versions(index_engine, peer_id) == published_versions(peer)
    state = peer_row(index_engine, peer_id)
    assert state.bootstrap_run is None
    assert state.deletions_confirmed_to is None
    assert state.cursor == state.feed_last
