"""Every bad request to an export gets a 4xx in the project's error shape, never a file."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

ALL_KINDS = [
    "/exports/actions.csv",
    "/exports/actors.xlsx",
    "/exports/actions.iati.xml",
    "/exports/local-authorities.json?year=2024&",
]


def error_of(client: TestClient, url: str, status: int) -> dict[str, object]:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()["error"]
    assert set(body) == {"code", "message", "message_en", "fields"}
    assert body["message"]
    assert body["message_en"]
    return dict(body)


@pytest.mark.parametrize("url", ALL_KINDS)
@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ("source=nowhere", "source", "unknown_source"),
        ("country=ZZZ", "country", "unknown_code"),
        ("&".join(["country=BF"] * 101), "country", "too_many_values"),
    ],
)
def test_bad_filters(
    client: TestClient, index: Session, *, url: str, query: str, field: str, code: str
) -> None:
    joined = f"{url}{'' if url.endswith('&') else '?'}{query}"
    body = error_of(client, joined, 422)
    assert body["code"] == "validation_error"
    fields = body["fields"]
    assert isinstance(fields, list)
    assert [(f["field"], f["code"]) for f in fields] == [(field, code)]


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/exports/actions.csv?lang=de", "lang"),
        ("/exports/actions.csv?sep=pipe", "sep"),
        ("/exports/groups.xlsx?lang=", "lang"),
        ("/exports/local-authorities.csv", "year"),
        ("/exports/local-authorities.csv?year=deux-mille", "year"),
        ("/exports/local-authorities.json?year=1200", "year"),
        ("/exports/local-authorities.xlsx?year=2024&lang=es", "lang"),
    ],
)
def test_bad_format_parameters(client: TestClient, index: Session, url: str, field: str) -> None:
    body = error_of(client, url, 422)
    fields = body["fields"]
    assert isinstance(fields, list)
    assert [f["field"].split(".")[-1] for f in fields] == [field]


@pytest.mark.parametrize(
    "url",
    [
        "/exports/networks.csv",
        "/exports/actors.pdf",
        "/exports/local-authorities.pdf?year=2024",
        "/exports/actors.iati.xml",
    ],
)
def test_unknown_exports(client: TestClient, index: Session, url: str) -> None:
    error_of(client, url, 404)


def test_an_empty_iati_selection(client: TestClient, index: Session) -> None:
    body = error_of(client, "/exports/actions.iati.xml?country=JP", 404)
    assert body["code"] == "no_activities"


def test_the_index_page(client: TestClient, index: Session) -> None:
    data = client.get("/exports").json()
    assert data["iati"] == "/exports/actions.iati.xml"
    assert data["tables"]["groups"] == {
        "csv": "/exports/groups.csv",
        "xlsx": "/exports/groups.xlsx",
    }
    page = client.get("/exports?format=html")
    assert page.status_code == 200
    assert '<label for="export-year">' in page.text
