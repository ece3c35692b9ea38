"""The same-actor pages and API: JSON and HTML from the same data, decisions by an admin only,
and a clear 4xx for every bad input."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.clusters.conftest import RNA, SIREN, SIRET_OF_SIREN, Federation

HTML = {"Accept": "text/html"}
DECISIONS = "/api/same-actor/decisions"


@pytest.fixture
def kasso(federation: Federation) -> tuple[str, str, str]:
    """One actor known to three networks (SIREN, its SIRET), disagreeing on name and address;
    and a fourth record that may be the same (close name, no identifier)."""
    own = federation.publish(
        "own",
        "a",
        "Association Kasso",
        identifiers={"siren": SIREN},
        address={"street": "3 rue Battant", "postal_code": "25000", "city": "Besançon"},
    )
    occ = federation.publish(
        "occ",
        "x",
        "Kasso Développement",
        identifiers={"siret": SIRET_OF_SIREN, "rna": "W12"},
        actor_type="osim",
        address={"street": "3, rue Battant", "postal_code": "25000", "city": "Besançon"},
    )
    bzh = federation.publish("bzh", "y", "ASSOCIATION  KASSO", identifiers={"siren": SIREN})
    federation.publish("bzh", "z", "Kasso Developpement", identifiers={"rna": RNA})
    return own, occ, bzh


def error_fields(response_json: dict[str, object]) -> list[str]:
    error = response_json["error"]
    assert isinstance(error, dict)
    assert error["message"]
    assert error["message_en"]
    return [field["field"] for field in error["fields"]]


def test_cluster_lists_every_network_and_who_says_what(
    client: TestClient, kasso: tuple[str, str, str]
) -> None:
    own, occ, bzh = kasso
    response = client.get("/same-actor", params={"iri": occ})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["iri"] == occ
    assert body["networks"] == 3
    records = {r["iri"]: r for r in body["records"]}
    assert set(records) == {own, occ, bzh}
    assert records[own]["network"] == {
        "node_id": "test",
        "name": "Réseau de test",
        "region": "Bourgogne-Franche-Comté",
        "own": True,
        "last_success_at": None,
    }
    assert records[occ]["network"]["name"] == "Occitanie Coopération"
    assert records[occ]["fetched_at"]
    assert records[occ]["modified"]
    assert records[occ]["invalid_identifiers"] == {
        "rna": records[occ]["invalid_identifiers"]["rna"]
    }
    assert [(link["scheme"], link["value"]) for link in body["links"]] == [("siren", SIREN)]
    assert sorted(body["links"][0]["records"]) == sorted([own, occ, bzh])
    disagreements = {d["field"]: d for d in body["disagreements"]}
    # Case and spacing are no disagreement; the names, the address and the type are.
    assert {(v["value"], tuple(v["networks"])) for v in disagreements["name"]["values"]} == {
        ("Association Kasso", ("Réseau de test", "Réseau Bretagne Solidaire")),
        ("Kasso Développement", ("Occitanie Coopération",)),
    }
    assert len(disagreements["address"]["values"]) == 2
    assert disagreements["address"]["not_given"] == [bzh]
    assert [v["value"] for v in disagreements["actor_type"]["values"]][1].endswith("(osim)")
    assert "identifiers.siren" not in disagreements  # one value given (the SIRET is another field)
    # The fourth record may be the same: offered, not merged.
    [suggestion] = body["suggestions"]
    assert {suggestion["a"]["name"], suggestion["b"]["name"]} == {
        "Kasso Développement",
        "Kasso Developpement",
    }


def test_cluster_page_in_html(client: TestClient, kasso: tuple[str, str, str]) -> None:
    own, occ, _ = kasso
    response = client.get("/same-actor", params={"iri": own}, headers=HTML)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    for text in ("Occitanie Coopération", "Réseau Bretagne Solidaire", "Kasso Développement"):
        assert text in page
    assert 'class="disagree"' in page
    assert '<th scope="row">Adresse' in page
    assert f'href="{occ}"' in page
    assert "Peut-être le même acteur" in page


def test_suggestions_in_json_and_html(client: TestClient, kasso: tuple[str, str, str]) -> None:
    body = client.get("/same-actor/suggestions").json()
    assert body["count"] == 1
    assert body["data"][0]["score"] >= 88
    page = client.get("/same-actor/suggestions", params={"format": "html"})
    assert page.status_code == 200
    assert "Kasso Developpement" in page.text
    assert '<th scope="col">Pourquoi' in page.text


def test_admin_confirms_then_the_cluster_holds_four(
    client: TestClient, federation: Federation, kasso: tuple[str, str, str], admin: dict[str, str]
) -> None:
    _, occ, _ = kasso
    other = federation.iri("bzh", "z")
    payload = {"iri_a": other, "iri_b": occ, "verdict": "same", "note": "même association"}
    response = client.post(DECISIONS, json=payload, headers=admin)
    assert response.status_code == 201, response.text
    saved = response.json()
    assert saved["iri_a"] == min(other, occ)
    assert saved["verdict"] == "same"
    assert saved["decided_by"] == "test-admin"
    assert len(saved["cluster_a"]) == 4
    assert saved["cluster_a"] == saved["cluster_b"]
    body = client.get("/same-actor", params={"iri": other}).json()
    assert body["networks"] == 3
    assert len(body["records"]) == 4
    assert [link["kind"] for link in body["links"]] == ["identifier", "decision"]
    assert body["suggestions"] == []
    assert client.get("/same-actor/suggestions").json()["count"] == 0
    listed = client.get(DECISIONS).json()
    assert listed["count"] == 1
    assert listed["data"][0]["note"] == "même association"


def test_decisions_need_an_admin(
    client: TestClient, kasso: tuple[str, str, str], editor: dict[str, str]
) -> None:
    own, occ, _ = kasso
    payload = {"iri_a": own, "iri_b": occ, "verdict": "same"}
    assert client.post(DECISIONS, json=payload).status_code == 401
    assert client.post(DECISIONS, json=payload, headers=editor).status_code == 403


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"iri_a": "{a}", "iri_b": "{a}", "verdict": "same"}, "iri_b"),
        ({"iri_a": "{a}", "iri_b": "{b}", "verdict": "maybe"}, "verdict"),
        ({"iri_a": "{a}", "iri_b": "{b}"}, "verdict"),
        ({"iri_a": "", "iri_b": "{b}", "verdict": "same"}, "iri_a"),
        ({"iri_a": "x" * 601, "iri_b": "{b}", "verdict": "same"}, "iri_a"),
        ({"iri_a": "{a}\x00", "iri_b": "{b}", "verdict": "same"}, "iri_a"),
        ({"iri_a": 7, "iri_b": "{b}", "verdict": "same"}, "iri_a"),
        ({"iri_a": "{a}", "iri_b": "{b}", "verdict": "same", "score": 3}, "score"),
        ({"iri_a": "{a}", "iri_b": "{b}", "verdict": "same", "note": "n" * 501}, "note"),
    ],
)
def test_bad_decisions_are_refused(
    client: TestClient,
    kasso: tuple[str, str, str],
    admin: dict[str, str],
    payload: dict[str, object],
    field: str,
) -> None:
    own, occ, _ = kasso
    filled = {
        key: value.format(a=own, b=occ) if isinstance(value, str) else value
        for key, value in payload.items()
    }
    response = client.post(DECISIONS, json=filled, headers=admin)
    assert response.status_code == 422, response.text
    assert any(name.endswith(field) for name in error_fields(response.json()))


def test_decision_on_unknown_or_non_actor_iris_is_404(
    client: TestClient, kasso: tuple[str, str, str], admin: dict[str, str]
) -> None:
    own, _, _ = kasso
    for unknown in ("https://nowhere.example.org/actors/1", "not even an IRI"):
        payload = {"iri_a": own, "iri_b": unknown, "verdict": "different"}
        response = client.post(DECISIONS, json=payload, headers=admin)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_invalid_json_and_rejecting_joined_actors(
    client: TestClient, kasso: tuple[str, str, str], admin: dict[str, str]
) -> None:
    own, occ, _ = kasso
    broken = client.post(
        DECISIONS, content=b"{not json", headers={**admin, "Content-Type": "application/json"}
    )
    assert broken.status_code == 400
    payload = {"iri_a": own, "iri_b": occ, "verdict": "different"}
    refused = client.post(DECISIONS, json=payload, headers=admin)
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "still_linked"
    assert client.get(DECISIONS).json()["count"] == 0  # nothing half written


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 422),
        ({"iri": ""}, 422),
        ({"iri": "x" * 601}, 422),
        ({"iri": "bad\x00"}, 422),
        ({"iri": "https://nowhere.example.org/actors/1"}, 404),
    ],
)
def test_bad_cluster_requests(
    client: TestClient, kasso: tuple[str, str, str], params: dict[str, str], status: int
) -> None:
    response = client.get("/same-actor", params=params)
    assert response.status_code == status
    assert response.json()["error"]["message_en"]


def test_paging_suggestions_is_checked(client: TestClient) -> None:
    assert client.get("/same-actor/suggestions", params={"limit": 0}).status_code == 422
    assert client.get("/same-actor/suggestions", params={"offset": -1}).status_code == 422
