"""What /search accepts and refuses, and the page it shows a browser."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.search.conftest import PEER_URL, Rows


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"country": "ZZ"}, "country"),
        ({"sector": "99999"}, "sector"),
        ({"sdg": "42"}, "sdg"),
        ({"kind": "person"}, "kind"),
        ({"year": "19x"}, "year"),
        ({"region": "Not A Node"}, "region"),
        ({"sort": "price"}, "sort"),
        ({"page": "0"}, "page"),
        ({"per_page": "1000"}, "per_page"),
        ({"page": "600", "per_page": "20"}, "page"),
        ({"q": "x" * 501}, "q"),
    ],
)
def test_bad_parameters_get_a_clear_error(
    client: TestClient, rows: Rows, params: dict[str, str], field: str
) -> None:
    answer = client.get("/search", params=params)
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert [f["field"] for f in error["fields"]] == [field]
    assert error["fields"][0]["message"]
    assert error["fields"][0]["message_en"]


def test_a_browser_gets_the_page_with_facets_and_hits(client: TestClient, rows: Rows) -> None:
    rows.put("action", "Puits à Kaya", countries=["BF"], sectors=["14030"])
    rows.put("action", "Puits à Thiès", base=PEER_URL, countries=["SN"], sectors=["14030"])
    page = client.get("/search", params={"q": "puits", "country": "BF"},
                      headers={"Accept": "text/html"})  # fmt: skip
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Puits à Kaya" in page.text
    assert "Puits à Thiès" not in page.text
    assert "Sénégal" in page.text  # the other country stays offered, with its count
    assert "Pays : Burkina Faso" in page.text  # the active filter, removable
    assert 'href="?q=puits"' in page.text  # removing it keeps the words
    json_answer = client.get("/search", params={"q": "puits"})
    assert json_answer.headers["content-type"] == "application/json"


def test_the_page_offers_to_export_what_it_found(client: TestClient, rows: Rows) -> None:
    rows.put("action", "Puits à Kaya", countries=["BF"], sectors=["14030"])
    rows.put("action", "Puits à Thiès", base=PEER_URL, countries=["SN"], sectors=["14030"])
    page = client.get("/search", params={"q": "puits", "country": "BF", "format": "html"})
    link = page.text.split('href="/exports/actions.csv', 1)[1].split('"', 1)[0]
    assert link == "?q=puits&amp;country=BF"
    exported = client.get("/exports/actions.csv?q=puits&country=BF")
    assert exported.status_code == 200
    assert "Puits à Kaya" in exported.text
    assert "Puits à Thiès" not in exported.text
