"""``POST /inbox``: a registered peer's ping schedules one early harvest; anyone else is refused."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient
from sqlmodel import Session

from federation.auth.service import hash_token
from federation.inbox.service import debounce_key
from federation.peers.models import Peer, PeerState
from federation.queue import HARVEST_PEER, queue_name
from federation.settings import Settings
from tests.api.helpers import error_of

TOKEN = "fed_inbox_un-jeton-de-test"


def add_peer(session: Session, *, state: PeerState = PeerState.ACTIVE) -> Peer:
    peer = Peer(
        node_id="voisin",
        base_url="https://voisin.example",
        name="Réseau voisin",
        vocabulary_version="1",
        well_known_url="https://voisin.example/.well-known/rrma-federation",
        dump_url="https://voisin.example/dump",
        state=state,
        inbox_token_hash=hash_token(TOKEN),
    )
    session.add(peer)
    session.commit()
    return peer


def queued(redis_db: redis.Redis, settings: Settings) -> list[dict[str, Any]]:
    """The task messages waiting in the node's queue (Celery's Redis layout)."""
    messages = [json.loads(raw) for raw in redis_db.lrange(queue_name(settings), 0, -1)]
    for message in messages:
        message["args"] = json.loads(base64.b64decode(message["body"]))[0]
    return messages


def ping(client: TestClient, token: str | None = TOKEN) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/inbox", headers=headers, json={"changed": True})


@pytest.mark.parametrize("token", [None, "fed_inbox_inconnu"])
def test_an_unknown_token_is_refused(
    client: TestClient, session: Session, redis_db: redis.Redis, settings: Settings, token: str
) -> None:
    add_peer(session)

    error = error_of(ping(client, token), 401, "unauthorized")

    assert error["message"] != error["message_en"]  # French, and English alongside
    assert queued(redis_db, settings) == []


def test_pings_in_a_burst_schedule_one_harvest(
    client: TestClient, session: Session, redis_db: redis.Redis, settings: Settings
) -> None:
    peer = add_peer(session)

    answers = [ping(client) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [202, 202, 202]
    assert [answer.json() for answer in answers] == [
        {"scheduled": True},
        {"scheduled": False},
        {"scheduled": False},
    ]
    [message] = queued(redis_db, settings)
    assert message["headers"]["task"] == HARVEST_PEER
    assert message["args"] == [peer.id]
    assert message["headers"]["eta"]  # a short countdown, not at once
    assert peer.id is not None
    assert 0 < redis_db.ttl(debounce_key(settings, peer.id)) <= 5


def test_after_the_debounce_a_ping_schedules_again(
    client: TestClient, session: Session, redis_db: redis.Redis, settings: Settings
) -> None:
    peer = add_peer(session)
    assert ping(client).json() == {"scheduled": True}
    assert peer.id is not None

    redis_db.delete(debounce_key(settings, peer.id))  # as its expiry does

    assert ping(client).json() == {"scheduled": True}
    assert len(queued(redis_db, settings)) == 2


@pytest.mark.parametrize("state", [PeerState.SUSPENDED, PeerState.HELD])
def test_a_peer_waiting_for_an_admin_is_not_harvested_early(
    client: TestClient,
    session: Session,
    redis_db: redis.Redis,
    settings: Settings,
    state: PeerState,
) -> None:
    add_peer(session, state=state)

    answer = ping(client)

    assert answer.status_code == 202
    assert answer.json() == {"scheduled": False}
    assert queued(redis_db, settings) == []


def test_a_ping_when_the_queue_is_down_is_a_503(
    client: TestClient, session: Session, settings: Settings
) -> None:
    add_peer(session)
    settings.redis_url = "redis://127.0.0.1:1/0"  # nothing listens there

    error_of(ping(client), 503, "queue_unavailable")
