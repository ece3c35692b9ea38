"""The node's own routes: its network, its health, and the API documentation."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_network_describes_the_node(client: TestClient) -> None:
    response = client.get("/api/network")
    assert response.status_code == 200, response.text
    network = response.json()
    assert network["node_id"] == "test"
    assert network["name"] == "Réseau de test"
    assert network["region"] == "Bourgogne-Franche-Comté"
    assert network["base_url"] == "https://node.test"


def test_network_is_the_same_record_each_time(client: TestClient) -> None:
    first = client.get("/api/network").json()
    assert client.get("/api/network").json() == first


def test_health(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "ok"}


def test_openapi_lists_every_route(client: TestClient) -> None:
    response = client.get("/openapi.json")
    assert response.status_code == 200, response.text
    paths = response.json()["paths"]
    for path in ("/api/actors", "/api/actions/{action_id}", "/api/groups", "/api/tokens"):
        assert path in paths


def test_docs_page(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]


def test_unknown_path_answers_the_error_body(client: TestClient) -> None:
    response = client.get("/api/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "http_404"


def test_wrong_method_answers_the_error_body(client: TestClient) -> None:
    response = client.put("/api/actors", json={})
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "http_405"


def test_home_links_the_api(client: TestClient) -> None:
    body = client.get("/").json()
    assert body["network"] == "Réseau de test"
    assert body["links"]["actors"].endswith("/api/actors")
