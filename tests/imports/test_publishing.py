"""An import publishes exactly what the API publishes for the same records, byte for byte,
whether its rows are planned (checked and rendered) here or in a child process; a failed import
leaves nothing, feed events and stored RDF included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from federation.actions import published as actions_published
from federation.actions.models import Action
from federation.actions.service import PreparedAction, read_action
from federation.actors.models import Actor
from federation.actors.service import read_actor
from federation.common.records import RecordKind, Stamp
from federation.feed.models import FeedEvent
from federation.groups.models import WorkingGroup
from federation.groups.service import read_group
from federation.imports import planners, planning
from federation.imports.service import import_file
from federation.publication.models import RecordRdf
from federation.publication.service import published_row
from federation.rdf.records import PublicRecord

BASE = "https://node.test"

# Text that N-Triples must escape, decimals and shares that must keep their exact form.
ACTORS_CSV = """\
id_externe;Nom;Type;SIREN;Site web;Description;Pays;Secteurs;ODD;Contact;Consentement
A1;Association « Sahel » \\ "Eau";association;732829320;https://sahel.example/a?b=1&c=%20;"Deux
lignes	et une tabulation";Burkina Faso;14030;6;Awa Ouédraogo;oui
A2;Commune de Dole;Collectivité territoriale;;;;"BF; ML";151;16;;
"""
ACTIONS_CSV = """\
id_externe;Titre;Description;Type;Statut;Date de début prévue;Date de fin prévue;Pays;\
Secteurs;ODD;Localités;Porteur;Partenaires;Budget;Financements
P1;Forages "profonds" à Ouahigouya \\ tranche 1;"Ligne 1
Ligne 2 — 💧";Coopération décentralisée;2;01/02/2024;2025-12-31;"BF:33.3; ML:66.7";\
"14030:12.5; 140:87.5";"6; 6.1";"Ouahigouya; Kaya";A1;Mairie de Ouahigouya (Burkina Faso);\
12 500,50;"Région Bourgogne-Franche-Comté: 10 000,05 EUR 2024; A2: 2500,50 2024 disbursed"
P2;Jumelage;;jumelage;3;;;SN;15112;;;A2;;;
P3;Sans argent;;jumelage;2;;;ML;15112;16;;A1;ONG Tiwara (Mali);0;
"""
GROUPS_CSV = """\
id_externe;Nom;Type;Pays;Membres
G1;Groupe « Burkina »;pays;BF;"A1 (animateur); A2"
"""
READERS = {
    RecordKind.ACTOR.value: read_actor,
    RecordKind.ACTION.value: read_action,
    RecordKind.GROUP.value: read_group,
}


def count(session: Session, model: type) -> int:
    return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def load_all(session: Session, tmp_path: Path) -> None:
    for name, text in (
        ("acteurs.csv", ACTORS_CSV),
        ("actions.csv", ACTIONS_CSV),
        ("groupes.csv", GROUPS_CSV),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        report = import_file(session, path, base_url=BASE)
        assert not report.errors, report.errors


@pytest.fixture(params=["here", "child process"])
def where(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Plan in this process, or in a child with chunks small enough to need several."""
    if request.param == "child process":
        if not planning.can_fork():
            pytest.skip("no second core or no fork here")
        monkeypatch.setattr(planning, "PARALLEL_FROM", 1)
        monkeypatch.setattr(planning, "spare_core", lambda: True)
        monkeypatch.setattr(planning, "CHUNK", 2)
    else:
        monkeypatch.setattr(planning, "PARALLEL_FROM", 10**9)
    return str(request.param)


