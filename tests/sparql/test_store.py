"""The SPARQL copy of the index: built whole into a fresh directory, published atomically,
rebuilt only when the index moved, old snapshots pruned."""

from __future__ import annotations

import uuid
from pathlib import Path

import pyoxigraph as ox
from sqlalchemy import Engine, func, select
from sqlmodel import Session

from federation.index.models import IndexRecord
from federation.settings import Settings
from federation.sparql import repository
from federation.sparql.store import KEEP, current, graph_of, refresh, refresh_from, sparql_dir
from schemas.namespaces import SCHEMA
from tests.conftest import BASE_URL
from tests.sparql.conftest import OWN_GRAPH, PEER_GRAPH, PEER_URL, Index


def test_a_record_is_in_the_graph_of_its_source_network() -> None:
    assert graph_of(f"{BASE_URL}/actions/0b9d") == OWN_GRAPH
    assert graph_of(f"{PEER_URL}/actors/0b9d") == PEER_GRAPH


def test_the_copy_holds_every_row_in_its_source_graph(
    session: Session, index: Index, tmp_path: Path
) -> None:
    snapshot = refresh_from(session, tmp_path)
    assert snapshot.graphs == {OWN_GRAPH: (3, 9), PEER_GRAPH: (2, 6)}
    assert (snapshot.records, snapshot.triples) == (5, 15)
    assert snapshot.generation == repository.fingerprint(session)
    assert current(tmp_path) == snapshot
    store = ox.Store.read_only(str(snapshot.path))
    graphs = {quad.graph_name.value for quad in store.quads_for_pattern(None, None, None)}
    assert graphs == {OWN_GRAPH, PEER_GRAPH}
    assert len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(PEER_GRAPH)))) == 6


def test_the_copy_is_rebuilt_only_when_the_index_moved(
    session: Session, index: Index, tmp_path: Path
) -> None:
    first = refresh_from(session, tmp_path)
    assert refresh_from(session, tmp_path) == first
    index.action(PEER_URL, "Forage au Niger", "NE")
    second = refresh_from(session, tmp_path)
    assert second.path != first.path
    assert second.graphs[PEER_GRAPH] == (3, 9)
    assert first.path.is_dir()  # a query still running on it can finish
    for _ in range(KEEP):
        refresh_from(session, tmp_path, force=True)
    kept = sorted((tmp_path / "snapshots").iterdir())
    assert len(kept) == KEEP
    assert not first.path.exists()
    assert current(tmp_path).path in kept  # type: ignore[union-attr]


def test_blank_nodes_and_other_spacing_are_read_by_the_parser(
    session: Session, index: Index, tmp_path: Path
) -> None:
    for town in ("Dakar", "Bamako"):
        record = f"{PEER_URL}/actors/{uuid.uuid4()}"
        ntriples = (
            f"<{record}> <{SCHEMA.address}> _:b1.\n"
            f'_:b1   <{SCHEMA.addressLocality}> "{town}" .\n'
            f'<{record}> <{SCHEMA.name}> "{town} solidaire" .'  # no end of line
        )
        index.write(record, "actor", f"{town} solidaire", ntriples.encode())
    snapshot = refresh_from(session, tmp_path)
    store = ox.Store.read_only(str(snapshot.path))
    query = f"""SELECT ?name ?town WHERE {{ GRAPH <{PEER_GRAPH}> {{
        ?actor <{SCHEMA.name}> ?name ; <{SCHEMA.address}> ?address .
        ?address <{SCHEMA.addressLocality}> ?town }} }} ORDER BY ?town"""
    found = [(row["name"].value, row["town"].value) for row in store.query(query)]
    assert found == [("Bamako solidaire", "Bamako"), ("Dakar solidaire", "Dakar")]


def test_a_row_that_is_not_n_triples_is_left_out(
    session: Session, index: Index, tmp_path: Path
) -> None:
    index.write(f"{PEER_URL}/actors/{uuid.uuid4()}", "actor", "Cassé", b"<broken .\n")
    snapshot = refresh_from(session, tmp_path)
    assert snapshot.graphs == {OWN_GRAPH: (3, 9), PEER_GRAPH: (2, 6)}


def test_an_update_changes_the_fingerprint(session: Session, index: Index) -> None:
    before = repository.fingerprint(session)
    row = session.execute(select(IndexRecord).limit(1)).scalar_one()
    row.version += 1
    session.flush()
    assert repository.fingerprint(session) != before


def test_a_worker_refreshes_the_copy_from_an_engine(
    engines: dict[str, Engine], backend: str, settings: Settings
) -> None:
    engine = engines[backend]
    snapshot = refresh(engine, settings)
    with Session(engine) as session:
        rows = session.execute(select(func.count()).select_from(IndexRecord)).scalar_one()
    assert snapshot.records == rows
    assert snapshot.path.parent.parent == sparql_dir(settings)
    assert refresh(engine, settings) == snapshot
