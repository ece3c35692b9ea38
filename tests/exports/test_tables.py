"""CSV and XLSX of actors, actions and groups: exact cells, column order, labels, provenance."""

from __future__ import annotations

from datetime import datetime

from fastapi.testclient import TestClient
from sqlmodel import Session

from federation.exports.tables import ACTION_COLUMNS, ACTOR_COLUMNS, GROUP_COLUMNS
from tests.exports.conftest import EAU_VIVE, GROUPE, MISSING, PUITS, VILLE
from tests.exports.helpers import csv_rows, workbook

PROVENANCE_FR = [
    "Réseau source (identifiant)",
    "Réseau source",
    "IRI à la source",
    "Version",
    "Modifié à la source (UTC)",
    "Récupéré ici (UTC)",
]
STAMPS = ["1", "2026-03-01T09:30:00Z", "2026-03-02T10:00:00Z"]


def test_groups_csv_exactly(client: TestClient, index: Session) -> None:
    response = client.get("/exports/groups.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="test-groups-')
    assert disposition.endswith('.csv"')
    assert csv_rows(response.content) == [
        [
            "Nom",
            "Type de groupe (code)",
            "Type de groupe",
            "Pays (code)",
            "Pays",
            "Thème (code CAD)",
            "Thème",
            "Membres (rôle)",
            "Membres (IRI)",
            "Nombre de membres",
            "Description",
            "Identifiant externe",
            *PROVENANCE_FR,
        ],
        [
            "Groupe pays Burkina Faso",
            "pays",
            "Groupe pays",
            "BF",
            "Burkina Faso",
            "",
            "",
            f"Ville de Besançon (Animateur) | =Eau Vive (Membre) | {MISSING} (Membre)",
            f"{VILLE} | {EAU_VIVE} | {MISSING}",
            "3",
            "Les acteurs engagés au Burkina Faso.",
            "gp-bf",
            "test",
            "Réseau de test",
            GROUPE,
            *STAMPS,
        ],
    ]


def test_actions_csv_column_order_and_a_full_row(client: TestClient, index: Session) -> None:
    rows = csv_rows(client.get("/exports/actions.csv").content)
    assert rows[0] == [column.fr for column in ACTION_COLUMNS]
    assert rows[0][:3] == ["Titre", "Description", "Identifiant externe"]
    assert rows[0][-6:] == PROVENANCE_FR
    assert [row[0] for row in rows[1:]] == [
        "Puits au Burkina",
        "École à Ouagadougou",
        "Santé au Mali",
        "Festival des solidarités",
    ]
    assert rows[1] == [
        "Puits au Burkina",
        "Description de « Puits au Burkina ».",
        "projet-001",
        "projet-associatif",
        "Projet associatif de solidarité internationale",
        "2",
        "Actif",
        "2023-01-15",
        "2025-12-31",
        "2023-02-01",
        "",
        "2023",
        "BF | SN",
        "Burkina Faso | Sénégal",
        "BF 70 | SN 30",
        "11220 | 14030",
        "Enseignement primaire | Approvisionnement en eau potable et assainissement - "
        "dispositifs de base",
        "11220 40 | 14030 60",
        "112 | 140",
        "Education de Base | Distribution d'Eau et Assainissement",
        "4 | 6 | 6.1",
        "Objectif 4. Assurer à tous une éducation équitable, inclusive et de qualité et des "
        "possibilités d’apprentissage tout au long de la vie | Objectif 6. Garantir l’accès de "
        "tous à des services d’alimentation en eau et d’assainissement gérés de façon durable",
        "Koudougou",
        # A cell a spreadsheet would run as a formula is kept as text.
        "'=Eau Vive (Responsabilité) | Commune de Koudougou (Mise en œuvre) | "
        "Ville de Besançon (Financement)",
        f"{VILLE} | {EAU_VIVE}",
        "Ville de Besançon : 10000.00 EUR, 2024, Versé | Ville de Besançon : 2000.50 EUR, 2024, "
        "Acquis | Ville de Besançon : 500000 XOF, 2024, Versé | Agence de l'eau : 5000 EUR, "
        "2024, Prévu | Ville de Besançon : 3000 EUR, 2023, Versé",
        "20000.50 EUR | 500000 XOF",
        "20000",
        "EUR",
        "test",
        "Réseau de test",
        PUITS,
        *STAMPS,
    ]


def test_actors_csv_labels_identifiers_and_formula_guard(
    client: TestClient, index: Session
) -> None:
    rows = csv_rows(client.get("/exports/actors.csv").content)
    assert rows[0] == [column.fr for column in ACTOR_COLUMNS]
    by_name = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert list(by_name) == [
        "Ville de Besançon",
        "'=Eau Vive",
        "Région Bretagne",
        "Lycée Chateaubriand",
    ]
    ville = by_name["Ville de Besançon"]
    assert ville["Type d'acteur (code)"] == "collectivite"
    assert ville["Type d'acteur"] == "Collectivité territoriale"
    assert (ville["SIREN"], ville["Code commune INSEE"], ville["Commune"]) == (
        "212500565",
        "25056",
        "Besançon",
    )
    assert ville["Pays d'intervention"] == "Burkina Faso | Sénégal"
    assert by_name["'=Eau Vive"]["RNA"] == "W251000123"
    assert by_name["Région Bretagne"]["SIRET"] == "23350001600040"
    assert by_name["Région Bretagne"]["Réseau source"] == "Réseau pair"


def test_english_headers_and_labels_comma_separated(client: TestClient, index: Session) -> None:
    response = client.get("/exports/groups.csv", params={"lang": "en", "sep": "comma"})
    rows = csv_rows(response.content, ",")
    assert rows[0] == [column.en for column in GROUP_COLUMNS]
    assert rows[1][:5] == [
        "Groupe pays Burkina Faso",
        "pays",
        "Country group",
        "BF",
        "Burkina Faso",
    ]
    assert rows[1][7].startswith("Ville de Besançon (Facilitator)")


def test_filters_apply_to_the_csv(client: TestClient, index: Session) -> None:
    rows = csv_rows(client.get("/exports/actions.csv?source=test&country=SN").content)
    assert [row[0] for row in rows[1:]] == ["Puits au Burkina"]
    empty = csv_rows(client.get("/exports/actions.csv?country=JP").content)
    assert len(empty) == 1  # the header only


def test_actions_xlsx_read_back(client: TestClient, index: Session) -> None:
    response = client.get("/exports/actions.xlsx?lang=fr")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = workbook(response.content)
    assert book.sheetnames == ["Actions", "Colonnes (columns)", "À propos (about)"]
    sheet = book["Actions"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:AI5"
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [column.fr for column in ACTION_COLUMNS]
    puits = dict(zip(rows[0], rows[1], strict=True))
    assert puits["Titre"] == "Puits au Burkina"
    assert puits["Début prévu"] == datetime(2023, 1, 15)  # a date cell, not text
    assert puits["Fin effective"] is None
    assert puits["Année"] == 2023
    assert puits["Budget (montant)"] == 20000
    assert str(puits["Participants (rôle)"]).startswith("=Eau Vive (Responsabilité)")
    participants = 1 + [c.key for c in ACTION_COLUMNS].index("participants")
    assert sheet.cell(row=2, column=participants).data_type == "s"  # text, not a formula
    assert puits["Modifié à la source (UTC)"] == datetime(2026, 3, 1, 9, 30)
    assert puits["IRI à la source"] == PUITS
    columns = list(book["Colonnes (columns)"].iter_rows(values_only=True))
    assert columns[0] == ("Colonne", "Column", "Clé (key)", "Type (kind)")
    assert columns[1:3] == [
        ("Titre", "Title", "title", "text"),
        ("Description", "Description", "description", "text"),
    ]
    about = list(book["À propos (about)"].iter_rows(values_only=True))
    assert about[3][:2] == ("Filtres / filters", "lang=fr")
    assert about[4][:2] == ("Lignes / rows", 4)
    assert about[-2:] == [
        ("peer", "Réseau pair", "Bretagne", "2026-03-02T10:05:00Z"),
        ("test", "Réseau de test", "Bourgogne-Franche-Comté", "à jour (current)"),
    ]


def test_actors_xlsx_in_english(client: TestClient, index: Session) -> None:
    book = workbook(client.get("/exports/actors.xlsx?lang=en&source=peer").content)
    assert book.sheetnames[0] == "Actors"
    rows = list(book["Actors"].iter_rows(values_only=True))
    assert list(rows[0]) == [column.en for column in ACTOR_COLUMNS]
    assert [(row[0], row[3]) for row in rows[1:]] == [
        ("Région Bretagne", "Local authority"),
        ("Lycée Chateaubriand", "School"),
    ]
