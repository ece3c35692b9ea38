"""What the API tests share: reading the stable error body, and records made through the API."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from httpx import Response

JSON = dict[str, Any]


def error_of(response: Response, status: int, code: str) -> JSON:
    """The ``error`` object of a refused request, once its status, code and shape are checked."""
    assert response.status_code == status, response.text
    error: JSON = response.json()["error"]
    assert error["code"] == code, error
    assert error["message"]
    assert error["message_en"]
    assert isinstance(error["fields"], list)
    return error


def field_codes(response: Response) -> set[tuple[str, str]]:
    """The (field, code) pairs the error body names."""
    return {(item["field"], item["code"]) for item in response.json()["error"]["fields"]}


def assert_field_error(response: Response, status: int, field: str, code: str) -> None:
    """The request was refused with ``status`` and the body names ``field`` with ``code``."""
    assert response.status_code == status, response.text
    assert (field, code) in field_codes(response), response.json()
    for item in response.json()["error"]["fields"]:
        assert item["message"]
        assert item["message_en"]


def create(client: TestClient, path: str, payload: JSON, headers: dict[str, str]) -> JSON:
    response = client.post(path, json=payload, headers=headers)
    assert response.status_code == 201, response.text
    created: JSON = response.json()
    return created


def count(client: TestClient, path: str) -> int:
    """The total of a list endpoint (no filter)."""
    response = client.get(path)
    assert response.status_code == 200, response.text
    total: int = response.json()["count"]
    return total


def listed(client: TestClient, path: str, **params: Any) -> list[JSON]:
    """The records a list endpoint returns for these query parameters."""
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    data: list[JSON] = response.json()["data"]
    return data


def ids(records: list[JSON]) -> list[str]:
    return [record["id"] for record in records]
