"""An index written row by row, as ``index.service`` writes it, with the report tables kept in
step by ``reports.store.refresh`` (what ``index.derived.changed`` calls), and a small federation
whose figures are worked out by hand in ``expected.py``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import Session

from federation.index import derived, repository
from federation.peers.models import Peer
from tests.conftest import BASE_URL

AT = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
HARVESTED = datetime(2026, 11, 25, 8, 30, tzinfo=UTC)
PEER = "peer-a"
PEER_BASE = "https://peer-a.test"
OWN = "test"  # settings.node_id in tests/conftest.py
ELSEWHERE = "https://elsewhere.test/actors/x"  # a funder that is not in the index


def iri(base: str, kind: str, key: str) -> str:
    return f"{base}/{kind}s/{key}"


def actor(
    actor_type: str,
    *,
    countries: tuple[str, ...] = (),
    sectors: tuple[str, ...] = (),
    goals: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "kind": "actor",
        "actor_type": actor_type,
        "identifiers": {},
        "countries": list(countries),
        "sectors": list(sectors),
        "sector_categories": sorted({s[:3] for s in sectors}),
        "sdgs": list(goals),
        "sdg_goals": list(goals),
    }


def action(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "action",
        "action_kind": "projet-associatif",
        "status": "2",
        "year": None,
        "countries": [],
        "country_shares": {},
        "sectors": [],
        "sector_shares": {},
        "sdgs": [],
        "sdg_goals": [],
        "participants": [],
        "actors": [],
        "fundings": [],
        "budget": None,
    }
    data.update(fields)
    data["sector_categories"] = sorted({s[:3] for s in data["sectors"]})
    return data


def funding(
    amount: str, currency: str, year: int, *, funder: str | None = None, name: str | None = None
) -> dict[str, Any]:
    return {
        "funder": funder,
        "funder_name": name,
        "amount": amount,
        "currency": currency,
        "year": year,
        "status": "committed",
    }


@dataclass
class Index:
    """Index rows written the way index.service does, the report tables refreshed with them."""

    session: Session

    def put(self, record: str, data: dict[str, Any], *, fetched_at: datetime = AT) -> None:
        """Add the row, or replace it (a removal and an addition, as an update is)."""
        own = record.startswith(BASE_URL)
        row = {
            "iri": record,
            "kind": data["kind"],
            "source": OWN if own else PEER,
            "peer_id": None if own else 1,
            "version": 1,
            "modified": AT,
            "fetched_at": fetched_at,
            "seen_run": None,
            "name": record.rsplit("/", 1)[-1],
            "description": None,
            "data": _json(data),
            "ntriples": b"",
        }
        stale = list(repository.existing(self.session, [record]))
        repository.remove(self.session, stale)
        repository.insert(self.session, [row])
        derived.changed(self.session, stale, [row])  # the report tables, search and clusters
        self.session.flush()

    def drop(self, record: str) -> None:
        repository.remove(self.session, [record])
        derived.changed(self.session, [record], [])
        self.session.flush()


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


A1 = iri(BASE_URL, "actor", "a1")
A2 = iri(BASE_URL, "actor", "a2")
A3 = iri(PEER_BASE, "actor", "a3")
X1 = iri(BASE_URL, "action", "x1")
X2 = iri(PEER_BASE, "action", "x2")
X3 = iri(BASE_URL, "action", "x3")


def x2_data(budget: str = "333.33") -> dict[str, Any]:
    return action(
        year=2023,
        countries=["BF", "ML"],
        sectors=["14030", "14031"],
        sdg_goals=["6"],
        budget={"amount": budget, "currency": "EUR"},
        fundings=[funding("200", "EUR", 2023, funder=ELSEWHERE)],
    )


def fill(index: Index) -> None:
    """The federation of expected.py: two networks, three actors, three actions."""
    index.put(A1, actor("association", countries=("BF",), sectors=("14030",), goals=("6",)))
    index.put(A2, actor("collectivite"))
    index.put(A3, actor("association", goals=("4", "6")), fetched_at=HARVESTED)
    index.put(
        X1,
        action(
            year=2024,
            action_kind="cooperation-decentralisee",
            countries=["BF", "SN"],
            country_shares={"BF": "70", "SN": "30"},
            sectors=["14030", "15110"],
            sector_shares={"14030": "60", "15110": "40"},
            sdg_goals=["6", "16"],
            budget={"amount": "1000.00", "currency": "EUR"},
            fundings=[
                funding("600", "EUR", 2024, funder=A2),
                funding("100000", "XOF", 2025, name="Agence X"),
            ],
        ),
    )
    index.put(X2, x2_data(), fetched_at=HARVESTED)
    index.put(X3, action(fundings=[funding("50", "USD", 2022, funder=A1)]))


@pytest.fixture
def index(session: Session) -> Index:
    session.add(
        Peer(
            id=1,
            node_id=PEER,
            base_url=PEER_BASE,
            name="Réseau A",
            region="Bretagne",
            vocabulary_version="1",
            well_known_url=f"{PEER_BASE}/.well-known/rrma-node",
            dump_url=f"{PEER_BASE}/dump",
            last_success_at=datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
        )
    )
    session.flush()
    return Index(session)


@pytest.fixture
def filled(index: Index) -> Index:
    fill(index)
    index.session.commit()
    return index
