"""Lists of actors, actions and groups: pagination, sorting and every filter."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.api.helpers import JSON, create, ids, listed
from tests.factories import action_payload, actor_payload, group_payload

# path, payload factory, the field that names a record (and sorts the list by default)
KINDS: dict[str, tuple[str, Callable[..., JSON], str]] = {
    "actors": ("/api/actors", actor_payload, "name"),
    "actions": ("/api/actions", action_payload, "title"),
    "groups": ("/api/groups", group_payload, "name"),
}


@pytest.fixture(params=list(KINDS))
def kind(request: pytest.FixtureRequest) -> tuple[str, Callable[..., JSON], str]:
    return KINDS[request.param]


def make_named(
    client: TestClient,
    editor: dict[str, str],
    kind: tuple[str, Callable[..., JSON], str],
    names: list[str],
) -> dict[str, str]:
    """Records with these names, created in this order; their ids by name."""
    path, payload, label = kind
    return {name: create(client, path, payload(**{label: name}), editor)["id"] for name in names}


def test_pages_cover_the_list_once(
    client: TestClient, editor: dict[str, str], kind: tuple[str, Callable[..., JSON], str]
) -> None:
    made = make_named(client, editor, kind, [f"Réseau {n}" for n in range(5)])
    seen: list[str] = []
    for offset in (0, 2, 4):
        response = client.get(kind[0], params={"offset": offset, "limit": 2})
        assert response.status_code == 200, response.text
        assert response.json()["count"] == 5
        seen.extend(ids(response.json()["data"]))
    assert sorted(seen) == sorted(made.values())
    assert len(listed(client, kind[0], offset=0, limit=2)) == 2
    assert len(listed(client, kind[0], offset=4, limit=2)) == 1


def test_offset_past_the_end_is_an_empty_page(
    client: TestClient, editor: dict[str, str], kind: tuple[str, Callable[..., JSON], str]
) -> None:
    make_named(client, editor, kind, ["Alpha", "Bravo"])
    response = client.get(kind[0], params={"offset": 10})
    assert response.json() == {"data": [], "count": 2}


def test_empty_list(client: TestClient, kind: tuple[str, Callable[..., JSON], str]) -> None:
    assert client.get(kind[0]).json() == {"data": [], "count": 0}


def test_sorted_by_name_by_default_and_on_request(
    client: TestClient, editor: dict[str, str], kind: tuple[str, Callable[..., JSON], str]
) -> None:
    made = make_named(client, editor, kind, ["Bravo", "Charlie", "Alpha"])
    path, _, label = kind
    ascending = [made["Alpha"], made["Bravo"], made["Charlie"]]
    assert ids(listed(client, path)) == ascending
    assert ids(listed(client, path, sort=label)) == ascending
    assert ids(listed(client, path, sort=f"-{label}")) == ascending[::-1]


def test_sorted_by_modified(
    client: TestClient, editor: dict[str, str], kind: tuple[str, Callable[..., JSON], str]
) -> None:
    made = make_named(client, editor, kind, ["Bravo", "Charlie", "Alpha"])
    path = kind[0]
    assert ids(listed(client, path, sort="modified")) == list(made.values())
    client.patch(f"{path}/{made['Bravo']}", json={"description": "revue"}, headers=editor)
    order = [made["Charlie"], made["Alpha"], made["Bravo"]]
    assert ids(listed(client, path, sort="modified")) == order
    assert ids(listed(client, path, sort="-modified")) == order[::-1]


def test_sorted_by_created(
    client: TestClient, editor: dict[str, str], kind: tuple[str, Callable[..., JSON], str]
) -> None:
    made = make_named(client, editor, kind, ["Bravo", "Charlie", "Alpha"])
    assert ids(listed(client, kind[0], sort="-created")) == list(made.values())[::-1]


# --- filters: each case makes one record that matches and one that does not ----------------

ACTOR_FILTERS = [
    pytest.param(
        {"actor_type": "collectivite"},
        {"actor_type": "association"},
        {"actor_type": "collectivite"},
        id="actor_type",
    ),
    pytest.param({"countries": ["SN"]}, {"countries": ["BF"]}, {"country": "SN"}, id="country"),
    pytest.param(
        {"countries": ["SN"]}, {"countries": ["BF"]}, {"country": "sn"}, id="country-lower-case"
    ),
    pytest.param({"sectors": ["14030"]}, {"sectors": ["11220"]}, {"sector": "14030"}, id="sector"),
    pytest.param(
        {"sectors": ["14030"]}, {"sectors": ["11220"]}, {"sector": "140"}, id="sector-category"
    ),
    pytest.param({"sdgs": ["6"]}, {"sdgs": ["4"]}, {"sdg": "6"}, id="sdg-goal"),
    pytest.param({"sdgs": ["6.1"]}, {"sdgs": ["4"]}, {"sdg": "6"}, id="sdg-goal-has-target"),
    pytest.param({"sdgs": ["1.2"]}, {"sdgs": ["10.2"]}, {"sdg": "1"}, id="sdg-1-not-10"),
    pytest.param({"sdgs": ["6.1"]}, {"sdgs": ["6.2"]}, {"sdg": "6.1"}, id="sdg-target"),
    pytest.param({"name": "Terre Ocre"}, {"name": "Eau Vive"}, {"q": "ocre"}, id="q-name"),
    pytest.param({"acronym": "TOC"}, {"acronym": "EV"}, {"q": "toc"}, id="q-acronym"),
    pytest.param({"city": "Dole"}, {"city": "Dijon"}, {"q": "DOLE"}, id="q-city"),
    pytest.param(
        {"description": "Maraîchage au Sénégal"},
        {"description": "Santé"},
        {"q": "maraîchage"},
        id="q-description",
    ),
    pytest.param(
        {"name": "ÉCOLE DU MONDE"}, {"name": "Eau Vive"}, {"q": "école"}, id="q-accented-capital"
    ),
]


@pytest.mark.parametrize(("matching", "other", "query"), ACTOR_FILTERS)
def test_actor_filter(
    client: TestClient, editor: dict[str, str], matching: JSON, other: JSON, query: JSON
) -> None:
    wanted = create(client, "/api/actors", actor_payload(**matching), editor)
    create(client, "/api/actors", actor_payload(**other), editor)
    response = client.get("/api/actors", params=query)
    assert response.status_code == 200, response.text
    assert ids(response.json()["data"]) == [wanted["id"]]
    assert response.json()["count"] == 1


def test_actor_filters_combine(client: TestClient, editor: dict[str, str]) -> None:
    wanted = create(
        client, "/api/actors", actor_payload(actor_type="collectivite", countries=["SN"]), editor
    )
    create(
        client, "/api/actors", actor_payload(actor_type="collectivite", countries=["BF"]), editor
    )
    create(client, "/api/actors", actor_payload(actor_type="association", countries=["SN"]), editor)
    found = listed(client, "/api/actors", actor_type="collectivite", country="SN")
    assert ids(found) == [wanted["id"]]


def shares(*codes: str) -> list[JSON]:
    return [{"code": code} for code in codes]


ACTION_FILTERS = [
    pytest.param({"status": "3"}, {"status": "2"}, {"status": "3"}, id="status"),
    pytest.param({"kind": "ecsi"}, {"kind": "jumelage"}, {"kind": "ecsi"}, id="kind"),
    pytest.param(
        {"countries": shares("SN")}, {"countries": shares("BF")}, {"country": "sn"}, id="country"
    ),
    pytest.param(
        {"sectors": shares("14030")}, {"sectors": shares("11220")}, {"sector": "14030"}, id="sector"
    ),
    pytest.param(
        {"sectors": shares("14030")},
        {"sectors": shares("11220")},
        {"sector": "140"},
        id="sector-category",
    ),
    pytest.param({"sdgs": ["6.1"]}, {"sdgs": ["4.1"]}, {"sdg": "6"}, id="sdg-goal"),
    pytest.param({"sdgs": ["6.1"]}, {"sdgs": ["6.2"]}, {"sdg": "6.1"}, id="sdg-target"),
    pytest.param({"title": "Forages à Kaya"}, {"title": "Écoles"}, {"q": "KAYA"}, id="q-title"),
    pytest.param(
        {"description": "Jardins partagés"},
        {"description": "Santé"},
        {"q": "JARDINS"},
        id="q-description",
    ),
]


@pytest.mark.parametrize(("matching", "other", "query"), ACTION_FILTERS)
def test_action_filter(
    client: TestClient, editor: dict[str, str], matching: JSON, other: JSON, query: JSON
) -> None:
    wanted = create(client, "/api/actions", action_payload(**matching), editor)
    create(client, "/api/actions", action_payload(**other), editor)
    response = client.get("/api/actions", params=query)
    assert response.status_code == 200, response.text
    assert ids(response.json()["data"]) == [wanted["id"]]
    assert response.json()["count"] == 1


def test_action_filter_by_actor(client: TestClient, editor: dict[str, str]) -> None:
    actor = create(client, "/api/actors", actor_payload(), editor)
    wanted = create(
        client,
        "/api/actions",
        action_payload(participants=[{"actor_id": actor["id"], "role": "2"}]),
        editor,
    )
    create(client, "/api/actions", action_payload(), editor)
    assert ids(listed(client, "/api/actions", actor=actor["id"])) == [wanted["id"]]


GROUP_FILTERS = [
    pytest.param(
        {"kind": "thematique", "country": None, "theme": "140"},
        {"kind": "pays", "country": "BF"},
        {"kind": "thematique"},
        id="kind",
    ),
    pytest.param({"country": "SN"}, {"country": "BF"}, {"country": "SN"}, id="country"),
    pytest.param({"country": "SN"}, {"country": "BF"}, {"country": "sn"}, id="country-lower"),
]


@pytest.mark.parametrize(("matching", "other", "query"), GROUP_FILTERS)
def test_group_filter(
    client: TestClient, editor: dict[str, str], matching: JSON, other: JSON, query: JSON
) -> None:
    wanted = create(client, "/api/groups", group_payload(**matching), editor)
    create(client, "/api/groups", group_payload(**other), editor)
    response = client.get("/api/groups", params=query)
    assert response.status_code == 200, response.text
    assert ids(response.json()["data"]) == [wanted["id"]]
    assert response.json()["count"] == 1


def test_group_filter_by_actor(client: TestClient, editor: dict[str, str]) -> None:
    actor = create(client, "/api/actors", actor_payload(), editor)
    wanted = create(
        client, "/api/groups", group_payload(members=[{"actor_id": actor["id"]}]), editor
    )
    create(client, "/api/groups", group_payload(), editor)
    assert ids(listed(client, "/api/groups", actor=actor["id"])) == [wanted["id"]]


def test_filter_on_an_unknown_value_is_an_empty_list(
    client: TestClient, editor: dict[str, str]
) -> None:
    create(client, "/api/actors", actor_payload(), editor)
    assert client.get("/api/actors", params={"actor_type": "inconnu"}).json() == {
        "data": [],
        "count": 0,
    }


def test_text_filter_takes_wildcards_literally(client: TestClient, editor: dict[str, str]) -> None:
    create(client, "/api/actors", actor_payload(name="Taux 100% solidaire"), editor)
    create(client, "/api/actors", actor_payload(name="Autre association"), editor)
    names = [a["name"] for a in client.get("/api/actors", params={"q": "100%"}).json()["data"]]
    assert names == ["Taux 100% solidaire"]
    assert client.get("/api/actors", params={"q": "%"}).json()["count"] == 1
    assert client.get("/api/actors", params={"q": "_"}).json()["count"] == 0
