"""Conversion into one currency only with the rates given, stated in the report; a currency
of the report without a rate is refused, never left out."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.reports.conftest import Index

RATES = "rates=USD:0.92,XOF:0.001524"


def test_amounts_are_converted_with_the_rates_given(client: TestClient, filled: Index) -> None:
    response = client.get(f"/reports?{RATES}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["parameters"]["conversion"] == {
        "currency": "EUR",
        "rates": {"USD": "0.92", "XOF": "0.001524"},
    }
    tables = body["tables"]
    # 800.00 EUR + 50.00 USD * 0.92 (46.00) + 100000.00 XOF * 0.001524 (152.40)
    assert tables["fundings_total_converted"] == [["EUR", "998.40", 4]]
    assert tables["fundings_by_country_converted"] == [
        [None, "EUR", "46.00", 1],
        ["BF", "EUR", "626.68", 3],  # 520.00 + 70000 XOF (106.68)
        ["ML", "EUR", "100.00", 1],
        ["SN", "EUR", "225.72", 2],  # 180.00 + 30000 XOF (45.72)
    ]
    assert tables["budgets_total_converted"] == [["EUR", "1333.33", 2]]
    # The amounts per currency stay, next to the converted ones.
    assert tables["fundings_total"] == [
        ["EUR", "800.00", 2],
        ["USD", "50.00", 1],
        ["XOF", "100000.00", 1],
    ]


def test_another_target_currency(client: TestClient, filled: Index) -> None:
    body = client.get("/reports?currency=usd&rates=EUR:1.1,XOF:0.00166").json()
    assert body["parameters"]["conversion"]["currency"] == "USD"
    # 800.00 * 1.1 = 880.00; + 50.00; + 100000.00 * 0.00166 = 166.00
    assert body["tables"]["fundings_total_converted"] == [["USD", "1096.00", 4]]


def test_a_body_may_give_the_rates(client: TestClient, filled: Index) -> None:
    response = client.post("/reports", json={"rates": {"USD": "0.92", "XOF": 0.001524}})
    assert response.status_code == 201, response.text
    assert response.json()["tables"]["fundings_total_converted"] == [["EUR", "998.40", 4]]


def test_only_the_currencies_of_the_report_need_a_rate(client: TestClient, filled: Index) -> None:
    body = client.get("/reports?country=SN&rates=XOF:0.001524").json()
    assert body["tables"]["fundings_total_converted"] == [["EUR", "225.72", 2]]


def test_a_missing_rate_is_refused(client: TestClient, filled: Index) -> None:
    response = client.get("/reports?rates=USD:0.92")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "missing_rate"
    assert "XOF" in error["message"]
    assert "XOF" in error["message_en"]
    assert [f["field"] for f in error["fields"]] == ["rates"]
    # Asking for a currency without any rate is the same question.
    assert client.get("/reports?currency=EUR").json()["error"]["code"] == "missing_rate"


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("rates=USD:abc", "USD:abc"),
        ("rates=USD:0", "USD:0"),
        ("rates=USD:-1", "USD:-1"),
        ("rates=ZZZ:1", "ZZZ"),
        ("rates=USD", "USD"),
        ("rates=USD:1,USD:2", "USD"),
        ("rates=EUR:2", "EUR"),
        ("currency=ZZZ&rates=USD:1", "ZZZ"),
    ],
)
def test_a_bad_rate_table_is_refused(
    client: TestClient, filled: Index, query: str, fragment: str
) -> None:
    response = client.get(f"/reports?{query}")
    assert response.status_code == 422, response.text
    fields = response.json()["error"]["fields"]
    assert any(fragment in f["message"] and fragment in f["message_en"] for f in fields)
