"""Malformed requests get a 4xx with the stable error body, never a 500."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.helpers import assert_field_error, count, create, error_of
from tests.factories import action_payload, actor_payload, group_payload

KINDS = ["actors", "actions", "groups"]
PAYLOADS = {"actors": actor_payload, "actions": action_payload, "groups": group_payload}
PATH_PARAMS = {"actors": "actor_id", "actions": "action_id", "groups": "group_id"}
MAX_BODY = 1_000_000  # Settings.max_body_bytes by default
TOO_BIG = 1_500_000


def json_headers(headers: dict[str, str]) -> dict[str, str]:
    return {**headers, "Content-Type": "application/json"}


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b'{"name": ', id="truncated"),
        pytest.param(b"{'name': 'Eau Vive'}", id="single-quotes"),
        pytest.param(b'{"name": "Eau Vive",}', id="trailing-comma"),
        pytest.param(b"\xff\xfe", id="not-utf8"),
    ],
)
@pytest.mark.parametrize("kind", KINDS)
def test_malformed_json_is_a_bad_request(
    client: TestClient, editor: dict[str, str], kind: str, body: bytes
) -> None:
    response = client.post(f"/api/{kind}", content=body, headers=json_headers(editor))
    error_of(response, 400, "invalid_json")
    assert count(client, f"/api/{kind}") == 0


@pytest.mark.parametrize("kind", KINDS)
def test_malformed_json_patch_is_a_bad_request(
    client: TestClient, editor: dict[str, str], kind: str
) -> None:
    record = create(client, f"/api/{kind}", PAYLOADS[kind](), editor)
    response = client.patch(
        f"/api/{kind}/{record['id']}", content=b'{"name": ', headers=json_headers(editor)
    )
    error_of(response, 400, "invalid_json")


@pytest.mark.parametrize(
    ("kind", "overrides", "field", "code"),
    [
        pytest.param("actors", {"countries": "BF"}, "countries", "list_type", id="string-for-list"),
        pytest.param("actors", {"name": 42}, "name", "string_type", id="number-for-name"),
        pytest.param("actors", {"name": ["a"]}, "name", "string_type", id="list-for-name"),
        pytest.param(
            "actors", {"contact_consent": "peut-être"}, "contact_consent", "bool_parsing", id="bool"
        ),
        pytest.param("actors", {"sectors": [14030]}, "sectors[0]", "string_type", id="number-code"),
        pytest.param(
            "actions", {"planned_start": {}}, "planned_start", "date_type", id="object-for-date"
        ),
        pytest.param(
            "actions",
            {"planned_start": "31/12/2024"},
            "planned_start",
            "date_from_datetime_parsing",
            id="french-date",
        ),
        pytest.param(
            "actions", {"fundings": {"amount": 1}}, "fundings", "list_type", id="object-for-list"
        ),
        pytest.param(
            "actions",
            {"participants": ["Mairie"]},
            "participants[0]",
            "model_attributes_type",
            id="string-for-object",
        ),
        pytest.param(
            "actions",
            {"fundings": [{"funder_name": "R", "amount": "1", "year": "deux mille"}]},
            "fundings[0].year",
            "int_parsing",
            id="text-for-year",
        ),
        pytest.param("groups", {"members": "abc"}, "members", "list_type", id="string-members"),
        pytest.param("groups", {"name": None}, "name", "string_type", id="null-name"),
    ],
)
def test_wrong_type_is_named(
    client: TestClient,
    editor: dict[str, str],
    *,
    kind: str,
    overrides: dict[str, Any],
    field: str,
    code: str,
) -> None:
    response = client.post(f"/api/{kind}", json=PAYLOADS[kind](**overrides), headers=editor)
    assert_field_error(response, 422, field, code)
    assert count(client, f"/api/{kind}") == 0


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        pytest.param(b"[]", "body", "model_attributes_type", id="list"),
        pytest.param(b"null", "body", "model_attributes_type", id="null"),
        pytest.param(b'"actor"', "body", "model_attributes_type", id="string"),
        pytest.param(b"", "body", "missing", id="empty"),
        pytest.param(b"{}", "name", "missing", id="empty-object"),
    ],
)
def test_body_that_is_not_an_actor(
    client: TestClient, editor: dict[str, str], body: bytes, field: str, code: str
) -> None:
    response = client.post("/api/actors", content=body, headers=json_headers(editor))
    assert_field_error(response, 422, field, code)


def test_body_over_the_limit_with_content_length(
    client: TestClient, editor: dict[str, str]
) -> None:
    response = client.post("/api/actors", content=b" " * TOO_BIG, headers=json_headers(editor))
    error_of(response, 413, "body_too_large")


def test_body_over_the_limit_streamed(client: TestClient, editor: dict[str, str]) -> None:
    """Without Content-Length (chunked), the bytes are counted as they arrive."""

    def chunks() -> Iterator[bytes]:
        for _ in range(TOO_BIG // 100_000):
            yield b" " * 100_000

    response = client.post("/api/actors", content=chunks(), headers=json_headers(editor))
    error_of(response, 413, "body_too_large")
    assert count(client, "/api/actors") == 0


def test_body_over_the_limit_without_token(client: TestClient) -> None:
    response = client.post("/api/actors", content=b" " * TOO_BIG, headers=json_headers({}))
    error_of(response, 413, "body_too_large")


def test_body_of_exactly_the_limit_is_read(client: TestClient, editor: dict[str, str]) -> None:
    encoded = json.dumps(actor_payload()).encode()
    padded = encoded[:-1] + b" " * (MAX_BODY - len(encoded)) + b"}"
    assert len(padded) == MAX_BODY
    response = client.post("/api/actors", content=padded, headers=json_headers(editor))
    assert response.status_code == 201, response.text


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
@pytest.mark.parametrize("kind", KINDS)
def test_invalid_uuid_in_path(
    client: TestClient, editor: dict[str, str], kind: str, method: str
) -> None:
    body = {} if method == "PATCH" else None
    response = client.request(method, f"/api/{kind}/not-a-uuid", json=body, headers=editor)
    assert_field_error(response, 422, PATH_PARAMS[kind], "uuid_parsing")


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"limit": 0}, id="limit-0"),
        pytest.param({"limit": 10_001}, id="limit-too-big"),
        pytest.param({"limit": "ten"}, id="limit-text"),
        pytest.param({"offset": -1}, id="offset-negative"),
        pytest.param({"offset": 10_000_001}, id="offset-too-big"),
        pytest.param({"sort": "password"}, id="sort-unknown"),
        pytest.param({"sort": "-"}, id="sort-dash"),
        pytest.param({"sort": "name,modified"}, id="sort-two"),
        pytest.param({"country": "BFA"}, id="country-too-long"),
        pytest.param({"q": "x" * 201}, id="q-too-long"),
    ],
)
@pytest.mark.parametrize("kind", KINDS)
def test_query_out_of_range(client: TestClient, kind: str, params: dict[str, Any]) -> None:
    response = client.get(f"/api/{kind}", params=params)
    error = error_of(response, 422, "validation_error")
    assert [item["field"] for item in error["fields"]] == list(params)


@pytest.mark.parametrize("kind", ["actions", "groups"])
def test_actor_filter_must_be_a_uuid(client: TestClient, kind: str) -> None:
    response = client.get(f"/api/{kind}", params={"actor": "not-a-uuid"})
    assert_field_error(response, 422, "actor", "uuid_parsing")


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/actors", {"q": "eau\x00"}),
        ("/api/actors", {"actor_type": "\x00"}),
        ("/api/actors", {"sector": "140\x00"}),
        ("/api/actions", {"kind": "ecsi\x00"}),
        ("/api/groups", {"country": "\x00"}),
    ],
)
def test_nul_character_in_query_is_refused(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    """PostgreSQL cannot hold U+0000 in text: refused on every backend, not a 500 on one."""
    response = client.get(path, params=params)
    assert_field_error(response, 422, next(iter(params)), "string_nul")


@pytest.mark.parametrize(
    ("kind", "overrides", "field"),
    [
        ("actors", {"description": "a\x00b"}, "description"),
        ("actors", {"email": "a\x00@b.fr"}, "email"),
        ("actors", {"countries": ["BF\x00"]}, "countries[0]"),
        ("actions", {"localities": ["Kaya\x00"]}, "localities[0]"),
        ("actions", {"participants": [{"name": "M\x00", "role": "4"}]}, "participants[0].name"),
        ("groups", {"external_id": "G\x00"}, "external_id"),
    ],
)
def test_nul_character_in_body_is_refused(
    client: TestClient,
    editor: dict[str, str],
    kind: str,
    overrides: dict[str, Any],
    field: str,
) -> None:
    response = client.post(f"/api/{kind}", json=PAYLOADS[kind](**overrides), headers=editor)
    assert_field_error(response, 422, field, "string_nul")
    assert count(client, f"/api/{kind}") == 0


def test_nul_character_in_token_name_is_refused(client: TestClient, admin: dict[str, str]) -> None:
    response = client.post("/api/tokens", json={"name": "a\x00"}, headers=admin)
    assert_field_error(response, 422, "name", "string_nul")


def test_nul_character_in_token_path_is_refused(client: TestClient, admin: dict[str, str]) -> None:
    response = client.delete("/api/tokens/fed_%00", headers=admin)
    assert_field_error(response, 422, "ident", "string_nul")
