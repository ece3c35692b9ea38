"""Create, read, change and delete actors, actions and groups: what every kind of record shares."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from tests.api.helpers import JSON, create, error_of
from tests.factories import action_payload, actor_payload, group_payload

STAMPS = {"modified", "version"}


@dataclass(frozen=True)
class Kind:
    path: str
    payload: Callable[..., JSON]
    change: JSON  # a PATCH that changes one field
    unchanged: JSON  # a PATCH sending a stored value again, spelled otherwise

    def url(self, record: JSON) -> str:
        return f"{self.path}/{record['id']}"


KINDS = {
    "actors": Kind("/api/actors", actor_payload, {"city": "Dijon"}, {"countries": ["bf"]}),
    "actions": Kind(
        "/api/actions",
        action_payload,
        {"description": "Nouvelle description"},
        {"countries": [{"code": "bf", "percentage": 100}]},
    ),
    "groups": Kind("/api/groups", group_payload, {"description": "GT eau"}, {"country": "bf"}),
}
NEVER = "00000000-0000-4000-8000-000000000000"


@pytest.fixture(params=list(KINDS))
def kind(request: pytest.FixtureRequest) -> Kind:
    return KINDS[request.param]


def at(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)


def test_create_answers_the_stored_record(
    client: TestClient, editor: dict[str, str], kind: Kind
) -> None:
    payload = kind.payload()
    record = create(client, kind.path, payload, editor)
    uuid.UUID(record["id"])
    assert record["iri"] == f"https://node.test{kind.url(record).removeprefix('/api')}"
    assert record["version"] == 1
    assert record["created"] == record["modified"]
    assert at(record["created"]).utcoffset() is not None
    for name in ("external_id", "name", "title", "kind", "description"):
        if name in payload:
            assert record[name] == payload[name]


def test_read_answers_what_create_answered(
    client: TestClient, editor: dict[str, str], kind: Kind
) -> None:
    record = create(client, kind.path, kind.payload(), editor)
    response = client.get(kind.url(record))
    assert response.status_code == 200, response.text
    assert response.json() == record


def test_patch_changes_only_the_fields_sent(
    client: TestClient, editor: dict[str, str], kind: Kind
) -> None:
    before = create(client, kind.path, kind.payload(), editor)
    response = client.patch(kind.url(before), json=kind.change, headers=editor)
    assert response.status_code == 200, response.text
    after = response.json()
    changed = {name for name in before if before[name] != after[name]}
    assert changed == set(kind.change) | STAMPS
    assert after["version"] == before["version"] + 1
    assert at(after["modified"]) > at(before["modified"])
    assert after["created"] == before["created"]
    assert client.get(kind.url(before)).json() == after


def test_each_change_bumps_the_version(
    client: TestClient, editor: dict[str, str], kind: Kind
) -> None:
    record = create(client, kind.path, kind.payload(), editor)
    for n, text in enumerate(["un", "deux", "trois"], start=2):
        response = client.patch(kind.url(record), json={"description": text}, headers=editor)
        assert response.json()["version"] == n


def test_patch_null_clears_an_optional_field(
    client: TestClient, editor: dict[str, str], kind: Kind
) -> None:
    record = create(client, kind.path, kind.payload(external_id="X-1"), editor)
    response = client.patch(kind.url(record), json={"external_id": None}, headers=editor)
    assert response.status_code == 200, response.text
    assert response.json()["external_id"] is None


@pytest.mark.parametrize(
    "patch", [pytest.param({}, id="empty"), pytest.param({"external_id": "X-1"}, id="same-value")]
)
def test_patch_that_changes_nothing_keeps_the_version(
    client: TestClient, editor: dict[str, str], kind: Kind, patch: JSON
) -> None:
    before = create(client, kind.path, kind.payload(external_id="X-1"), editor)
    response = client.patch(kind.url(before), json=patch, headers=editor)
    assert response.status_code == 200, response.text
    assert response.json() == before


@pytest.mark.parametrize("name", ["actors", "actions", "groups"])
def test_patch_with_a_value_spelled_otherwise_keeps_the_version(
    client: TestClient, editor: dict[str, str], name: str
) -> None:
    kind = KINDS[name]
    before = create(client, kind.path, kind.payload(), editor)
    response = client.patch(kind.url(before), json=kind.unchanged, headers=editor)
    assert response.status_code == 200, response.text
    assert response.json() == before


def test_actor_patch_with_the_same_siren_spaced_keeps_the_version(
    client: TestClient, editor: dict[str, str]
) -> None:
    before = create(client, "/api/actors", actor_payload(siren="732829320"), editor)
    response = client.patch(
        f"/api/actors/{before['id']}", json={"siren": "732 829 320"}, headers=editor
    )
    assert response.json() == before


def test_deleted_record_is_gone(client: TestClient, editor: dict[str, str], kind: Kind) -> None:
    record = create(client, kind.path, kind.payload(), editor)
    response = client.delete(kind.url(record), headers=editor)
    assert response.status_code == 204, response.text
    assert response.content == b""
    error_of(client.get(kind.url(record)), 410, "gone")
    assert client.get(kind.path).json()["count"] == 0


def test_deleted_record_cannot_be_changed_or_deleted_again(
    client: TestClient, editor: dict[str, str], kind: Kind
) -> None:
    record = create(client, kind.path, kind.payload(), editor)
    client.delete(kind.url(record), headers=editor)
    error_of(client.patch(kind.url(record), json=kind.change, headers=editor), 410, "gone")
    error_of(client.delete(kind.url(record), headers=editor), 410, "gone")


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_never_existing_record_is_not_found(
    client: TestClient, editor: dict[str, str], kind: Kind, method: str
) -> None:
    body = kind.change if method == "PATCH" else None
    response = client.request(method, f"{kind.path}/{NEVER}", json=body, headers=editor)
    error_of(response, 404, "not_found")


def referring_action(actor_id: str) -> JSON:
    return action_payload(participants=[{"actor_id": actor_id, "role": "2"}])


def funded_action(actor_id: str) -> JSON:
    funding = {"funder_id": actor_id, "amount": "100", "year": 2024}
    return action_payload(fundings=[funding])


def group_with(actor_id: str) -> JSON:
    return group_payload(members=[{"actor_id": actor_id}])


@pytest.mark.parametrize(
    ("path", "referrer"),
    [
        pytest.param("/api/actions", referring_action, id="participant"),
        pytest.param("/api/actions", funded_action, id="funder"),
        pytest.param("/api/groups", group_with, id="group-member"),
    ],
)
def test_actor_still_referenced_cannot_be_deleted(
    client: TestClient,
    editor: dict[str, str],
    path: str,
    referrer: Callable[[str], JSON],
) -> None:
    actor = create(client, "/api/actors", actor_payload(), editor)
    record = create(client, path, referrer(actor["id"]), editor)
    error = error_of(
        client.delete(f"/api/actors/{actor['id']}", headers=editor), 409, "still_referenced"
    )
    assert record["id"] in error["message_en"]
    assert client.get(f"/api/actors/{actor['id']}").json() == actor


def test_actor_can_be_deleted_once_no_longer_referenced(
    client: TestClient, editor: dict[str, str]
) -> None:
    actor = create(client, "/api/actors", actor_payload(), editor)
    action = create(client, "/api/actions", referring_action(actor["id"]), editor)
    client.delete(f"/api/actions/{action['id']}", headers=editor)
    assert client.delete(f"/api/actors/{actor['id']}", headers=editor).status_code == 204


def test_action_gives_back_its_lists(client: TestClient, editor: dict[str, str]) -> None:
    actor = create(client, "/api/actors", actor_payload(), editor)
    payload = action_payload(
        participants=[
            {"actor_id": actor["id"], "role": "2"},
            {"name": "Mairie de Ouahigouya", "country": "bf", "role": "4"},
        ]
    )
    action = create(client, "/api/actions", payload, editor)
    assert action["participants"] == [
        {
            "actor_id": actor["id"],
            "name": None,
            "country": None,
            "organisation_type": None,
            "role": "2",
        },
        {
            "actor_id": None,
            "name": "Mairie de Ouahigouya",
            "country": "BF",
            "organisation_type": None,
            "role": "4",
        },
    ]
    assert action["fundings"] == [
        {
            "funder_id": None,
            "funder_name": "Région BFC",
            "amount": "10000.50",
            "currency": "EUR",
            "year": 2024,
            "status": "committed",
        }
    ]
    assert action["localities"] == payload["localities"]
    assert action["sdgs"] == payload["sdgs"]
    # Sets of codes come back in code order (one canonical form for the API and the RDF).
    assert action["sectors"] == [
        {"code": "12220", "percentage": 40.0},
        {"code": "14030", "percentage": 60.0},
    ]


def test_patching_a_list_replaces_it(client: TestClient, editor: dict[str, str]) -> None:
    action = create(client, "/api/actions", action_payload(), editor)
    response = client.patch(
        f"/api/actions/{action['id']}", json={"fundings": [], "sdgs": ["4"]}, headers=editor
    )
    assert response.status_code == 200, response.text
    assert (response.json()["fundings"], response.json()["sdgs"]) == ([], ["4"])
    assert response.json()["participants"] == action["participants"]
