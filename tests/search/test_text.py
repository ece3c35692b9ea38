"""Full text: accents and case ignored, French and English stems, words of the code labels,
relevance and date order, stable pages."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from federation.search import ranking
from tests.search.conftest import PEER_URL, Rows


def names(client: TestClient, **params: object) -> list[str]:
    answer = client.get("/search", params=params)
    assert answer.status_code == 200, answer.text
    return [hit["name"] for hit in answer.json()["hits"]]


@pytest.mark.parametrize("q", ["école", "ECOLE", "Ecole", "écoles", "éCoLeS"])
def test_accents_case_and_plural_are_ignored(client: TestClient, rows: Rows, q: str) -> None:
    rows.put("action", "Construction d'une École à Kaya", countries=["BF"])
    rows.put("action", "Maraîchage à Thiès", countries=["SN"])
    assert names(client, q=q) == ["Construction d'une École à Kaya"]


def test_french_stems_meet(client: TestClient, rows: Rows) -> None:
    rows.put("action", "Forages villageois", description="Réhabilitation de forages.")
    rows.put("action", "Éducation des filles", description="Activités éducatives.")
    assert names(client, q="forage") == ["Forages villageois"]
    assert names(client, q="éducatif") == ["Éducation des filles"]


def test_english_words_find_french_records_by_their_labels(client: TestClient, rows: Rows) -> None:
    rows.put("action", "Puits à Kaya", countries=["BF"], sectors=["14030"])
    rows.put("action", "Soins à Thiès", countries=["SN"], sectors=["12220"])
    assert names(client, q="drinking water") == ["Puits à Kaya"]
    assert names(client, q="eau Burkina") == ["Puits à Kaya"]
    assert names(client, q="Sénégal") == ["Soins à Thiès"]


def test_all_words_must_match_and_stop_words_alone_find_nothing(
    client: TestClient, rows: Rows
) -> None:
    rows.put("action", "Puits à Kaya", description="Eau potable")
    rows.put("action", "Puits à Thiès")
    assert names(client, q="puits potable") == ["Puits à Kaya"]
    assert names(client, q="de la") == []


def test_query_syntax_is_not_interpreted(client: TestClient, rows: Rows) -> None:
    rows.put("action", "Puits à Kaya")
    for q in ['"puits', "puits*", "NEAR(puits kaya)", "puits AND", "-puits", "'puits'"]:
        answer = client.get("/search", params={"q": q})
        assert answer.status_code == 200, (q, answer.text)
        assert [h["name"] for h in answer.json()["hits"]] in (["Puits à Kaya"], []), q


def test_a_word_in_the_name_ranks_before_a_word_in_the_text(client: TestClient, rows: Rows) -> None:
    rows.put("action", "Appui aux communes", description="Dont un volet santé parmi d'autres.")
    rows.put("action", "Santé maternelle", description="Centres de santé.")
    assert names(client, q="santé") == ["Santé maternelle", "Appui aux communes"]
    assert names(client, q="santé", sort="date") == ["Santé maternelle", "Appui aux communes"]


def test_pages_are_stable_and_cover_every_hit_once(client: TestClient, rows: Rows) -> None:
    for i in range(23):
        rows.put("action", f"Puits numéro {i}", description="puits " * (i % 3 + 1))
    for sort in ("relevance", "date"):
        pages = [names(client, q="puits", sort=sort, per_page=5, page=p) for p in range(1, 6)]
        flat = [name for page in pages for name in page]
        assert len(flat) == len(set(flat)) == 23
        again = [names(client, q="puits", sort=sort, per_page=5, page=p) for p in range(1, 6)]
        assert again == pages


def test_hits_carry_their_provenance(client: TestClient, rows: Rows) -> None:
    own = rows.put("action", "Puits ici")
    theirs = rows.put("action", "Puits là-bas", base=PEER_URL)
    stale = rows.put("action", "Puits ailleurs", base="https://other.test")
    hits = {h["iri"]: h for h in client.get("/search", params={"q": "puits"}).json()["hits"]}
    assert hits[own]["source"] == {"node_id": "test", "name": "Réseau de test", "own": True,
                                   "stale": False}  # fmt: skip
    assert hits[theirs]["source"]["name"] == "Réseau peer"
    assert hits[stale]["source"]["stale"] is True
    assert hits[theirs]["modified"].startswith("2026-03")
    assert hits[theirs]["fetched_at"].startswith("2026-03-01")


def test_changes_and_deletions_reach_search(client: TestClient, rows: Rows) -> None:
    iri = rows.put("action", "Puits à Kaya", countries=["BF"])
    assert names(client, country="BF") == ["Puits à Kaya"]
    rows.put("action", "Latrines à Kaya", iri=iri, version=2, countries=["ML"])
    assert names(client, country="BF") == []
    assert names(client, q="latrines", country="ML") == ["Latrines à Kaya"]
    rows.delete(iri, version=3)
    assert names(client, q="latrines") == []
    assert client.get("/search").json()["total"] == 0


def test_many_matches_put_name_matches_first_and_still_page_every_hit(
    client: TestClient, rows: Rows, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past RANK_LIMIT matches, the records whose name holds the words come first."""
    monkeypatch.setattr(ranking, "RANK_LIMIT", 3)
    for i in range(6):
        rows.put("action", f"Puits numéro {i}")
    for i in range(7):
        rows.put("action", f"Maraîchage {i}", description="avec un puits")
    pages = [names(client, q="puits", per_page=4, page=p) for p in range(1, 5)]
    flat = [name for page in pages for name in page]
    assert len(flat) == len(set(flat)) == 13
    assert all(name.startswith("Puits") for name in flat[:6])
    assert all(name.startswith("Maraîchage") for name in flat[6:])
