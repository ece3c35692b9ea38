"""Spreadsheet import through the service, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlmodel import Session

from federation.actions.models import Action, Participation
from federation.actors.models import Actor
from federation.imports.columns import Kind
from federation.imports.readers import UnreadableFile
from federation.imports.service import import_file
from federation.publication.models import RecordRdf

ACTORS_CSV = """\
id_externe;Nom;Type;SIREN;RNA;Commune;Code postal;Pays;Secteurs;ODD
A1;Association Solidarité Sahel;association;732829320;W251000123;Besançon;25000;Burkina Faso;14030;6
A2;Commune de Dole;Collectivité territoriale;;;Dole;39100;"BF; ML";15112;16
A3;Lycée Victor Hugo;etablissement-scolaire;;;Besançon;25000;SN;11330;4
A4;Mauvais SIREN;association;732829321;;Dijon;21000;;;
A5;Type inconnu;club-de-foot;;;Dijon;21000;;;
"""

BASE = "https://node.test"


def count(session: Session, model: type) -> int:
    return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_bad_rows_reported_with_line_and_column(session: Session, tmp_path: Path) -> None:
    report = import_file(session, write(tmp_path, "acteurs.csv", ACTORS_CSV), base_url=BASE)
    by_line = {(e.line, e.column): e for e in report.errors}
    assert (5, "SIREN") in by_line
    assert by_line[(5, "SIREN")].code == "invalid_checksum"
    assert (6, "Type") in by_line
    assert by_line[(6, "Type")].code == "unknown_code"
    counts = report.counts["actors"]
    assert (counts.created, counts.rejected) == (3, 2)
    assert count(session, Actor) == 3
    dole = session.execute(select(Actor).where(Actor.external_id == "A2")).scalar_one()
    assert dole.actor_type == "collectivite"  # the French label was read as its code


def test_windows_1252_and_commas(session: Session, tmp_path: Path) -> None:
    text = ACTORS_CSV.replace(";", ",").replace("BF, ML", "BF; ML")  # quoted list keeps its ;
    report = import_file(session, write(tmp_path, "annuaire.csv", text, "cp1252"), base_url=BASE)
    assert report.counts["actors"].created == 3
    names = set(session.execute(select(Actor.name)).scalars())
    assert "Association Solidarité Sahel" in names


def test_dry_run_writes_nothing(session: Session, tmp_path: Path) -> None:
    report = import_file(
        session, write(tmp_path, "acteurs.csv", ACTORS_CSV), dry_run=True, base_url=BASE
    )
    assert report.counts["actors"].created == 3
    assert not report.should_write
    session.rollback()
    assert count(session, Actor) == 0


def test_strict_writes_nothing_when_a_row_is_bad(session: Session, tmp_path: Path) -> None:
    report = import_file(
        session, write(tmp_path, "acteurs.csv", ACTORS_CSV), strict=True, base_url=BASE
    )
    assert report.errors
    assert not report.should_write


def test_reimport_updates_instead_of_duplicating(session: Session, tmp_path: Path) -> None:
    path = write(tmp_path, "acteurs.csv", ACTORS_CSV)
    import_file(session, path, base_url=BASE)
    again = import_file(session, path, base_url=BASE)
    assert again.counts["actors"].created == 0
    assert again.counts["actors"].unchanged == 3
    changed = write(
        tmp_path, "acteurs.csv", ACTORS_CSV.replace("Lycée Victor Hugo", "Lycée V. Hugo")
    )
    third = import_file(session, changed, base_url=BASE)
    assert (third.counts["actors"].created, third.counts["actors"].updated) == (0, 1)
    assert count(session, Actor) == 3
    lycee = session.execute(select(Actor).where(Actor.external_id == "A3")).scalar_one()
    assert lycee.name == "Lycée V. Hugo"
    assert lycee.version == 2
    published = session.get(RecordRdf, lycee.id)
    assert published is not None
    assert published.version == 2
    assert "Lycée V. Hugo".encode() in published.ntriples


def test_reimport_matches_on_identifier_without_external_id(
    session: Session, tmp_path: Path
) -> None:
    import_file(session, write(tmp_path, "acteurs.csv", ACTORS_CSV), base_url=BASE)
    by_siren = (
        "Nom;Type;SIREN\nAssociation Solidarité Sahel (nouveau nom);association;732 829 320\n"
    )
    report = import_file(
        session, write(tmp_path, "acteurs2.csv", by_siren), kind=Kind.ACTORS, base_url=BASE
    )
    assert report.counts["actors"].updated == 1
    assert count(session, Actor) == 3


def test_same_identifier_twice_in_one_file(session: Session, tmp_path: Path) -> None:
    text = "Nom;Type;SIREN\nUn;association;732829320\nDeux;association;732829320\n"
    report = import_file(session, write(tmp_path, "acteurs.csv", text), base_url=BASE)
    assert [(e.line, e.column, e.code) for e in report.errors] == [
        (3, "SIREN", "duplicate_identifier")
    ]


def workbook(tmp_path: Path, bad_dates: bool = False) -> Path:
    book = Workbook()
    actors = book.active
    assert actors is not None
    actors.title = "Acteurs"
    actors.append(["id_externe", "nom", "type", "siren"])
    actors.append(["A1", "Association Eau Vive Franche-Comté", "association", "732829320"])
    actions = book.create_sheet("Projets")
    actions.append(
        [
            "id_externe",
            "Titre",
            "Type",
            "Statut",
            "Date de début prévue",
            "Date de fin prévue",
            "Pays",
            "Secteurs",
            "ODD",
            "Porteur",
            "Partenaires",
            "Budget",
            "Financements",
        ]
    )
    actions.append(
        [
            "P1",
            "Forages à Ouahigouya",
            "Coopération décentralisée",
            "2",
            "01/02/2024",
            "2023-01-01" if bad_dates else "2025-12-31",
            "BF:70; ML:30",
            "14030",
            "6; 6.1",
            "A1",
            "Mairie de Ouahigouya (Burkina Faso)",
            "12 500,50",
            "Région Bourgogne-Franche-Comté: 10 000 EUR 2024; A1: 2500,50 2024 disbursed",
        ]
    )
    actions.append(
        [
            "P2",
            "Sans porteur connu",
            "jumelage",
            "2",
            "",
            "",
            "SN",
            "15112",
            "",
            "INCONNU",
            "",
            "",
            "",
        ]
    )
    path = tmp_path / "annuaire.xlsx"
    book.save(path)
    return path


def test_xlsx_with_actors_and_actions(session: Session, tmp_path: Path) -> None:
    report = import_file(session, workbook(tmp_path), base_url=BASE)
    assert report.counts["actors"].created == 1
    assert report.counts["actions"].created == 1
    assert [(e.table, e.line, e.column, e.code) for e in report.errors] == [
        ("Projets", 3, "Porteur", "unknown_actor")
    ]
    action = session.execute(select(Action)).scalar_one()
    assert action.budget_cents == 1_250_050
    roles = sorted(p.role for p in session.execute(select(Participation)).scalars())
    assert roles == ["2", "4"]


def test_xlsx_date_error_names_the_column(session: Session, tmp_path: Path) -> None:
    report = import_file(session, workbook(tmp_path, bad_dates=True), base_url=BASE)
    columns = {(e.line, e.column, e.code) for e in report.errors}
    assert (2, "Date de fin prévue", "end_before_start") in columns


@pytest.mark.parametrize(
    ("name", "content"),
    [("notes.pdf", b"%PDF-1.4"), ("vide.csv", b""), ("casse.xlsx", b"PK\x03\x04 not a zip")],
)
def test_unreadable_files_are_refused_clearly(
    session: Session, tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFile):
        import_file(session, path, base_url=BASE)
