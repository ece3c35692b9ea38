"""An index written by hand: two networks (the node "test" and its peer "peer"), four actors
(two local authorities), four actions and a working group, with every field the exports read.

The expected figures of the tests are computed by hand from these rows; keep them in step."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import Session

from federation.index import derived, repository
from federation.peers.models import Peer
from tests.conftest import BASE_URL

PEER_URL = "https://peer.test"
MODIFIED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
FETCHED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
PEER_AS_OF = datetime(2026, 3, 2, 10, 5, tzinfo=UTC)


def uid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


VILLE = f"{BASE_URL}/actors/{uid(1)}"  # local authority with a SIREN
EAU_VIVE = f"{BASE_URL}/actors/{uid(2)}"  # association without SIREN
REGION = f"{PEER_URL}/actors/{uid(3)}"  # local authority with a SIRET only
LYCEE = f"{PEER_URL}/actors/{uid(4)}"
MISSING = f"{PEER_URL}/actors/{uid(99)}"  # pointed to, not in the index
PUITS = f"{BASE_URL}/actions/{uid(11)}"
ECOLE = f"{BASE_URL}/actions/{uid(12)}"
SANTE = f"{PEER_URL}/actions/{uid(13)}"
ECSI = f"{PEER_URL}/actions/{uid(14)}"
GROUPE = f"{BASE_URL}/groups/{uid(21)}"


def funding(
    funder: str | None, amount: str, currency: str, year: int, status: str
) -> dict[str, Any]:
    return {
        "funder": funder if funder and funder.startswith("http") else None,
        "funder_name": None if funder and funder.startswith("http") else funder,
        "amount": amount,
        "currency": currency,
        "year": year,
        "status": status,
    }


def participant(role: str, actor: str | None = None, **partner: str) -> dict[str, Any]:
    return {
        "role": role,
        "actor": actor,
        "name": partner.get("name"),
        "country": partner.get("country"),
        "organisation_type": partner.get("organisation_type"),
    }


def actor(
    iri: str, name: str, actor_type: str, identifiers: dict[str, str], **extra: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "actor",
        "external_id": None,
        "created": "2025-01-10T08:00:00Z",
        "modified": "2026-03-01T09:30:00Z",
        "version": 1,
        "acronym": None,
        "actor_type": actor_type,
        "identifiers": identifiers,
        "address": None,
        "website": None,
        "email": None,
        "contact_name": None,
        "countries": [],
        "sectors": [],
        "sector_categories": [],
        "sdgs": [],
        "sdg_goals": [],
    }
    data.update(extra)
    return row(iri, "actor", name, data)


def action(iri: str, name: str, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "action",
        "external_id": None,
        "created": "2025-06-01T08:00:00Z",
        "modified": "2026-03-01T09:30:00Z",
        "version": 1,
        "action_kind": "projet-associatif",
        "status": "2",
        "planned_start": None,
        "planned_end": None,
        "actual_start": None,
        "actual_end": None,
        "year": None,
        "countries": [],
        "country_shares": {},
        "sectors": [],
        "sector_categories": [],
        "sector_shares": {},
        "sdgs": [],
        "sdg_goals": [],
        "localities": [],
        "participants": [],
        "actors": [],
        "fundings": [],
        "budget": None,
    }
    data.update(fields)
    description = data.pop("description", f"Description de « {name} ».")
    return row(iri, "action", name, data, description)


def row(
    iri: str, kind: str, name: str, data: dict[str, Any], description: str | None = None
) -> dict[str, Any]:
    own = iri.startswith(BASE_URL)
    return {
        "iri": iri,
        "kind": kind,
        "source": "test" if own else "peer",
        "peer_id": None if own else 1,
        "version": 1,
        "modified": MODIFIED,
        "fetched_at": FETCHED,
        "seen_run": None,
        "name": name,
        "description": description,
        "data": json.dumps(data, ensure_ascii=False),
        "ntriples": b"",
    }


def index_rows() -> list[dict[str, Any]]:
    return [
        actor(
            VILLE,
            "Ville de Besançon",
            "collectivite",
            {"insee": "25056", "siren": "212500565"},
            address={
                "street": "2 rue Mégevand",
                "postal_code": "25000",
                "city": "Besançon",
                "departement": "25",
                "region": "Bourgogne-Franche-Comté",
            },
            countries=["BF", "SN"],
            sectors=["15112"],
            sector_categories=["151"],
        ),
        actor(EAU_VIVE, "=Eau Vive", "association", {"rna": "W251000123"}, acronym="EV"),
        actor(REGION, "Région Bretagne", "collectivite", {"siret": "23350001600040"}),
        actor(LYCEE, "Lycée Chateaubriand", "etablissement-scolaire", {"uai": "0350024L"}),
        action(
            PUITS,
            "Puits au Burkina",
            external_id="projet-001",
            status="2",
            planned_start="2023-01-15",
            planned_end="2025-12-31",
            actual_start="2023-02-01",
            year=2023,
            countries=["BF", "SN"],
            country_shares={"BF": "70", "SN": "30"},
            sectors=["11220", "14030"],
            sector_categories=["112", "140"],
            sector_shares={"11220": "40", "14030": "60"},
            sdgs=["4", "6", "6.1"],
            sdg_goals=["4", "6"],
            localities=["Koudougou"],
            participants=[
                participant("2", EAU_VIVE),
                participant("4", name="Commune de Koudougou", country="BF", organisation_type="11"),
                participant("1", VILLE),
            ],
            actors=[VILLE, EAU_VIVE],
            fundings=[
                funding(VILLE, "10000.00", "EUR", 2024, "disbursed"),
                funding(VILLE, "2000.50", "EUR", 2024, "committed"),
                funding(VILLE, "500000", "XOF", 2024, "disbursed"),
                funding("Agence de l'eau", "5000", "EUR", 2024, "planned"),
                funding(VILLE, "3000", "EUR", 2023, "disbursed"),
            ],
            budget={"amount": "20000", "currency": "EUR"},
        ),
        action(
            ECOLE,
            "École à Ouagadougou",
            action_kind="cooperation-decentralisee",
            status="1",
            countries=["BF"],
            sectors=["112"],
            sector_categories=["112"],
            participants=[participant("2", VILLE)],
            actors=[VILLE],
            fundings=[funding(VILLE, "1000", "EUR", 2024, "planned")],
        ),
        action(
            SANTE,
            "Santé au Mali",
            description=None,
            action_kind="appui-institutionnel",
            status="4",
            planned_start="2022-05-01",
            year=2022,
            countries=["ML", "NE", "SN"],
            sectors=["12220"],
            sector_categories=["122"],
            participants=[
                participant("4", name="Hôpital de Kayes", country="ML"),
                participant("3", MISSING),
            ],
            fundings=[
                funding(REGION, "4000", "EUR", 2024, "disbursed"),
                funding(VILLE, "1000", "EUR", 2024, "disbursed"),
            ],
        ),
        action(
            ECSI,
            "Festival des solidarités",
            action_kind="ecsi",
            status=None,
            actual_start="2024-03-01",
            planned_end="2024-06-30",
            year=2024,
            countries=["FR"],
            sectors=["99820"],
            sector_categories=["998"],
            budget={"amount": "500", "currency": "EUR"},
        ),
        row(
            GROUPE,
            "group",
            "Groupe pays Burkina Faso",
            {
                "kind": "group",
                "external_id": "gp-bf",
                "created": "2025-01-10T08:00:00Z",
                "modified": "2026-03-01T09:30:00Z",
                "version": 1,
                "group_kind": "pays",
                "countries": ["BF"],
                "sectors": [],
                "sector_categories": [],
                "members": [
                    {"actor": VILLE, "role": "animateur"},
                    {"actor": EAU_VIVE, "role": "membre"},
                    {"actor": MISSING, "role": "membre"},
                ],
            },
            "Les acteurs engagés au Burkina Faso.",
        ),
    ]


@pytest.fixture
def index(session: Session) -> Session:
    """The rows above and the peer that published half of them."""
    session.add(
        Peer(
            id=1,
            node_id="peer",
            base_url=PEER_URL,
            name="Réseau pair",
            region="Bretagne",
            vocabulary_version="1.0",
            well_known_url=f"{PEER_URL}/.well-known/rrma-node",
            dump_url=f"{PEER_URL}/dump",
            last_success_at=PEER_AS_OF,
        )
    )
    session.flush()
    rows = index_rows()
    repository.insert(session, rows)
    derived.changed(session, [], rows)  # the search tables, as every index change keeps them
    session.commit()
    return session
