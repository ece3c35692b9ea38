"""``/reports``: the national report as JSON, with its as-of statement, code list versions and
the same id for the same content; ``POST /reports`` with a body."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from tests.reports import expected
from tests.reports.conftest import AT, HARVESTED, OWN, PEER, Index


def report(client: TestClient, query: str = "") -> dict[str, Any]:
    response = client.get(f"/reports{query}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_the_national_report_has_the_hand_computed_figures(
    client: TestClient, filled: Index
) -> None:
    body = report(client)
    for name, rows in expected.TABLES.items():
        assert body["tables"][name] == rows, name
    assert body["totals"] == expected.TOTALS
    assert body["parameters"] == {"filters": {}, "conversion": None}
    assert body["labels"]["country"]["BF"] == {"fr": "Burkina Faso", "en": "Burkina Faso"}
    assert body["labels"]["actor_type"]["collectivite"]["en"] == "Local authority"


def test_the_report_states_each_source_and_the_code_lists(
    client: TestClient, filled: Index
) -> None:
    sources = {s["source"]: s for s in report(client)["sources"]}
    assert sources[OWN] == {
        "source": OWN,
        "name": "Réseau de test",
        "region": "Bourgogne-Franche-Comté",
        "own": True,
        "actors": 2,
        "actions": 2,
        "data_as_of": AT.isoformat(),
        "last_success_at": None,
    }
    assert sources[PEER]["name"] == "Réseau A"
    assert sources[PEER]["region"] == "Bretagne"
    assert sources[PEER]["data_as_of"] == HARVESTED.isoformat()
    assert sources[PEER]["last_success_at"] == "2026-11-25T09:00:00+00:00"
    assert (sources[PEER]["actors"], sources[PEER]["actions"]) == (1, 1)
    lists = {c["scheme"]: c for c in report(client)["code_lists"]}
    assert lists["country"]["version"] == "2.03"
    assert lists["actor-type"]["version"] == "1"
    assert re.fullmatch(r"sha256:[0-9a-f]{16}", lists["sector"]["digest"])


def test_the_same_content_has_the_same_id(client: TestClient, filled: Index) -> None:
    first = client.get("/reports")
    again = client.get("/reports")
    assert re.fullmatch(r"[0-9a-f]{24}", first.json()["id"])
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["created"] == first.json()["created"]
    assert first.headers["link"] == f'</reports/{first.json()["id"]}>; rel="canonical"'
    links = first.json()["links"]
    assert links["csv"] == f"/reports/{first.json()['id']}?format=csv"
    other = report(client, "?country=BF")
    assert other["id"] != first.json()["id"]


def test_a_report_from_a_json_body(client: TestClient, filled: Index) -> None:
    response = client.post(
        "/reports", json={"filters": {"country": ["BF"], "year": 2024}, "rates": None}
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"] == f"/reports/{body['id']}"
    assert body["parameters"]["filters"] == {"country": ["BF"], "year": [2024]}
    assert body["tables"]["actions_by_region"] == [[OWN, 1]]
    assert client.get(f"/reports/{body['id']}").json()["tables"] == body["tables"]


def test_an_empty_index_gives_an_empty_report(client: TestClient, index: Index) -> None:
    body = report(client)
    assert body["totals"] == {
        "actors": 0,
        "actions": 0,
        "actions_counted_by_country": 0,
        "actions_counted_by_sector": 0,
    }
    assert body["tables"]["budgets_total"] == []
    assert {s["source"]: s["data_as_of"] for s in body["sources"]} == {OWN: None, PEER: None}
