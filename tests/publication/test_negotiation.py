"""Records at their IRIs: every format, 406, ?format= and extensions, Vary, ETag,
Last-Modified, 304 and 410."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.helpers import create
from tests.factories import action_payload, actor_payload, group_payload

TYPES = {
    "text/html": "text/html",
    "text/turtle": "text/turtle",
    "application/ld+json": "application/ld+json",
    "application/n-triples": "application/n-triples",
    "application/rdf+xml": "application/rdf+xml",
}


@pytest.fixture
def records(client: TestClient, editor: dict[str, str]) -> dict[str, str]:
    actor = create(client, "/api/actors", actor_payload(), editor)
    action = create(
        client,
        "/api/actions",
        action_payload(participants=[{"actor_id": actor["id"], "role": "2"}]),
        editor,
    )
    group = create(
        client,
        "/api/groups",
        group_payload(members=[{"actor_id": actor["id"], "role": "animateur"}]),
        editor,
    )
    return {"actors": actor["id"], "actions": action["id"], "groups": group["id"]}


@pytest.mark.parametrize("kind", ["actors", "actions", "groups"])
@pytest.mark.parametrize("accept", list(TYPES))
def test_each_type_by_accept(
    client: TestClient, records: dict[str, str], kind: str, accept: str
) -> None:
    response = client.get(f"/{kind}/{records[kind]}", headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(TYPES[accept])
    assert response.headers["vary"] == "Accept"
    assert response.headers["etag"]
    assert response.headers["last-modified"].endswith("GMT")


@pytest.mark.parametrize(
    ("suffix", "media"),
    [
        (".ttl", "text/turtle"),
        (".jsonld", "application/ld+json"),
        (".nt", "application/n-triples"),
        (".rdf", "application/rdf+xml"),
        (".html", "text/html"),
        ("?format=turtle", "text/turtle"),
        ("?format=jsonld", "application/ld+json"),
        ("?format=nt", "application/n-triples"),
    ],
)
def test_override_for_browsers(
    client: TestClient, records: dict[str, str], suffix: str, media: str
) -> None:
    response = client.get(f"/actors/{records['actors']}{suffix}", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)


def test_quality_values_are_honoured(client: TestClient, records: dict[str, str]) -> None:
    accept = "text/html;q=0.5, text/turtle;q=0.9, application/ld+json;q=0.1"
    response = client.get(f"/actions/{records['actions']}", headers={"Accept": accept})
    assert response.headers["content-type"].startswith("text/turtle")


def test_browser_gets_html_and_json_clients_get_jsonld(
    client: TestClient, records: dict[str, str]
) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert (
        client.get(f"/actors/{records['actors']}", headers={"Accept": browser})
        .headers["content-type"]
        .startswith("text/html")
    )
    assert (
        client.get(f"/actors/{records['actors']}", headers={"Accept": "application/json"})
        .headers["content-type"]
        .startswith("application/ld+json")
    )


def test_unacceptable_type_lists_the_offered_ones(
    client: TestClient, records: dict[str, str]
) -> None:
    response = client.get(f"/actors/{records['actors']}", headers={"Accept": "image/png"})
    assert response.status_code == 406
    message = response.json()["error"]["message_en"]
    for media in TYPES:
        assert media in message


def test_unknown_extension_is_404(client: TestClient, records: dict[str, str]) -> None:
    assert client.get(f"/actors/{records['actors']}.docx").status_code == 404


def test_conditional_requests(client: TestClient, records: dict[str, str]) -> None:
    url = f"/actors/{records['actors']}.ttl"
    first = client.get(url)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    other_format = client.get(f"/actors/{records['actors']}.nt", headers={"If-None-Match": etag})
    assert other_format.status_code == 200  # each representation has its own tag


def test_a_change_changes_the_etag(
    client: TestClient, records: dict[str, str], editor: dict[str, str]
) -> None:
    url = f"/actors/{records['actors']}.ttl"
    before = client.get(url).headers["etag"]
    client.patch(f"/api/actors/{records['actors']}", json={"acronym": "ASS"}, headers=editor)
    after = client.get(url, headers={"If-None-Match": before})
    assert after.status_code == 200
    assert "ASS" in after.text


def test_deleted_record_is_gone(
    client: TestClient, records: dict[str, str], editor: dict[str, str]
) -> None:
    url = f"/groups/{records['groups']}"
    assert client.delete(f"/api/groups/{records['groups']}", headers=editor).status_code == 204
    for accept in TYPES:
        assert client.get(url, headers={"Accept": accept}).status_code == 410


def test_unknown_record_is_404(client: TestClient) -> None:
    assert client.get("/actions/00000000-0000-4000-8000-000000000000.ttl").status_code == 404
    assert client.get("/actions/not-a-uuid").status_code == 404


def test_a_record_is_not_served_under_another_kind(
    client: TestClient, records: dict[str, str]
) -> None:
    assert client.get(f"/actions/{records['actors']}.ttl").status_code == 404
