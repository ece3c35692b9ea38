"""Keyword-only factories of valid API payloads; each test overrides what it is about."""

from __future__ import annotations

import itertools
import random
from typing import Any

from federation.identifiers import make_siren

_counter = itertools.count(1)
_rng = random.Random(4242)


def unique_siren() -> str:
    return make_siren(_rng)


def actor_payload(**overrides: Any) -> dict[str, Any]:
    n = next(_counter)
    payload: dict[str, Any] = {
        "external_id": f"ACT-{n:05d}",
        "name": f"Association Solidarité Sahel n°{n}",
        "actor_type": "association",
        "siren": unique_siren(),
        "city": "Besançon",
        "postal_code": "25000",
        "departement": "25",
        "email": "contact@solidarite-sahel.example",
        "countries": ["BF"],
        "sectors": ["14030"],
        "sdgs": ["6"],
    }
    payload.update(overrides)
    return payload


def action_payload(**overrides: Any) -> dict[str, Any]:
    n = next(_counter)
    payload: dict[str, Any] = {
        "external_id": f"PRJ-{n:05d}",
        "title": f"Accès à l'eau potable à Ouahigouya ({n})",
        "description": "Forages et comités de gestion de l'eau, « avec » les habitants.",
        "kind": "cooperation-decentralisee",
        "status": "2",
        "planned_start": "2024-01-01",
        "planned_end": "2026-12-31",
        "countries": [{"code": "BF", "percentage": 100}],
        "sectors": [{"code": "14030", "percentage": 60}, {"code": "12220", "percentage": 40}],
        "sdgs": ["6", "6.1"],
        "localities": ["Ouahigouya"],
        "participants": [{"name": "Mairie de Ouahigouya", "country": "BF", "role": "4"}],
        "fundings": [
            {"funder_name": "Région BFC", "amount": "10000.50", "currency": "EUR", "year": 2024}
        ],
        "budget": {"amount": "25000", "currency": "EUR"},
    }
    payload.update(overrides)
    return payload


def group_payload(**overrides: Any) -> dict[str, Any]:
    n = next(_counter)
    payload: dict[str, Any] = {
        "external_id": f"GRP-{n:05d}",
        "name": f"Groupe pays Burkina Faso {n}",
        "kind": "pays",
        "country": "BF",
        "members": [],
    }
    payload.update(overrides)
    return payload
