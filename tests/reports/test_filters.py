"""Filtered reports (figures worked out from expected.py's comments) and refused filters."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.reports.conftest import OWN, PEER, Index


def tables(client: TestClient, query: str) -> dict[str, Any]:
    response = client.get(f"/reports?{query}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return {**body["tables"], "totals": body["totals"], "sources": body["sources"]}


def test_a_country_keeps_its_share_of_the_amounts(client: TestClient, filled: Index) -> None:
    got = tables(client, "country=BF")
    assert got["totals"]["actions"] == 2
    assert got["actions_by_country"] == [["BF", 2]]
    assert got["actions_by_sector"] == [["140", 2], ["151", 1]]
    assert got["budgets_total"] == [["EUR", "866.67", 2]]
    assert got["fundings_by_funder_type"] == [
        [None, "EUR", "100.00", 1],
        [None, "XOF", "70000.00", 1],
        ["collectivite", "EUR", "420.00", 1],
    ]
    assert got["actors_by_type_region"] == [[OWN, "association", 1]]  # A1 works in BF


def test_a_sector_category_keeps_its_share(client: TestClient, filled: Index) -> None:
    got = tables(client, "sector=151")
    assert got["totals"]["actions"] == 1
    assert got["budgets_total"] == [["EUR", "400.00", 1]]
    assert got["budgets_by_country"] == [["BF", "EUR", "280.00", 1], ["SN", "EUR", "120.00", 1]]
    both = tables(client, "sector=151&country=SN")
    assert both["budgets_total"] == [["EUR", "120.00", 1]]


def test_record_filters_keep_whole_actions(client: TestClient, filled: Index) -> None:
    year = tables(client, "year=2024")
    assert year["totals"] == {
        "actors": 3,  # the year is an action's: actors are all there
        "actions": 1,
        "actions_counted_by_country": 2,
        "actions_counted_by_sector": 2,
    }
    assert year["budgets_total"] == [["EUR", "1000.00", 1]]
    assert tables(client, "year=2023-2024")["totals"]["actions"] == 2
    goal = tables(client, "sdg=16")
    assert goal["budgets_total"] == [["EUR", "1000.00", 1]]
    assert goal["sdg_goals"] == [["16", 1, 0]]
    assert goal["totals"]["actors"] == 0
    kind = tables(client, "action_kind=cooperation-decentralisee")
    assert kind["actions_by_region"] == [[OWN, 1]]
    assert tables(client, "status=3")["totals"]["actions"] == 0
    types = tables(client, "actor_type=collectivite")
    assert types["actors_by_type_region"] == [[OWN, "collectivite", 1]]
    assert types["totals"]["actions"] == 3  # the actor type is an actor's


def test_networks_and_kinds(client: TestClient, filled: Index) -> None:
    peer = tables(client, "source=peer-a")
    assert [s["source"] for s in peer["sources"]] == [PEER]
    assert peer["totals"]["actors"] == 1
    assert peer["budgets_total"] == [["EUR", "333.33", 1]]
    actors = tables(client, "kind=actor")
    assert actors["totals"]["actors"] == 3
    assert actors["actions_by_region"] == []
    assert actors["budgets_total"] == []


def test_several_values_are_alternatives(client: TestClient, filled: Index) -> None:
    got = tables(client, "country=BF,SN&country=ML")
    assert got["totals"]["actions"] == 2
    assert got["actions_by_country"] == [["BF", 2], ["ML", 1], ["SN", 1]]
    assert got["budgets_total"] == [["EUR", "1333.33", 2]]


@pytest.mark.parametrize(
    ("query", "field", "fragment"),
    [
        ("country=XX", "country", "XX"),
        ("sector=14030", "sector", "140"),
        ("sector=999", "sector", "999"),
        ("year=abc", "year", "abc"),
        ("year=1800", "year", "1800"),
        ("year=2025-2020", "year", "2025-2020"),
        ("sdg=6.1", "sdg", "6.1"),
        ("kind=group", "kind", "group"),
        ("colour=blue", "colour", "colour"),
        ("source=Not_An_Id", "source", "Not_An_Id"),
        ("source=nowhere", "source", "nowhere"),
        ("status=9", "status", "9"),
        ("format=pdf", "format", "pdf"),
    ],
)
def test_a_bad_filter_is_refused(
    client: TestClient, filled: Index, query: str, field: str, fragment: str
) -> None:
    response = client.get(f"/reports?{query}")
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["message"]
    assert [f["field"] for f in error["fields"]] == [field]
    assert fragment in error["fields"][0]["message"]
    assert fragment in error["fields"][0]["message_en"]


def test_every_bad_filter_is_named_at_once(client: TestClient, filled: Index) -> None:
    response = client.get("/reports?country=XX&year=abc&colour=blue")
    assert response.status_code == 422
    assert {f["field"] for f in response.json()["error"]["fields"]} == {"country", "year", "colour"}


def test_bad_bodies_and_stored_reports_are_refused(client: TestClient, filled: Index) -> None:
    assert client.post("/reports", json={"filters": {"country": "XX"}}).status_code == 422
    assert client.post("/reports", json={"filter": {}}).status_code == 422
    assert (
        client.post(
            "/reports", content=b"{not json", headers={"Content-Type": "application/json"}
        ).status_code
        == 400
    )
    report_id = client.get("/reports").json()["id"]
    refused = client.get(f"/reports/{report_id}?country=BF")
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"][0]["code"] == "fixed_report"
    assert client.get("/reports/0123").status_code == 404
    assert client.get("/reports/" + "0" * 24).status_code == 404


def test_words_keep_the_records_the_search_finds(client: TestClient, filled: Index) -> None:
    """``q`` as in search: the report of the records a search for the words finds."""
    found = tables(client, "q=x1")
    assert found["totals"]["actions"] == 1
    assert found["totals"]["actors"] == 0
    assert found["budgets_total"] == [["EUR", "1000.00", 1]]
    both = tables(client, "q=x1&country=SN")
    assert both["totals"]["actions"] == 1
    assert tables(client, "q=nothing-like-this")["totals"]["actions"] == 0
