from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import action_payload, actor_payload


def test_create_and_read(client: TestClient, editor: dict[str, str]) -> None:
    response = client.post("/api/actors", json=actor_payload(), headers=editor)
    assert response.status_code == 201, response.text
    actor = response.json()
    action = action_payload(participants=[{"actor_id": actor["id"], "role": "2"}])
    response = client.post("/api/actions", json=action, headers=editor)
    assert response.status_code == 201, response.text
    got = client.get(f"/api/actions/{response.json()['id']}").json()
    assert got["participants"][0]["actor_id"] == actor["id"]
    assert got["fundings"][0]["amount"] == "10000.50"
