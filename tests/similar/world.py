"""A small index with known answers: a background of ordinary actions in three networks, an
asked action of this node, its near-copy in another network and its exact copy in this one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.conftest import BASE_URL
from tests.search.conftest import OTHER_URL, PEER_URL, Rows

BASES = [BASE_URL, PEER_URL, OTHER_URL]
COUNTRIES = ["BF", "SN", "ML", "MG"]
THEMES = [
    ("Construction d'une école primaire", "Salles de classe et formation des enseignants.",
     "11220", "4.1"),
    ("Centre de santé maternelle", "Équipement d'un dispensaire et formation de sages-femmes.",
     "12220", "3.1"),
    ("Maraîchage des groupements féminins", "Irrigation goutte à goutte et semences.",
     "31120", "2.3"),
    ("Adduction d'eau potable", "Bornes-fontaines, château d'eau et comité de gestion.",
     "14030", "6.1"),
    ("Jumelage culturel", "Échanges d'artistes et festival entre les deux villes.",
     "16061", "11.4"),
]  # fmt: skip

ASKED_TEXT = (
    "Réhabilitation de forages villageois et distribution de moustiquaires imprégnées à "
    "Tenkodogo, avec formation des comités de gestion de l'eau et sensibilisation au "
    "paludisme dans les écoles."
)
NEAR_TEXT = (
    "Réhabiliter des forages villageois et distribuer des moustiquaires imprégnées dans la "
    "région de Tenkodogo ; formation des comités de gestion et sensibilisation des écoles au "
    "paludisme."
)
CODES: dict[str, Any] = {
    "countries": ["BF"],
    "sectors": ["14030"],
    "sdgs": ["6.1", "3.3"],
    "participants": [{"role": "2", "name": "ONG Eau Vive", "organisation_type": "22"}],
    "planned_start": "2022-01-01",
    "planned_end": "2024-12-31",
}


@dataclass
class World:
    asked: str  # this node's action
    near: str  # its near-copy in the network "peer"
    copy: str  # its exact copy in this node's network
    same_codes: str  # same country and sector in "other", different words
    same_words: str  # the asked action's words in Senegal, in "other"
    actor: str


def build(rows: Rows) -> World:
    for n in range(30):
        name, text, sector, sdg = THEMES[n % len(THEMES)]
        rows.put(
            "action",
            f"{name} {n}",
            base=BASES[n % 3],
            description=text,
            countries=[COUNTRIES[n % 4]],
            sectors=[sector],
            sdgs=[sdg],
            planned_start=f"{2015 + n % 10}-01-01",
            planned_end=f"{2016 + n % 10}-06-30",
        )
    asked = rows.put(
        "action", "Forages et moustiquaires à Tenkodogo", description=ASKED_TEXT, **CODES
    )
    near = rows.put(
        "action",
        "Forages villageois et moustiquaires, Tenkodogo",
        base=PEER_URL,
        description=NEAR_TEXT,
        **{**CODES, "planned_start": "2023-03-01", "planned_end": "2025-12-31"},
    )
    copy = rows.put(
        "action", "Forages et moustiquaires à Tenkodogo", description=ASKED_TEXT, **CODES
    )
    same_codes = rows.put(
        "action",
        "Latrines familiales à Ouahigouya",
        base=OTHER_URL,
        description="Construction de latrines et promotion de l'hygiène.",
        countries=["BF"],
        sectors=["14030"],
    )
    same_words = rows.put(
        "action",
        "Moustiquaires et forages à Thiès",
        base=OTHER_URL,
        description="Distribution de moustiquaires et réhabilitation de forages.",
        countries=["SN"],
        sectors=["12220"],
    )
    actor = rows.put("actor", "ONG Eau Vive", countries=["BF"])
    return World(asked, near, copy, same_codes, same_words, actor)
