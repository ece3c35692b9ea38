"""When things run, as pure functions: due peers, the back-off, beat's table."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from federation.peers.models import Peer, PeerState
from federation.queue import (
    COMPACT_FEED,
    HARVEST_DUE,
    PRUNE_BOOKKEEPING,
    REFRESH_SPARQL,
    SYNC_OWN_INDEX,
)
from federation.settings import Settings
from workers.schedule import (
    MAX_RETRY_DELAY_SECONDS,
    beat_schedule,
    due_peers,
    is_due,
    retry_delay,
)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def make_peer(
    name: str,
    *,
    state: PeerState = PeerState.ACTIVE,
    attempted_ago: float | None = None,
    interval: int = 300,
) -> Peer:
    return Peer(
        node_id=name,
        base_url=f"https://{name}.example",
        name=name,
        vocabulary_version="1",
        well_known_url=f"https://{name}.example/.well-known/rrma-federation",
        dump_url=f"https://{name}.example/dump",
        state=state,
        interval_seconds=interval,
        last_attempt_at=None if attempted_ago is None else NOW - timedelta(seconds=attempted_ago),
    )


def test_due_peers_are_the_scheduled_ones_whose_interval_elapsed() -> None:
    peers = [
        make_peer("never-harvested"),
        make_peer("interval-elapsed", attempted_ago=301),
        make_peer("exactly-due", attempted_ago=300),
        make_peer("unavailable-elapsed", state=PeerState.UNAVAILABLE, attempted_ago=900),
        make_peer("harvested-recently", attempted_ago=299),
        make_peer("short-interval", attempted_ago=20, interval=10),
        make_peer("suspended", state=PeerState.SUSPENDED, attempted_ago=10_000),
        make_peer("held", state=PeerState.HELD),
    ]

    due = [peer.node_id for peer in due_peers(peers, NOW)]

    assert due == [
        "never-harvested",
        "interval-elapsed",
        "exactly-due",
        "unavailable-elapsed",
        "short-interval",
    ]
    assert not is_due(
        make_peer("unavailable-recent", state=PeerState.UNAVAILABLE, attempted_ago=5), NOW
    )


@pytest.mark.parametrize("retries", range(6))
def test_back_off_doubles_with_jitter(retries: int) -> None:
    rng = random.Random(retries)
    delays = [retry_delay(retries, rng=rng) for _ in range(200)]

    ceiling = 10.0 * 2**retries
    assert all(ceiling / 2 <= delay <= ceiling for delay in delays)
    assert len(set(delays)) > 100  # jittered: peers failing together do not retry together


def test_back_off_honours_retry_after() -> None:
    rng = random.Random(1)
    assert retry_delay(0, 42.0, rng=rng) == 42.0  # longer than the back-off: the peer's word
    assert retry_delay(3, 1.0, rng=rng) >= 40.0  # shorter: the back-off
    assert retry_delay(0, None, rng=rng) <= 10.0


def test_back_off_is_capped_below_the_broker_visibility_timeout() -> None:
    assert retry_delay(20) == MAX_RETRY_DELAY_SECONDS
    assert retry_delay(0, 86_400.0) == MAX_RETRY_DELAY_SECONDS


def test_beat_runs_every_task_and_drops_stale_ticks(settings: Settings) -> None:
    table = beat_schedule(settings)

    tasks = {entry["task"]: entry for entry in table.values()}
    assert set(tasks) == {
        HARVEST_DUE,
        SYNC_OWN_INDEX,
        PRUNE_BOOKKEEPING,
        COMPACT_FEED,
        REFRESH_SPARQL,
    }
    assert tasks[REFRESH_SPARQL]["schedule"] == 60.0
    assert tasks[HARVEST_DUE]["schedule"] == 5.0
    assert tasks[SYNC_OWN_INDEX]["schedule"] == 5.0
    assert tasks[PRUNE_BOOKKEEPING]["schedule"] == 3_600.0
    assert all(entry["options"]["expires"] > 0 for entry in table.values())
