"""Every rule on working groups refuses a bad input, names the field, and writes nothing."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.helpers import assert_field_error, count, create, error_of
from tests.factories import actor_payload, group_payload

GROUPS = "/api/groups"
MISSING = str(uuid.UUID(int=1))

RULES = [
    pytest.param({"country": None}, "country", "required", id="country-group-without-country"),
    pytest.param(
        {"members": [{"actor_id": MISSING}]},
        "members[0].actor_id",
        "unknown_actor",
        id="member-missing-actor",
    ),
    pytest.param({"kind": "club"}, "kind", "unknown_code", id="unknown-kind"),
    pytest.param({"country": "ZZ"}, "country", "unknown_code", id="unknown-country"),
    pytest.param(
        {"kind": "thematique", "country": None, "theme": "230"},
        "theme",
        "withdrawn_code",
        id="withdrawn-theme",
    ),
    pytest.param(
        {"kind": "thematique", "country": None, "theme": "99999"},
        "theme",
        "unknown_code",
        id="unknown-theme",
    ),
    pytest.param({"name": "x" * 301}, "name", "string_too_long", id="name-too-long"),
    pytest.param({"colour": "blue"}, "colour", "extra_forbidden", id="unknown-field"),
    pytest.param(
        {"members": [{"actor_id": "not-a-uuid"}]},
        "members[0].actor_id",
        "uuid_parsing",
        id="member-bad-uuid",
    ),
]


@pytest.mark.parametrize(("overrides", "field", "code"), RULES)
def test_rule_refuses_new_group(
    client: TestClient,
    editor: dict[str, str],
    overrides: dict[str, Any],
    field: str,
    code: str,
) -> None:
    before = count(client, GROUPS)
    response = client.post(GROUPS, json=group_payload(**overrides), headers=editor)
    assert_field_error(response, 422, field, code)
    error_of(response, 422, "validation_error")
    assert count(client, GROUPS) == before


def test_theme_group_needs_no_country(client: TestClient, editor: dict[str, str]) -> None:
    group = create(
        client, GROUPS, group_payload(kind="thematique", country=None, theme="140"), editor
    )
    assert (group["country"], group["theme"]) == (None, "140")


def test_duplicate_member_is_refused(client: TestClient, editor: dict[str, str]) -> None:
    actor = create(client, "/api/actors", actor_payload(), editor)
    members = [{"actor_id": actor["id"]}, {"actor_id": actor["id"], "role": "referent"}]
    response = client.post(GROUPS, json=group_payload(members=members), headers=editor)
    assert_field_error(response, 422, "members[1].actor_id", "duplicate")
    assert count(client, GROUPS) == 0


def test_unknown_member_role_is_refused(client: TestClient, editor: dict[str, str]) -> None:
    actor = create(client, "/api/actors", actor_payload(), editor)
    members = [{"actor_id": actor["id"], "role": "president"}]
    response = client.post(GROUPS, json=group_payload(members=members), headers=editor)
    assert_field_error(response, 422, "members[0].role", "unknown_code")
    assert count(client, GROUPS) == 0


def test_duplicate_external_id_is_a_conflict(client: TestClient, editor: dict[str, str]) -> None:
    create(client, GROUPS, group_payload(external_id="GRP-SAME"), editor)
    response = client.post(GROUPS, json=group_payload(external_id="GRP-SAME"), headers=editor)
    error_of(response, 409, "conflict")
    assert_field_error(response, 409, "external_id", "duplicate_identifier")
    assert count(client, GROUPS) == 1


@pytest.mark.parametrize(
    ("patch", "field", "code"),
    [
        pytest.param({"country": None}, "country", "required", id="drop-country"),
        pytest.param(
            {"members": [{"actor_id": MISSING}]},
            "members[0].actor_id",
            "unknown_actor",
            id="missing-member",
        ),
        pytest.param({"name": None}, "name", "string_type", id="null-name"),
        pytest.param({"members": None}, "members", "list_type", id="null-members"),
    ],
)
def test_rule_refuses_patch_and_keeps_the_group(
    client: TestClient,
    editor: dict[str, str],
    patch: dict[str, Any],
    field: str,
    code: str,
) -> None:
    group = create(client, GROUPS, group_payload(), editor)
    response = client.patch(f"{GROUPS}/{group['id']}", json=patch, headers=editor)
    assert_field_error(response, 422, field, code)
    assert client.get(f"{GROUPS}/{group['id']}").json() == group
