"""Bearer tokens: reads are public, writes need an editor, token management needs an admin."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.helpers import JSON, create, error_of
from tests.factories import action_payload, actor_payload, group_payload

TOKENS = "/api/tokens"
PAYLOADS = {"actors": actor_payload, "actions": action_payload, "groups": group_payload}
PATCHES: dict[str, JSON] = {
    "actors": {"city": "Dijon"},
    "actions": {"title": "Autre titre"},
    "groups": {"name": "Autre nom"},
}


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def issue(client: TestClient, admin: dict[str, str], **body: Any) -> JSON:
    response = client.post(TOKENS, json={"name": "partenaire", **body}, headers=admin)
    assert response.status_code == 201, response.text
    issued: JSON = response.json()
    return issued


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no-header"),
        pytest.param({"Authorization": "Bearer fed_not-a-real-token"}, id="unknown-token"),
        pytest.param({"Authorization": "Bearer "}, id="empty-token"),
        pytest.param({"Authorization": "Basic dXNlcjpwYXNz"}, id="basic-scheme"),
        pytest.param({"Authorization": "fed_no-scheme"}, id="no-scheme"),
    ],
)
def test_write_without_a_valid_token_is_unauthorized(
    client: TestClient, headers: dict[str, str]
) -> None:
    response = client.post("/api/actors", json=actor_payload(), headers=headers)
    error_of(response, 401, "unauthorized")
    assert client.get("/api/actors").json()["count"] == 0


def test_revoked_token_is_unauthorized(client: TestClient, admin: dict[str, str]) -> None:
    issued = issue(client, admin)
    create(client, "/api/actors", actor_payload(), bearer(issued["token"]))
    response = client.delete(f"{TOKENS}/{issued['id']}", headers=admin)
    assert response.status_code == 200, response.text
    response = client.post("/api/actors", json=actor_payload(), headers=bearer(issued["token"]))
    error_of(response, 401, "unauthorized")


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", TOKENS), ("POST", TOKENS), ("DELETE", f"{TOKENS}/fed_abcdefgh")],
)
def test_editor_cannot_manage_tokens(
    client: TestClient, editor: dict[str, str], method: str, path: str
) -> None:
    body = {"name": "x"} if method == "POST" else None
    response = client.request(method, path, json=body, headers=editor)
    error_of(response, 403, "forbidden")


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_tokens_need_a_token(client: TestClient, method: str) -> None:
    response = client.request(method, TOKENS, json={"name": "x"} if method == "POST" else None)
    error_of(response, 401, "unauthorized")


def test_admin_issues_a_working_token(client: TestClient, admin: dict[str, str]) -> None:
    issued = issue(client, admin, role="editor")
    assert issued["token"].startswith("fed_")
    assert issued["token"].startswith(issued["prefix"])
    assert (issued["role"], issued["revoked"]) == ("editor", None)
    create(client, "/api/actors", actor_payload(), bearer(issued["token"]))


def test_admin_token_can_write(client: TestClient, admin: dict[str, str]) -> None:
    create(client, "/api/actors", actor_payload(), admin)


def test_issued_admin_token_manages_tokens(client: TestClient, admin: dict[str, str]) -> None:
    issued = issue(client, admin, role="admin")
    response = client.get(TOKENS, headers=bearer(issued["token"]))
    assert response.status_code == 200, response.text


def test_admin_lists_tokens_without_secrets(client: TestClient, admin: dict[str, str]) -> None:
    issued = issue(client, admin, name="réseau voisin")
    response = client.get(TOKENS, headers=admin)
    assert response.status_code == 200, response.text
    listed = {token["id"]: token for token in response.json()}
    assert listed[issued["id"]]["name"] == "réseau voisin"
    assert all("token" not in token and "token_hash" not in token for token in listed.values())
    assert issued["token"] not in response.text


@pytest.mark.parametrize("key", ["id", "prefix"])
def test_admin_revokes_a_token(client: TestClient, admin: dict[str, str], key: str) -> None:
    issued = issue(client, admin)
    response = client.delete(f"{TOKENS}/{issued[key]}", headers=admin)
    assert response.status_code == 200, response.text
    assert response.json()["revoked"] is not None
    listed = {token["id"]: token for token in client.get(TOKENS, headers=admin).json()}
    assert listed[issued["id"]]["revoked"] is not None


def test_revoking_an_unknown_token_is_not_found(client: TestClient, admin: dict[str, str]) -> None:
    error_of(client.delete(f"{TOKENS}/fed_nothing", headers=admin), 404, "not_found")


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"name": ""}, id="empty-name"),
        pytest.param({"name": "x", "role": "owner"}, id="unknown-role"),
        pytest.param({"name": "x", "secret": "mine"}, id="unknown-field"),
    ],
)
def test_bad_token_request_is_refused(
    client: TestClient, admin: dict[str, str], body: JSON
) -> None:
    error_of(client.post(TOKENS, json=body, headers=admin), 422, "validation_error")


@pytest.mark.parametrize("kind", ["actors", "actions", "groups"])
def test_reads_are_public(client: TestClient, editor: dict[str, str], kind: str) -> None:
    record = create(client, f"/api/{kind}", PAYLOADS[kind](), editor)
    assert client.get(f"/api/{kind}").json()["count"] == 1
    assert client.get(f"/api/{kind}/{record['id']}").json() == record


@pytest.mark.parametrize("kind", ["actors", "actions", "groups"])
def test_create_refuses_without_token(client: TestClient, kind: str) -> None:
    error_of(client.post(f"/api/{kind}", json=PAYLOADS[kind]()), 401, "unauthorized")
    assert client.get(f"/api/{kind}").json()["count"] == 0


@pytest.mark.parametrize("kind", ["actors", "actions", "groups"])
def test_patch_refuses_without_token(client: TestClient, editor: dict[str, str], kind: str) -> None:
    record = create(client, f"/api/{kind}", PAYLOADS[kind](), editor)
    response = client.patch(f"/api/{kind}/{record['id']}", json=PATCHES[kind])
    error_of(response, 401, "unauthorized")
    assert client.get(f"/api/{kind}/{record['id']}").json() == record


@pytest.mark.parametrize("kind", ["actors", "actions", "groups"])
def test_delete_refuses_without_token(
    client: TestClient, editor: dict[str, str], kind: str
) -> None:
    record = create(client, f"/api/{kind}", PAYLOADS[kind](), editor)
    error_of(client.delete(f"/api/{kind}/{record['id']}"), 401, "unauthorized")
    assert client.get(f"/api/{kind}/{record['id']}").status_code == 200


@pytest.mark.parametrize("kind", ["actors", "actions", "groups"])
@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
def test_missing_record_still_answers_401_first(client: TestClient, kind: str, method: str) -> None:
    """Without a token, nothing tells whether a record exists."""
    response = client.request(method, f"/api/{kind}/00000000-0000-0000-0000-000000000001")
    error_of(response, 401, "unauthorized")
