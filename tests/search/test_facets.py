"""Every facet counts right, on generated rows whose counts the test computes by hand, with
filters combined (AND across facets, OR within one) and counts disjunctive."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import BASE_URL
from tests.search.conftest import OTHER_URL, PEER_URL, Rows

COUNTRIES = ["BF", "SN", "ML"]
SECTORS = ["14030", "14020", "11220", "12220"]  # categories 140, 140, 112, 122
BASES = [(BASE_URL, "test"), (PEER_URL, "peer"), (OTHER_URL, "other")]


def generated(rows: Rows) -> list[dict[str, Any]]:
    """60 actions and 12 actors with attributes that follow their number."""
    made = []
    for i in range(60):
        base, source = BASES[i % 3]
        countries = sorted({COUNTRIES[i % 3], *(["NE"] if i % 5 == 0 else [])})
        sector = SECTORS[i % 4]
        facts = {
            "kind": "action",
            "region": source,
            "country": countries,
            "sector": [sector],
            "category": [sector[:3]],
            "year": str(2020 + i % 4),
            "status": str(1 + i % 3),
            "sdg": ["6"] if i % 2 else ["4"],
            "partner_type": ["22"] if i % 4 == 0 else [],
        }
        rows.put(
            "action",
            f"Action {i}",
            base=base,
            countries=countries,
            sectors=[sector],
            sdgs=["6.1"] if i % 2 else ["4.1"],
            status=facts["status"],
            year=2020 + i % 4,
            action_kind="cooperation-decentralisee",
            participants=[{"organisation_type": "22"}] if i % 4 == 0 else [],
        )
        made.append(facts)
    for i in range(12):
        base, source = BASES[i % 3]
        actor_type = ["association", "collectivite"][i % 2]
        rows.put("actor", f"Acteur {i}", base=base, actor_type=actor_type, countries=["BF"])
        made.append(
            {"kind": "actor", "region": source, "country": ["BF"], "actor_type": actor_type}
        )
    return made


def _values(facts: dict[str, Any], facet: str) -> list[str]:
    value = facts.get(facet)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def expected(made: list[dict[str, Any]], filters: dict[str, list[str]]) -> dict[str, Counter[str]]:
    """The counts a catalogue shows: per facet, among the rows every *other* filter keeps."""

    def keeps(facts: dict[str, Any], skip: str | None) -> bool:
        return all(
            set(_values(facts, facet)) & set(values)
            for facet, values in filters.items()
            if facet != skip
        )

    facets = ["kind", "region", "country", "sector", "category", "year", "status", "sdg",
              "actor_type", "partner_type"]  # fmt: skip
    return {
        facet: Counter(
            value
            for facts in made
            if keeps(facts, facet if facet in filters else None)
            for value in _values(facts, facet)
        )
        for facet in facets
    }


CASES = [
    {},
    {"country": ["BF"]},
    {"country": ["BF"], "category": ["140"]},
    {"country": ["BF", "NE"], "year": ["2021"]},
    {"region": ["peer", "other"], "sdg": ["6"], "kind": ["action"]},
    {"actor_type": ["association"]},
    {"partner_type": ["22"], "status": ["1"]},
]


@pytest.mark.parametrize(
    "filters", CASES, ids=lambda f: "&".join(f"{k}={v}" for k, v in f.items()) or "none"
)
def test_every_facet_counts_right(
    client: TestClient, rows: Rows, filters: dict[str, list[str]]
) -> None:
    made = generated(rows)
    params = [(k, v) for k, values in filters.items() for v in values]
    answer = client.get("/search", params=params)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    want = expected(made, filters)
    assert body["total"] == sum(
        all(set(_values(f, k)) & set(v) for k, v in filters.items()) for f in made
    )
    for facet, counts in want.items():
        got = {v["value"]: v["count"] for v in body["facets"][facet]["values"] if v["count"]}
        assert got == dict(counts), facet


def test_a_three_digit_sector_asks_for_its_category(client: TestClient, rows: Rows) -> None:
    generated(rows)
    by_sector = client.get("/search", params={"sector": "140"}).json()
    by_category = client.get("/search", params={"category": "140"}).json()
    assert by_sector["total"] == by_category["total"] == 30
    assert by_sector["query"]["filters"] == {"category": ["140"]}


def test_selected_values_stay_visible_with_their_counts(client: TestClient, rows: Rows) -> None:
    generated(rows)
    body = client.get("/search", params={"country": "BF"}).json()
    countries = {v["value"]: v for v in body["facets"]["country"]["values"]}
    assert countries["BF"]["selected"]
    assert not countries["SN"]["selected"]
    assert countries["SN"]["count"] == 20  # what adding SN would give (OR within a facet)
    assert countries["BF"]["label"] == "Burkina Faso"
