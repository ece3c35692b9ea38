"""Every rule on actors refuses a bad input, names the field at fault, and writes nothing."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import Session, col

from federation.actors.models import ActorCode
from tests.api.helpers import assert_field_error, count, create, error_of
from tests.factories import actor_payload, unique_siren

ACTORS = "/api/actors"
SIRET = "73282932000074"  # a real SIRET, of SIREN 732829320
LA_POSTE_SIRET = "35600000049837"  # La Poste: its own check rule, not Luhn
WITHDRAWN_SECTOR = "15161"  # "Elections", owl:deprecated in schemas/concepts/sector.ttl

RULES = [
    pytest.param({"siren": "732829321"}, "siren", "invalid_checksum", id="siren-check-digit"),
    pytest.param({"siren": "73282932"}, "siren", "invalid_format", id="siren-8-digits"),
    pytest.param({"siren": "ABCDEFGHI"}, "siren", "invalid_format", id="siren-letters"),
    pytest.param(
        {"siren": None, "siret": "73282932000075"}, "siret", "invalid_checksum", id="siret-check"
    ),
    pytest.param({"siret": "7328293200007"}, "siret", "invalid_format", id="siret-13-digits"),
    pytest.param({"rna": "W12345678"}, "rna", "invalid_format", id="rna-w-and-8"),
    pytest.param({"rna": "X123456789"}, "rna", "invalid_format", id="rna-no-w"),
    pytest.param({"rna": "W1234567890"}, "rna", "invalid_format", id="rna-w-and-10"),
    pytest.param({"uai": "0251234G"}, "uai", "invalid_checksum", id="uai-key-letter"),
    pytest.param({"uai": "02512345"}, "uai", "invalid_format", id="uai-no-letter"),
    pytest.param({"finess": "250000016"}, "finess", "invalid_checksum", id="finess-check"),
    pytest.param({"finess": "000000000"}, "finess", "invalid_format", id="finess-format"),
    pytest.param({"insee_code": "7510"}, "insee_code", "invalid_format", id="insee-4-chars"),
    pytest.param({"insee_code": "ABCDE"}, "insee_code", "invalid_format", id="insee-letters"),
    pytest.param({"insee_code": "25000"}, "insee_code", "invalid_format", id="insee-postcode"),
    pytest.param({"actor_type": "ong"}, "actor_type", "unknown_code", id="unknown-type"),
    pytest.param({"countries": ["ZZ"]}, "countries[0]", "unknown_code", id="unknown-country"),
    pytest.param({"countries": ["AN"]}, "countries[0]", "withdrawn_code", id="withdrawn-country"),
    pytest.param({"countries": ["BF", "bf"]}, "countries[1]", "duplicate", id="duplicate-country"),
    pytest.param({"sectors": ["99999"]}, "sectors[0]", "unknown_code", id="unknown-sector"),
    pytest.param(
        {"sectors": ["14030", WITHDRAWN_SECTOR]},
        "sectors[1]",
        "withdrawn_code",
        id="withdrawn-sector",
    ),
    pytest.param({"sectors": ["230"]}, "sectors[0]", "withdrawn_code", id="withdrawn-category"),
    pytest.param({"sdgs": ["18"]}, "sdgs[0]", "unknown_code", id="unknown-sdg"),
    pytest.param(
        {"contact_name": "Awa Ouédraogo"}, "contact_name", "consent_required", id="no-consent"
    ),
    pytest.param({"colour": "blue"}, "colour", "extra_forbidden", id="unknown-field"),
    pytest.param({"name": "x" * 301}, "name", "string_too_long", id="name-too-long"),
    pytest.param({"name": "   "}, "name", "string_too_short", id="name-blank"),
    pytest.param(
        {"description": "x" * 10_001}, "description", "string_too_long", id="description-too-long"
    ),
    pytest.param({"postal_code": "2500"}, "postal_code", "string_pattern_mismatch", id="postcode"),
    pytest.param({"email": "contact"}, "email", "string_pattern_mismatch", id="email"),
    pytest.param({"website": "www.x.fr"}, "website", "string_pattern_mismatch", id="website"),
    pytest.param({"name": "Asso\u0000ciation"}, "name", "string_nul", id="name-nul-char"),
]


@pytest.mark.parametrize(("overrides", "field", "code"), RULES)
def test_rule_refuses_new_actor(
    client: TestClient,
    editor: dict[str, str],
    overrides: dict[str, Any],
    field: str,
    code: str,
) -> None:
    before = count(client, ACTORS)
    response = client.post(ACTORS, json=actor_payload(**overrides), headers=editor)
    assert_field_error(response, 422, field, code)
    error_of(response, 422, "validation_error")
    assert count(client, ACTORS) == before


def test_siret_of_another_siren_is_refused(client: TestClient, editor: dict[str, str]) -> None:
    response = client.post(
        ACTORS, json=actor_payload(siren=unique_siren(), siret=SIRET), headers=editor
    )
    assert_field_error(response, 422, "siret", "siret_siren_mismatch")
    assert count(client, ACTORS) == 0


def test_siret_alone_gives_its_siren(client: TestClient, editor: dict[str, str]) -> None:
    actor = create(client, ACTORS, actor_payload(siren=None, siret=SIRET), editor)
    assert actor["siren"] == SIRET[:9]


def test_la_poste_siret_is_accepted(client: TestClient, editor: dict[str, str]) -> None:
    actor = create(client, ACTORS, actor_payload(siren=None, siret=LA_POSTE_SIRET), editor)
    assert (actor["siret"], actor["siren"]) == (LA_POSTE_SIRET, "356000000")


def test_identifiers_are_normalised(client: TestClient, editor: dict[str, str]) -> None:
    actor = create(
        client,
        ACTORS,
        actor_payload(siren="732 829 320", rna="w751234567", uai="0251234f", countries=["bf"]),
        editor,
    )
    assert (actor["siren"], actor["rna"], actor["uai"]) == ("732829320", "W751234567", "0251234F")
    assert actor["countries"] == ["BF"]


def test_contact_name_with_consent_is_kept(client: TestClient, editor: dict[str, str]) -> None:
    actor = create(
        client, ACTORS, actor_payload(contact_name="Awa Ouédraogo", contact_consent=True), editor
    )
    assert actor["contact_name"] == "Awa Ouédraogo"


def test_every_fault_is_named_at_once(client: TestClient, editor: dict[str, str]) -> None:
    payload = actor_payload(siren="732829321", actor_type="ong", countries=["ZZ"])
    response = client.post(ACTORS, json=payload, headers=editor)
    for field, code in [
        ("siren", "invalid_checksum"),
        ("actor_type", "unknown_code"),
        ("countries[0]", "unknown_code"),
    ]:
        assert_field_error(response, 422, field, code)


@pytest.mark.parametrize(
    ("column", "first", "second"),
    [
        pytest.param("siren", "732829320", "732829320", id="siren"),
        pytest.param("siren", "732829320", "732 829 320", id="siren-spelled-otherwise"),
        pytest.param("rna", "W751234567", "W751234567", id="rna"),
        pytest.param("external_id", "ACT-SAME", "ACT-SAME", id="external-id"),
    ],
)
def test_duplicate_identifier_is_a_conflict(
    client: TestClient, editor: dict[str, str], column: str, first: str, second: str
) -> None:
    create(client, ACTORS, actor_payload(**{column: first}), editor)
    response = client.post(ACTORS, json=actor_payload(**{column: second}), headers=editor)
    error_of(response, 409, "conflict")
    assert_field_error(response, 409, column, "duplicate_identifier")
    assert count(client, ACTORS) == 1


def test_siret_of_a_known_siren_is_a_conflict(client: TestClient, editor: dict[str, str]) -> None:
    create(client, ACTORS, actor_payload(siren=SIRET[:9]), editor)
    response = client.post(ACTORS, json=actor_payload(siren=None, siret=SIRET), headers=editor)
    assert_field_error(response, 409, "siren", "duplicate_identifier")
    assert count(client, ACTORS) == 1


@pytest.mark.parametrize(
    ("patch", "field", "code"),
    [
        pytest.param({"siren": "732829321"}, "siren", "invalid_checksum", id="bad-siren"),
        pytest.param({"actor_type": "ong"}, "actor_type", "unknown_code", id="unknown-type"),
        pytest.param({"sectors": [WITHDRAWN_SECTOR]}, "sectors[0]", "withdrawn_code", id="old"),
        pytest.param({"contact_name": "Awa"}, "contact_name", "consent_required", id="consent"),
        pytest.param({"name": None}, "name", "string_type", id="null-name"),
        pytest.param({"actor_type": None}, "actor_type", "string_type", id="null-type"),
        pytest.param({"countries": None}, "countries", "list_type", id="null-list"),
        pytest.param({"colour": "blue"}, "colour", "extra_forbidden", id="unknown-field"),
    ],
)
def test_rule_refuses_patch_and_keeps_the_record(
    client: TestClient,
    editor: dict[str, str],
    patch: dict[str, Any],
    field: str,
    code: str,
) -> None:
    actor = create(client, ACTORS, actor_payload(), editor)
    response = client.patch(f"{ACTORS}/{actor['id']}", json=patch, headers=editor)
    assert_field_error(response, 422, field, code)
    assert client.get(f"{ACTORS}/{actor['id']}").json() == actor


def test_patch_onto_another_actors_siren_is_a_conflict(
    client: TestClient, editor: dict[str, str]
) -> None:
    first = create(client, ACTORS, actor_payload(), editor)
    second = create(client, ACTORS, actor_payload(), editor)
    response = client.patch(
        f"{ACTORS}/{second['id']}", json={"siren": first["siren"]}, headers=editor
    )
    assert_field_error(response, 409, "siren", "duplicate_identifier")
    assert client.get(f"{ACTORS}/{second['id']}").json() == second


def test_withdrawn_code_stays_on_an_old_record(
    client: TestClient, editor: dict[str, str], session: Session
) -> None:
    """A code withdrawn after the record got it does not block editing the record."""
    actor = create(client, ACTORS, actor_payload(sectors=["14030"]), editor)
    session.execute(
        update(ActorCode)
        .where(col(ActorCode.actor_id) == uuid.UUID(actor["id"]))
        .where(col(ActorCode.scheme) == "sector")
        .values(code=WITHDRAWN_SECTOR)
    )
    session.commit()
    response = client.patch(f"{ACTORS}/{actor['id']}", json={"city": "Dijon"}, headers=editor)
    assert response.status_code == 200, response.text
    assert response.json()["sectors"] == [WITHDRAWN_SECTOR]
