"""Similar projects on generated data with known answers, on SQLite and PostgreSQL: a planted
near-copy from another region first, with its reasons; the asked region excluded unless asked;
free descriptions; deletions."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.search.conftest import Rows
from tests.similar.world import build


def similar(client: TestClient, **params: Any) -> dict[str, Any]:
    answer = client.get("/similar", params=params)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def iris(body: dict[str, Any]) -> list[str]:
    return [result["iri"] for result in body["results"]]


def test_a_near_copy_in_another_region_ranks_first_and_says_why(
    client: TestClient, rows: Rows
) -> None:
    world = build(rows)
    body = similar(client, iri=world.asked)
    first = body["results"][0]
    assert first["iri"] == world.near
    assert first["source"] == {"node_id": "peer", "name": "Réseau peer", "own": False,
                               "stale": False}  # fmt: skip
    why = first["reasons"]
    assert why["countries"] == [{"code": "BF", "label": "Burkina Faso",
                                 "label_en": "Burkina Faso"}]  # fmt: skip
    assert [s["code"] for s in why["sectors"]] == ["14030"]
    assert why["sectors"][0]["label"].startswith("Approvisionnement en eau potable")
    assert {"moustiquaires", "forages", "tenkodogo", "paludisme"} <= set(why["words"])
    assert [g["code"] for g in why["sdgs"]] == ["3", "6"]
    assert [p["code"] for p in why["partner_types"]] == ["22"]
    assert why["years"] == [2023, 2024]
    assert first["modified"].startswith("2026-")
    assert first["fetched_at"].startswith("2026-03-01")
    assert first["score"] > 0.8
    scores = [result["score"] for result in body["results"]]
    assert scores == sorted(scores, reverse=True)
    assert body["asked"]["iri"] == world.asked


def test_a_harvested_action_finds_this_nodes_copy(client: TestClient, rows: Rows) -> None:
    world = build(rows)
    body = similar(client, iri=world.near, k=50)
    assert body["asked"]["source"]["node_id"] == "peer"
    assert iris(body)[:2] in ([world.asked, world.copy], [world.copy, world.asked])
    assert "peer" not in {result["source"]["node_id"] for result in body["results"]}
    assert body["results"][0]["source"]["own"] is True


def test_the_asked_region_is_left_out_unless_asked(client: TestClient, rows: Rows) -> None:
    world = build(rows)
    body = similar(client, iri=world.asked, k=50)
    assert world.copy not in iris(body)
    assert world.asked not in iris(body)
    assert {result["source"]["node_id"] for result in body["results"]} <= {"peer", "other"}
    both = similar(client, iri=world.asked, k=50, same_region="true")
    assert iris(both)[0] == world.copy  # the exact copy beats the near one
    assert world.asked not in iris(both)  # never the action itself
    assert both["same_region"] is True


def test_shared_codes_or_shared_words_alone_rank_below_both(client: TestClient, rows: Rows) -> None:
    world = build(rows)
    found = iris(similar(client, iri=world.asked, k=50))
    assert found.index(world.near) < found.index(world.same_codes)
    assert found.index(world.near) < found.index(world.same_words)
    unrelated = found.index(world.same_codes)  # no word in common still competes on codes
    assert unrelated < len(found)


def test_a_free_description_finds_the_matching_actions(client: TestClient, rows: Rows) -> None:
    world = build(rows)
    body = similar(
        client, text="distribution de moustiquaires et forages", country="bf", sector="14030"
    )
    assert iris(body)[:1] == [world.near]  # this node's own actions are left out
    assert world.asked not in iris(body)
    assert world.copy not in iris(body)
    assert body["asked"]["countries"][0]["code"] == "BF"
    assert {"moustiquaires", "forages"} <= set(body["results"][0]["reasons"]["words"])
    by_category = similar(client, text="moustiquaires", sector="140", same_region="true", k=3)
    top = by_category["results"][0]
    assert top["iri"] in {world.asked, world.copy, world.near}
    assert top["reasons"]["categories"][0]["code"] == "140"


def test_codes_alone_are_a_description(client: TestClient, rows: Rows) -> None:
    world = build(rows)
    found = iris(similar(client, country="BF", sector="14030", sdg="6.1", k=50))
    assert world.near in found
    assert world.same_codes in found
    assert world.same_words not in found[:2]


def test_k_limits_the_answers(client: TestClient, rows: Rows) -> None:
    world = build(rows)
    assert len(similar(client, iri=world.asked, k=1)["results"]) == 1
    assert len(similar(client, iri=world.asked)["results"]) == 10


def test_deleted_actions_disappear(client: TestClient, rows: Rows) -> None:
    world = build(rows)
    assert iris(similar(client, iri=world.asked))[0] == world.near
    rows.delete(world.near, version=2)
    body = similar(client, iri=world.asked, k=50)
    assert world.near not in iris(body)
    why = body["results"][0]["reasons"]
    assert [c["code"] for c in why["countries"]] == ["BF"]
    assert [s["code"] for s in why["sectors"]] == ["14030"]


def test_a_page_explains_each_result(client: TestClient, rows: Rows) -> None:
    world = build(rows)
    answer = client.get("/similar", params={"iri": world.asked, "format": "html"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    page = answer.text
    assert "Forages villageois et moustiquaires, Tenkodogo" in page
    assert "Pays en commun" in page
    assert "Burkina Faso" in page
    assert "Mots en commun" in page
    assert "<q>moustiquaires</q>" in page
    assert "Réseau peer" in page
    assert 'lang="en"' in page
