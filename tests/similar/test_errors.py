"""Every bad request gets a clear 4xx in the project's error shape, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.search.conftest import Rows
from tests.similar.world import build


def error(client: TestClient, status: int, **params: Any) -> dict[str, Any]:
    answer = client.get("/similar", params=params)
    assert answer.status_code == status, answer.text
    body: dict[str, Any] = answer.json()["error"]
    assert body["message"]
    assert body["message_en"]
    return body


def test_an_iri_not_in_the_index_is_not_found(client: TestClient, rows: Rows) -> None:
    build(rows)
    body = error(client, 404, iri="https://peer.test/actions/nowhere")
    assert body["code"] == "not_found"


def test_an_actor_is_not_an_action(client: TestClient, rows: Rows) -> None:
    world = build(rows)
    body = error(client, 404, iri=world.actor)
    assert body["code"] == "not_an_action"
    assert "actor" in body["message_en"]


@pytest.mark.parametrize("k", ["0", "51", "-1", "abc", "2.5"])
def test_k_is_from_1_to_50(client: TestClient, rows: Rows, k: str) -> None:
    world = build(rows)
    body = error(client, 422, iri=world.asked, k=k)
    assert [(f["field"], f["code"]) for f in body["fields"]] == [("k", "out_of_range")]


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({"text": "eau", "country": "XX"}, [("country", "unknown_value")]),
        ({"text": "eau", "sector": "99999"}, [("sector", "unknown_value")]),
        ({"text": "eau", "sector": "999"}, [("sector", "unknown_value")]),
        ({"text": "eau", "sdg": "99"}, [("sdg", "unknown_value")]),
        ({"text": "eau", "same_region": "maybe"}, [("same_region", "not_boolean")]),
        ({"text": "de la"}, [("text", "no_words")]),
        ({"text": "x" * 5_001}, [("text", "too_long")]),
        ({"iri": "https://node.test/actions/1", "text": "eau"}, [("iri", "exclusive")]),
        ({}, [("iri", "required")]),
        ({"country": ["BF"] * 21}, [("country", "too_many")]),
    ],
)
def test_bad_descriptions_are_refused(
    client: TestClient, params: dict[str, Any], fields: list[tuple[str, str]]
) -> None:
    body = error(client, 422, **params)
    assert body["code"] == "validation_error"
    assert [(f["field"], f["code"]) for f in body["fields"]] == fields


def test_every_bad_field_is_named_at_once(client: TestClient) -> None:
    body = error(client, 422, text="eau", country="XX", sdg="0", k="0")
    assert {f["field"] for f in body["fields"]} == {"country", "sdg", "k"}


def test_a_browser_asking_nothing_gets_the_form(client: TestClient) -> None:
    page = client.get("/similar", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert '<textarea id="text" name="text"' in page.text
    assert client.get("/similar").status_code == 422  # a program asking nothing: an error
