"""The admin API of peers, against real nodes on loopback: register (the node document is
fetched and checked), list, read, confirm, reject, resume, runs, quarantine, remove."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from federation.api.app import create_app
from federation.auth.models import Role
from federation.auth.service import create_token
from federation.harvest.models import RunStatus
from federation.peers.service import peer_for_inbox_token
from federation.settings import Settings
from tests.harvest.helpers import run
from tests.harvest.hostile import Hostile, json_answer, node_document
from tests.live import Nodes

Headers = dict[str, str]


@pytest.fixture
def api(index_engine: Engine, harvester_settings: Settings) -> Iterator[TestClient]:
    app = create_app(harvester_settings, engine=index_engine)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def token(engine: Engine, role: Role) -> Headers:
    with Session(engine) as session:
        issued = create_token(session, role=role, name=f"peers-{role.value}")
        session.commit()
    return {"Authorization": f"Bearer {issued.secret}"}


@pytest.fixture
def admin(index_engine: Engine) -> Headers:
    return token(index_engine, Role.ADMIN)


def serve_hostile(nodes: Nodes, **document: object) -> Hostile:
    made: list[Hostile] = []

    def app(url: str) -> object:
        made.append(Hostile(url))
        made[0].routes["/.well-known/rrma-federation"] = json_answer(
            node_document(url, "hostile", **document)
        )
        return made[0].app

    nodes.serve(app)
    return made[0]


def test_only_admins_see_or_change_peers(api: TestClient, index_engine: Engine) -> None:
    assert api.get("/api/peers").status_code == 401
    editor = token(index_engine, Role.EDITOR)
    assert api.get("/api/peers", headers=editor).status_code == 403
    response = api.post("/api/peers", json={"url": "http://127.0.0.1:9"}, headers=editor)
    assert response.status_code == 403


def test_register_list_read_and_remove(
    api: TestClient,
    admin: Headers,
    nodes: Nodes,
    index_engine: Engine,
    harvester_settings: Settings,
) -> None:
    peer = nodes.node("ile-de-france", actions=3)
    response = api.post(
        "/api/peers", json={"url": f"{peer.url}/", "interval_seconds": 60}, headers=admin
    )
    assert response.status_code == 201, response.text
    added = response.json()
    assert added["node_id"] == "ile-de-france"
    assert added["base_url"] == peer.url
    assert added["state"] == "active"
    assert added["interval_seconds"] == 60
    assert added["records"] == 0
    assert added["lag"] == 0
    assert added["stale"] is False
    assert added["inbox_token"].startswith("fed_inbox_")
    with Session(index_engine) as session:
        found = peer_for_inbox_token(session, added["inbox_token"])
        assert found is not None
        assert found.id == added["id"]
        assert peer_for_inbox_token(session, "fed_inbox_wrong") is None
        assert peer_for_inbox_token(session, None) is None

    assert run(index_engine, harvester_settings, added["id"]).status is RunStatus.OK
    listed = api.get("/api/peers", headers=admin).json()
    assert listed["count"] == 1
    shown = listed["data"][0]
    assert "inbox_token" not in shown
    assert shown["records"] > 3
    assert shown["last_success_at"]
    assert shown["lag"] == 0
    assert shown["cursor"] == shown["feed_last"] > 0
    assert shown["bootstrapping"] is False
    assert api.get(f"/api/peers/{added['id']}", headers=admin).json() == shown

    runs = api.get(f"/api/peers/{added['id']}/runs", headers=admin).json()
    assert runs["count"] == 1
    assert runs["data"][0]["mode"] == "bootstrap"
    assert runs["data"][0]["added"] == shown["records"]
    quarantine = api.get(f"/api/peers/{added['id']}/quarantine", headers=admin).json()
    assert quarantine == {"data": [], "count": 0}

    assert api.delete(f"/api/peers/{added['id']}", headers=admin).status_code == 204
    assert api.get(f"/api/peers/{added['id']}", headers=admin).status_code == 404
    assert api.get("/api/peers", headers=admin).json()["count"] == 0


def test_a_peer_is_registered_once(api: TestClient, admin: Headers, nodes: Nodes) -> None:
    peer = nodes.node("guadeloupe")
    assert api.post("/api/peers", json={"url": peer.url}, headers=admin).status_code == 201
    again = api.post("/api/peers", json={"url": peer.url.upper()}, headers=admin)
    assert again.status_code == 409
    assert again.json()["error"]["fields"][0]["code"] == "duplicate"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("ftp://example.org", "invalid_url"),
        ("http:///no-host", "invalid_url"),
        ("http://example.org/?x=1", "invalid_url"),
        ("http://user:pw@example.org", "invalid_url"),
        ("http://example.org:99999", "invalid_url"),
        ("http://national.test/", "own_node"),
    ],
)
def test_bad_urls_are_refused_before_any_request(
    api: TestClient, admin: Headers, url: str, code: str
) -> None:
    response = api.post("/api/peers", json={"url": url}, headers=admin)
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["code"] == code


def test_bad_bodies_are_422(api: TestClient, admin: Headers) -> None:
    for body in (
        {},
        {"url": "x" * 1000},
        {"url": "http://a.b", "interval_seconds": 0},
        {"url": "http://a.b", "other": 1},
        {"url": "http://a\x00.b"},
    ):
        assert api.post("/api/peers", json=body, headers=admin).status_code == 422
    assert api.get("/api/peers/99999999999", headers=admin).status_code == 422
    assert api.get("/api/peers/0", headers=admin).status_code == 422
    assert api.get("/api/peers/12345", headers=admin).status_code == 404


def test_an_unreachable_peer_is_a_clear_502(api: TestClient, admin: Headers) -> None:
    response = api.post("/api/peers", json={"url": "http://127.0.0.1:9"}, headers=admin)
    assert response.status_code == 502
    assert response.json()["error"]["code"] == "peer_unreachable"


def test_a_node_document_must_name_the_same_url_and_vocabulary(
    api: TestClient, admin: Headers, nodes: Nodes
) -> None:
    lying = serve_hostile(nodes, base_url="http://127.0.0.1:1")
    response = api.post("/api/peers", json={"url": lying.url}, headers=admin)
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["code"] == "base_url_mismatch"

    future = serve_hostile(nodes, vocabulary={"version": "99.0.0"})
    response = api.post("/api/peers", json={"url": future.url}, headers=admin)
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["code"] == "vocabulary_mismatch"

    elsewhere = serve_hostile(nodes, dump="http://127.0.0.1:1/dump")
    response = api.post("/api/peers", json={"url": elsewhere.url}, headers=admin)
    assert response.status_code == 502
    assert "not under the peer's base URL" in response.json()["error"]["message_en"]

    broken = serve_hostile(nodes, feed_page_size="many")
    response = api.post("/api/peers", json={"url": broken.url}, headers=admin)
    assert response.status_code == 502
    assert response.json()["error"]["code"] == "peer_response_invalid"
    assert api.get("/api/peers", headers=admin).json()["count"] == 0


def test_confirm_reject_and_resume_follow_the_state(
    api: TestClient, admin: Headers, nodes: Nodes
) -> None:
    peer = nodes.node("martinique")
    peer_id = api.post("/api/peers", json={"url": peer.url}, headers=admin).json()["id"]
    for action in ("confirm", "reject"):
        response = api.post(f"/api/peers/{peer_id}/{action}", headers=admin)
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "peer_state"
    resumed = api.post(f"/api/peers/{peer_id}/resume", headers=admin)
    assert resumed.status_code == 200
    assert resumed.json()["state"] == "active"
    assert api.post("/api/peers/4242/resume", headers=admin).status_code == 404