def test_imported_rdf_is_what_the_api_publishes(
    session: Session, tmp_path: Path, where: str
) -> None:
    load_all(session, tmp_path)
    stored = session.execute(select(RecordRdf)).scalars().all()
    assert len(stored) == count(session, Actor) + count(session, Action) + 1
    for row in stored:
        # What create_action & co. store: the record read back, then published.
        record: PublicRecord = READERS[row.kind](session, row.id, BASE)
        expected = published_row(record)
        assert row.ntriples == expected["ntriples"], row.id
        assert (row.kind, row.version, row.triples) == (
            expected["kind"],
            expected["version"],
            expected["triples"],
        )
        assert row.modified == record.modified
    description = next(r.ntriples for r in stored if b"Ouahigouya \\\\ tranche 1" in r.ntriples)
    assert b'"Ligne 1\\nLigne 2 \xe2\x80\x94 \xf0\x9f\x92\xa7"' in description
    assert b'"12500.50"^^<http://www.w3.org/2001/XMLSchema#decimal>' in description
    assert b'"33.3"^^<http://www.w3.org/2001/XMLSchema#decimal>' in description


def test_the_feed_has_one_event_per_record_in_file_order(
    session: Session, tmp_path: Path, where: str
) -> None:
    load_all(session, tmp_path)
    events = session.execute(select(FeedEvent).order_by(FeedEvent.seq)).scalars().all()
    external_ids = {
        record_id: external_id
        for model in (Actor, Action, WorkingGroup)
        for record_id, external_id in session.execute(select(model.id, model.external_id))
    }
    assert [external_ids[e.record_id] for e in events] == ["A1", "A2", "P1", "P2", "P3", "G1"]
    for event in events:
        stored = session.get(RecordRdf, event.record_id)
        assert stored is not None
        assert (event.activity, event.version, event.ntriples) == ("create", 1, stored.ntriples)


def test_a_failed_import_leaves_nothing(
    session: Session, tmp_path: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_all(session, tmp_path)
    session.commit()
    before = {model: count(session, model) for model in (Action, RecordRdf, FeedEvent)}
    published = actions_published.published

    def fails_on_p5(prepared: PreparedAction, stamp: Stamp, base_url: str) -> Any:
        if prepared.values["external_id"] == "P5":
            raise RuntimeError("rendering failed")
        return published(prepared, stamp, base_url)

    # The child is forked after this, so it plans with the failing function too.
    monkeypatch.setattr(planners, "published_action", fails_on_p5)
    more = ACTIONS_CSV.replace("P1;", "P4;").replace("P2;", "P5;").replace("P3;", "P6;")
    path = tmp_path / "actions.csv"
    path.write_text(more, encoding="utf-8")
    with pytest.raises(RuntimeError, match="rendering failed"):
        import_file(session, path, base_url=BASE)
    session.rollback()
    assert {model: count(session, model) for model in before} == before


def test_a_reimport_publishes_the_changed_records_only(
    session: Session, tmp_path: Path, where: str
) -> None:
    load_all(session, tmp_path)
    for name, text, old, new in (
        ("acteurs.csv", ACTORS_CSV, "Commune de Dole", "Ville de Dole"),
        ("actions.csv", ACTIONS_CSV, "P2;Jumelage;", "P2;Jumelage renouvelé;"),
    ):
        path = tmp_path / name
        path.write_text(text.replace(old, new), encoding="utf-8")
        report = import_file(session, path, base_url=BASE)
        counts = next(iter(report.counts.values()))
        assert (counts.created, counts.updated, counts.rejected) == (0, 1, 0), name
    events = session.execute(select(FeedEvent).order_by(FeedEvent.seq)).scalars().all()
    updates = [e for e in events if e.activity == "update"]
    assert len(events) == 8
    assert [e.version for e in updates] == [2, 2]
    for event in updates:
        stored = session.get(RecordRdf, event.record_id)
        assert stored is not None
        record: PublicRecord = READERS[stored.kind](session, stored.id, BASE)
        assert stored.ntriples == event.ntriples == published_row(record)["ntriples"]
        assert record.version == stored.version == 2
    assert b"Ville de Dole" in updates[0].ntriples
    assert "Jumelage renouvelé".encode() in updates[1].ntriples
