"""Every rule on actions refuses a bad input, names the field at fault, and writes nothing."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.helpers import assert_field_error, count, create, error_of
from tests.factories import action_payload, actor_payload

ACTIONS = "/api/actions"
MISSING = str(uuid.UUID(int=1))


def funding(**overrides: Any) -> dict[str, Any]:
    return {"funder_name": "Région BFC", "amount": "1000", "currency": "EUR", "year": 2024} | (
        overrides
    )


RULES = [
    pytest.param({"kind": "safari"}, "kind", "unknown_code", id="unknown-kind"),
    pytest.param({"status": "9"}, "status", "unknown_code", id="unknown-status"),
    pytest.param(
        {"planned_start": "2025-01-01", "planned_end": "2024-12-31"},
        "planned_end",
        "end_before_start",
        id="planned-end-before-start",
    ),
    pytest.param(
        {"actual_start": "2024-06-01", "actual_end": "2024-05-31"},
        "actual_end",
        "end_before_start",
        id="actual-end-before-start",
    ),
    pytest.param(
        {"fundings": [funding(amount="-1")]},
        "fundings[0].amount",
        "greater_than_equal",
        id="negative-funding",
    ),
    pytest.param(
        {"budget": {"amount": "-0.01"}}, "budget.amount", "greater_than_equal", id="negative-budget"
    ),
    pytest.param(
        {"fundings": [funding(amount="dix mille")]},
        "fundings[0].amount",
        "decimal_parsing",
        id="non-numeric-amount",
    ),
    pytest.param(
        {"fundings": [funding(amount="10.555")]},
        "fundings[0].amount",
        "decimal_max_places",
        id="three-decimals-text",
    ),
    pytest.param(
        {"budget": {"amount": 10.555}},
        "budget.amount",
        "decimal_max_places",
        id="three-decimals-number",
    ),
    pytest.param(
        {"budget": {"amount": "NaN"}}, "budget.amount", "finite_number", id="not-a-number"
    ),
    pytest.param(
        {"fundings": [funding(currency="ZZZ")]},
        "fundings[0].currency",
        "unknown_code",
        id="unknown-funding-currency",
    ),
    pytest.param(
        {"budget": {"amount": "1", "currency": "ZZZ"}},
        "budget.currency",
        "unknown_code",
        id="unknown-budget-currency",
    ),
    pytest.param(
        {"fundings": [funding(currency="VEF")]},
        "fundings[0].currency",
        "withdrawn_code",
        id="withdrawn-currency",
    ),
    pytest.param(
        {"fundings": [funding(year=1900)]},
        "fundings[0].year",
        "greater_than_equal",
        id="year-too-early",
    ),
    pytest.param({"title": "x" * 301}, "title", "string_too_long", id="title-too-long"),
    pytest.param(
        {"description": "x" * 10_001}, "description", "string_too_long", id="description-too-long"
    ),
    pytest.param(
        {"countries": [{"code": "BF", "percentage": 60}, {"code": "ML", "percentage": 30}]},
        "countries",
        "percentage_sum",
        id="countries-sum-90",
    ),
    pytest.param(
        {"sectors": [{"code": "14030", "percentage": 70}, {"code": "12220", "percentage": 40}]},
        "sectors",
        "percentage_sum",
        id="sectors-sum-110",
    ),
    pytest.param(
        {"countries": [{"code": "BF", "percentage": 100}, {"code": "ML"}]},
        "countries",
        "percentage_missing",
        id="countries-share-for-some",
    ),
    pytest.param(
        {"sectors": [{"code": "14030"}, {"code": "12220", "percentage": 100}]},
        "sectors",
        "percentage_missing",
        id="sectors-share-for-some",
    ),
    pytest.param(
        {"countries": [{"code": "BF", "percentage": 0}]},
        "countries[0].percentage",
        "greater_than",
        id="zero-share",
    ),
    pytest.param(
        {"countries": [{"code": "ZZ"}]}, "countries[0].code", "unknown_code", id="unknown-country"
    ),
    pytest.param(
        {"sectors": [{"code": "15161"}]}, "sectors[0].code", "withdrawn_code", id="withdrawn-sector"
    ),
    pytest.param(
        {"sectors": [{"code": "230"}]}, "sectors[0].code", "withdrawn_code", id="withdrawn-category"
    ),
    pytest.param({"sdgs": ["6.z"]}, "sdgs[0]", "unknown_code", id="unknown-sdg-target"),
    pytest.param(
        {"participants": [{"actor_id": MISSING, "role": "2"}]},
        "participants[0].actor_id",
        "unknown_actor",
        id="participant-missing-actor",
    ),
    pytest.param(
        {"participants": [{"actor_id": MISSING, "name": "Mairie", "role": "4"}]},
        "participants[0]",
        "actor_or_name",
        id="participant-actor-and-name",
    ),
    pytest.param(
        {"participants": [{"role": "4"}]},
        "participants[0]",
        "actor_or_name",
        id="participant-neither",
    ),
    pytest.param(
        {"participants": [{"name": "Mairie", "role": "9"}]},
        "participants[0].role",
        "unknown_code",
        id="participant-unknown-role",
    ),
    pytest.param(
        {"fundings": [funding(funder_name=None, funder_id=MISSING)]},
        "fundings[0].funder_id",
        "unknown_actor",
        id="funding-missing-funder",
    ),
    pytest.param(
        {"fundings": [funding(funder_name=None)]},
        "fundings[0]",
        "funder_missing",
        id="funding-without-funder",
    ),
    pytest.param({"colour": "blue"}, "colour", "extra_forbidden", id="unknown-field"),
    pytest.param(
        {"participants": [{"name": "Mairie", "role": "4", "email": "m@x.bf"}]},
        "participants[0].email",
        "extra_forbidden",
        id="unknown-nested-field",
    ),
]


@pytest.mark.parametrize(("overrides", "field", "code"), RULES)
def test_rule_refuses_new_action(
    client: TestClient,
    editor: dict[str, str],
    overrides: dict[str, Any],
    field: str,
    code: str,
) -> None:
    before = count(client, ACTIONS)
    response = client.post(ACTIONS, json=action_payload(**overrides), headers=editor)
    assert_field_error(response, 422, field, code)
    error_of(response, 422, "validation_error")
    assert count(client, ACTIONS) == before


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"planned_start": "2024-01-01", "planned_end": "2024-01-01"}, id="same-day"),
        pytest.param({"planned_start": None, "planned_end": "2024-01-01"}, id="end-only"),
        pytest.param({"budget": {"amount": "0"}}, id="zero-budget"),
        pytest.param({"budget": {"amount": 12.5, "currency": "xof"}}, id="number-lower-currency"),
        pytest.param(
            {
                "countries": [
                    {"code": "BF", "percentage": 33.33},
                    {"code": "ML", "percentage": 33.33},
                    {"code": "NE", "percentage": 33.34},
                ]
            },
            id="thirds",
        ),
        pytest.param({"sectors": [{"code": "140"}]}, id="sector-category"),
        pytest.param({"countries": [], "sectors": [], "participants": []}, id="empty-lists"),
    ],
)
def test_edge_values_are_accepted(
    client: TestClient, editor: dict[str, str], overrides: dict[str, Any]
) -> None:
    create(client, ACTIONS, action_payload(**overrides), editor)


def test_amounts_are_exact(client: TestClient, editor: dict[str, str]) -> None:
    action = create(
        client,
        ACTIONS,
        action_payload(
            budget={"amount": "0.29", "currency": "xof"},
            fundings=[funding(amount="1234567890123.45")],
        ),
        editor,
    )
    assert action["budget"] == {"amount": "0.29", "currency": "XOF"}
    assert action["fundings"][0]["amount"] == "1234567890123.45"


def test_participant_and_funder_from_the_directory(
    client: TestClient, editor: dict[str, str]
) -> None:
    actor = create(client, "/api/actors", actor_payload(), editor)
    action = create(
        client,
        ACTIONS,
        action_payload(
            participants=[{"actor_id": actor["id"], "role": "2"}],
            fundings=[funding(funder_name=None, funder_id=actor["id"])],
        ),
        editor,
    )
    assert action["participants"][0]["actor_id"] == actor["id"]
    assert action["fundings"][0]["funder_id"] == actor["id"]


def test_duplicate_external_id_is_a_conflict(client: TestClient, editor: dict[str, str]) -> None:
    create(client, ACTIONS, action_payload(external_id="PRJ-SAME"), editor)
    response = client.post(ACTIONS, json=action_payload(external_id="PRJ-SAME"), headers=editor)
    error_of(response, 409, "conflict")
    assert_field_error(response, 409, "external_id", "duplicate_identifier")
    assert count(client, ACTIONS) == 1


def test_patch_onto_another_external_id_is_a_conflict(
    client: TestClient, editor: dict[str, str]
) -> None:
    create(client, ACTIONS, action_payload(external_id="PRJ-SAME"), editor)
    other = create(client, ACTIONS, action_payload(), editor)
    response = client.patch(
        f"{ACTIONS}/{other['id']}", json={"external_id": "PRJ-SAME"}, headers=editor
    )
    assert_field_error(response, 409, "external_id", "duplicate_identifier")
    assert client.get(f"{ACTIONS}/{other['id']}").json() == other


@pytest.mark.parametrize(
    ("patch", "field", "code"),
    [
        pytest.param(
            {"planned_end": "2023-12-31"}, "planned_end", "end_before_start", id="end-before-start"
        ),
        pytest.param(
            {"participants": [{"actor_id": MISSING, "role": "2"}]},
            "participants[0].actor_id",
            "unknown_actor",
            id="missing-actor",
        ),
        pytest.param({"title": None}, "title", "string_type", id="null-title"),
        pytest.param({"kind": None}, "kind", "string_type", id="null-kind"),
        pytest.param({"participants": None}, "participants", "list_type", id="null-list"),
    ],
)
def test_rule_refuses_patch_and_keeps_the_action(
    client: TestClient,
    editor: dict[str, str],
    patch: dict[str, Any],
    field: str,
    code: str,
) -> None:
    action = create(client, ACTIONS, action_payload(), editor)
    response = client.patch(f"{ACTIONS}/{action['id']}", json=patch, headers=editor)
    assert_field_error(response, 422, field, code)
    assert client.get(f"{ACTIONS}/{action['id']}").json() == action
