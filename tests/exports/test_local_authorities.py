"""The local authorities' yearly summary against sums computed by hand from conftest's rows.

Ville de Besançon's fundings of 2024 (its 2023 funding of 3000 EUR is out):
- "Puits au Burkina" (BF 70 % / SN 30 %; sectors 11220 40 % -> 112, 14030 60 % -> 140;
  projet-associatif): 10000.00 EUR disbursed, 2000.50 EUR committed, 500000 XOF disbursed;
- "École à Ouagadougou" (BF; category 112; cooperation-decentralisee): 1000 EUR planned;
- "Santé au Mali" (ML, NE, SN without percentages: a third each; 12220 -> 122;
  appui-institutionnel): 1000 EUR disbursed.
Région Bretagne (its SIREN from its SIRET): 4000 EUR disbursed to "Santé au Mali"."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.exports.conftest import REGION, VILLE
from tests.exports.helpers import csv_rows, workbook


def figures(
    planned: str, committed: str, disbursed: str, total: str, actions: int
) -> dict[str, Any]:
    return {
        "planned": planned,
        "committed": committed,
        "disbursed": disbursed,
        "total": total,
        "actions": actions,
    }


def summary(client: TestClient, query: str) -> dict[str, Any]:
    response = client.get(f"/exports/local-authorities.json?{query}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_totals_by_currency_never_mixed(client: TestClient, index: Session) -> None:
    body = summary(client, "year=2024")
    assert body["year"] == 2024
    assert body["local_authority_types"] == ["collectivite"]
    names = [(a["name"], a["iri"]) for a in body["local_authorities"]]
    assert names == [("Région Bretagne", REGION), ("Ville de Besançon", VILLE)]
    region, ville = body["local_authorities"]
    assert (ville["siren"], ville["insee"], ville["source_name"]) == (
        "212500565",
        "25056",
        "Réseau de test",
    )
    assert region["siren"] == "233500016"
    assert ville["totals"] == [
        {"currency": "EUR", **figures("1000.00", "2000.50", "11000.00", "14000.50", 3)},
        {"currency": "XOF", **figures("0.00", "0.00", "500000.00", "500000.00", 1)},
    ]
    assert region["totals"] == [
        {"currency": "EUR", **figures("0.00", "0.00", "4000.00", "4000.00", 1)}
    ]


def test_by_country_with_percentages_and_equal_parts(client: TestClient, index: Session) -> None:
    region, ville = summary(client, "year=2024")["local_authorities"]
    assert ville["by_country"] == [
        # 70 % of 10000.00 and of 2000.50, plus the school's 1000 planned
        {
            "code": "BF",
            "label": "Burkina Faso",
            "currency": "EUR",
            **figures("1000.00", "1400.35", "7000.00", "9400.35", 2),
        },
        {
            "code": "ML",
            "label": "Mali",
            "currency": "EUR",
            **figures("0.00", "0.00", "333.33", "333.33", 1),
        },
        {
            "code": "NE",
            "label": "Niger",
            "currency": "EUR",
            **figures("0.00", "0.00", "333.33", "333.33", 1),
        },
        # 30 % of 10000.00 and of 2000.50, plus a third of 1000
        {
            "code": "SN",
            "label": "Sénégal",
            "currency": "EUR",
            **figures("0.00", "600.15", "3333.33", "3933.48", 2),
        },
        {
            "code": "BF",
            "label": "Burkina Faso",
            "currency": "XOF",
            **figures("0.00", "0.00", "350000.00", "350000.00", 1),
        },
        {
            "code": "SN",
            "label": "Sénégal",
            "currency": "XOF",
            **figures("0.00", "0.00", "150000.00", "150000.00", 1),
        },
    ]
    assert [(c["code"], c["disbursed"]) for c in region["by_country"]] == [
        ("ML", "1333.33"),
        ("NE", "1333.33"),
        ("SN", "1333.33"),
    ]


def test_by_sector_category_and_action_kind(client: TestClient, index: Session) -> None:
    ville = summary(client, "year=2024")["local_authorities"][1]
    eur = [c for c in ville["by_sector_category"] if c["currency"] == "EUR"]
    assert [
        (c["code"], c["label"], c["planned"], c["committed"], c["disbursed"], c["actions"])
        for c in eur
    ] == [
        ("112", "Education de Base", "1000.00", "800.20", "4000.00", 2),
        ("122", "Santé de Base", "0.00", "0.00", "1000.00", 1),
        ("140", "Distribution d'Eau et Assainissement", "0.00", "1200.30", "6000.00", 1),
    ]
    xof = [(c["code"], c["total"]) for c in ville["by_sector_category"] if c["currency"] == "XOF"]
    assert xof == [("112", "200000.00"), ("140", "300000.00")]
    assert [(c["code"], c["currency"], c["total"]) for c in ville["by_action_kind"]] == [
        ("appui-institutionnel", "EUR", "1000.00"),
        ("cooperation-decentralisee", "EUR", "1000.00"),
        ("projet-associatif", "EUR", "12000.50"),
        ("projet-associatif", "XOF", "500000.00"),
    ]


def test_another_year_and_a_source_filter(client: TestClient, index: Session) -> None:
    body = summary(client, "year=2023")
    assert [a["name"] for a in body["local_authorities"]] == ["Ville de Besançon"]
    assert body["local_authorities"][0]["totals"] == [
        {"currency": "EUR", **figures("0.00", "0.00", "3000.00", "3000.00", 1)}
    ]
    peer_only = summary(client, "year=2024&source=peer")
    assert [a["name"] for a in peer_only["local_authorities"]] == ["Région Bretagne"]
    assert peer_only["filters"] == {"source": ["peer"], "country": []}
    assert summary(client, "year=2019")["local_authorities"] == []


def test_csv_lines_per_authority_currency_and_category(client: TestClient, index: Session) -> None:
    response = client.get("/exports/local-authorities.csv?year=2024")
    assert response.status_code == 200
    assert 'filename="test-collectivites-apd-2024-' in response.headers["content-disposition"]
    rows = csv_rows(response.content)
    assert rows[0] == [
        "Collectivité",
        "SIREN",
        "Code commune INSEE",
        "IRI de la collectivité",
        "Réseau source (identifiant)",
        "Réseau source",
        "Année",
        "Devise",
        "Ventilation (code)",
        "Ventilation",
        "Code",
        "Libellé",
        "Prévu",
        "Acquis",
        "Versé",
        "Total",
        "Nombre d'actions",
    ]
    assert rows[1] == [
        "Région Bretagne", "233500016", "", REGION, "peer", "Réseau pair", "2024", "EUR",
        "total", "Total", "", "Total", "0.00", "0.00", "4000.00", "4000.00", "1",
    ]  # fmt: skip
    ville = [row for row in rows if row[0] == "Ville de Besançon"]
    assert [row[7:9] for row in ville][:2] == [["EUR", "total"], ["EUR", "country"]]
    sn = next(r for r in ville if r[7] == "EUR" and r[8] == "country" and r[10] == "SN")
    assert sn[9:] == [
        "Pays bénéficiaire",
        "SN",
        "Sénégal",
        "0.00",
        "600.15",
        "3333.33",
        "3933.48",
        "2",
    ]
    assert len(rows) == 1 + 6 + 17  # header, Région Bretagne, Ville de Besançon


def test_xlsx_read_back(client: TestClient, index: Session) -> None:
    response = client.get("/exports/local-authorities.xlsx?year=2024&lang=en")
    assert response.status_code == 200
    book = workbook(response.content)
    assert book.sheetnames == ["ODA 2024", "Colonnes (columns)", "À propos (about)"]
    rows = list(book["ODA 2024"].iter_rows(values_only=True))
    assert rows[0][:2] == ("Local authority", "SIREN")
    ville_total = next(r for r in rows if r[0] == "Ville de Besançon" and r[7] == "XOF")
    assert ville_total[8:] == ("total", "Total", None, "Total", 0, 0, 500000, 500000, 1)
    kind = next(
        r for r in rows if r[0] == "Ville de Besançon" and r[10] == "cooperation-decentralisee"
    )
    assert kind[11] == "Decentralised cooperation"
    assert kind[12] == 1000  # a number cell


def test_no_local_authority_gives_an_empty_summary(client: TestClient, index: Session) -> None:
    body = summary(client, "year=2024&country=JP")  # selects actors working in Japan: none
    assert body["local_authorities"] == []
    rows = csv_rows(client.get("/exports/local-authorities.csv?year=2024&country=JP").content)
    assert len(rows) == 1
