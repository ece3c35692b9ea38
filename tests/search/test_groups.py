"""Working groups across regions: every network's groups about a country, with members."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.search.conftest import OTHER_URL, PEER_URL, Rows


def test_the_burkina_faso_groups_of_every_network(client: TestClient, rows: Rows) -> None:
    here = rows.put("actor", "Association Kaya Solidarité")
    there = rows.put("actor", "Comité de jumelage de Dole", base=PEER_URL)
    rows.put(
        "group",
        "Groupe pays Burkina Faso",
        group_kind="pays",
        countries=["BF"],
        members=[{"actor": here, "role": "animateur"}, {"actor": there, "role": "membre"}],
    )
    rows.put(
        "group",
        "Groupe Burkina",
        base=OTHER_URL,
        group_kind="pays",
        countries=["BF"],
        members=[{"actor": f"{OTHER_URL}/actors/unknown", "role": "membre"}],
    )
    rows.put("group", "Groupe Sénégal", base=PEER_URL, group_kind="pays", countries=["SN"],
             members=[])  # fmt: skip
    rows.put("action", "Puits au Burkina", countries=["BF"])
    answer = client.get("/index/groups", params={"country": "BF"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["total"] == 2
    by_name = {g["name"]: g for g in body["groups"]}
    assert set(by_name) == {"Groupe pays Burkina Faso", "Groupe Burkina"}
    members = by_name["Groupe pays Burkina Faso"]["members"]
    assert [(m["name"], m["source"], m["role"]) for m in members] == [
        ("Association Kaya Solidarité", "Réseau de test", "animateur"),
        ("Comité de jumelage de Dole", "Réseau peer", "membre"),
    ]
    unknown = by_name["Groupe Burkina"]
    assert unknown["members"][0]["name"] is None
    assert unknown["source"] == {"node_id": "other", "name": "Réseau other", "stale": True}
    page = client.get("/index/groups", params={"country": "BF", "format": "html"})
    assert page.status_code == 200
    assert "Comité de jumelage de Dole" in page.text


def test_bad_filters_are_refused(client: TestClient, rows: Rows) -> None:
    answer = client.get("/index/groups", params={"country": "ZZ"})
    assert answer.status_code == 422
    assert answer.json()["error"]["fields"][0]["field"] == "country"
