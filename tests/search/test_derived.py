"""The tables derived from the index (search, same actor, reports) rebuilt from the rows give
what the incremental path gave, and a database missing them is noticed."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import delete, text
from sqlmodel import Session

from federation.index import derived
from federation.search import bitsets
from federation.search.models import SearchDoc, SearchFacet
from tests.search.conftest import PEER_URL, Rows


def _state(client: TestClient, actor: str) -> tuple[Any, ...]:
    bitsets.reset()
    search = client.get("/search", params={"q": "puits"}).json()
    report = client.get("/reports", params={"format": "json"}).json()
    same = client.get("/same-actor", params={"iri": actor}).json()
    return (
        search["total"],
        [hit["iri"] for hit in search["hits"]],
        search["facets"],
        (report["totals"], report["tables"]),
        sorted(record["iri"] for record in same["records"]),
    )


def test_a_rebuild_gives_what_the_incremental_path_gave(
    client: TestClient, session: Session, rows: Rows
) -> None:
    here = rows.put("actor", "Ville de Besançon", identifiers={"siren": "212500565"},
                    actor_type="collectivite")  # fmt: skip
    rows.put("actor", "Commune de Besançon", base=PEER_URL, identifiers={"siren": "212500565"},
             actor_type="collectivite")  # fmt: skip
    rows.put("action", "Puits à Kaya", countries=["BF"], sectors=["14030"], year=2024,
             fundings=[{"funder": here, "funder_name": None, "amount": "1000",
                        "currency": "EUR", "year": 2024, "status": "committed"}])  # fmt: skip
    rows.put("action", "Puits à Thiès", base=PEER_URL, countries=["SN"], sectors=["14030"])
    before = _state(client, here)
    assert before[0] == 2
    assert len(before[4]) == 2  # one actor in two networks
    assert derived.rebuild(session) == 4
    assert _state(client, here) == before
    assert not derived.missing(session)


def test_missing_derived_tables_are_noticed(session: Session, rows: Rows) -> None:
    rows.put("action", "Puits à Kaya", countries=["BF"])
    assert not derived.missing(session)
    session.execute(delete(SearchFacet))
    session.execute(delete(SearchDoc))
    if session.connection().dialect.name == "sqlite":
        session.execute(text("DELETE FROM search_fts"))
    else:
        session.execute(text("DELETE FROM search_text"))
    assert derived.missing(session)
    derived.rebuild(session)
    assert not derived.missing(session)
