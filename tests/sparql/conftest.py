"""An index with known rows from two sources, and an app whose SPARQL copy is built from it.

The copy is refreshed in a thread of the app with a session on the test's connection (the rows
of a test are never committed): a test waits for that thread (``sparql.wait()``) before it
touches the connection again."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import Connection
from sqlmodel import Session

from federation.index.models import IndexRecord
from federation.settings import Environment, Settings
from federation.sparql.service import SparqlService
from schemas.namespaces import CONCEPT, RDF, RRMA, SCHEMA
from tests.conftest import BASE_URL, bound_session

PEER_URL = "https://peer.test"
OWN_GRAPH = f"{BASE_URL}/network"
PEER_GRAPH = f"{PEER_URL}/network"
AT = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)

Triple = tuple[str, str, str]  # N-Triples terms


def iri(value: object) -> str:
    return f"<{value}>"


def text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a plain literal, escaped as N-Triples wants


def country(code: str) -> str:
    return iri(CONCEPT[f"country/{code}"])


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        environment=Environment.TEST,
        secret_key=SecretStr("test-secret-not-for-production"),
        base_url=BASE_URL,
        node_id="test",
        network_name="Réseau de test",
        data_dir=tmp_path,
        sparql_processes=1,
        sparql_timeout_seconds=5.0,
        sparql_refresh_seconds=3_600,
    )


@pytest.fixture
def sparql(app: FastAPI, connection: Connection) -> SparqlService:
    """The app's SPARQL service, refreshing its copy from the test's connection."""
    service: SparqlService = app.state.sparql
    service.open_session = lambda: bound_session(connection)
    return service


@pytest.fixture
def configure(
    app: FastAPI, sparql: SparqlService, settings: Settings
) -> Iterator[Callable[..., SparqlService]]:
    """Give the app a SPARQL service with other settings (``sparql_max_rows=2``…)."""
    made: list[SparqlService] = []

    def configure(**changes: Any) -> SparqlService:
        service = SparqlService(settings.model_copy(update=changes), sparql.open_session)
        made.append(service)
        app.state.sparql = service
        return service

    yield configure
    for service in made:
        service.close()


@dataclass
class Index:
    """Rows written straight into the index, with the N-Triples a source would have served."""

    session: Session

    def add(
        self,
        base: str,
        kind: str,
        name: str,
        triples: list[Triple],
        *,
        version: int = 1,
    ) -> str:
        record = f"{base}/{kind}s/{uuid.uuid4()}"
        lines = [
            f"{iri(record)} {iri(RDF.type)} {iri(getattr(RRMA, kind.capitalize()))} .",
            f"{iri(record)} {iri(SCHEMA.name)} {text(name)} .",
            *(f"{iri(record)} {p} {o} ." for _, p, o in triples),
        ]
        self.write(record, kind, name, ("\n".join(lines) + "\n").encode(), version=version)
        return record

    def write(self, record: str, kind: str, name: str, ntriples: bytes, version: int = 1) -> None:
        """A row with these N-Triples, whatever their form."""
        own = record.startswith(f"{BASE_URL}/")
        self.session.add(
            IndexRecord(
                iri=record,
                kind=kind,
                source="test" if own else "peer",
                peer_id=None if own else 1,
                version=version,
                modified=AT,
                fetched_at=datetime.now(UTC),
                name=name,
                data="{}",
                ntriples=ntriples,
            )
        )
        self.session.flush()

    def action(self, base: str, name: str, *countries: str) -> str:
        return self.add(
            base,
            "action",
            name,
            [("", iri(RRMA.recipientCountry), country(code)) for code in countries],
        )


@pytest.fixture
def index(session: Session) -> Index:
    """Two own actions and an actor, two actions of a peer: BF 2, SN 2, ML 1."""
    rows = Index(session)
    rows.action(BASE_URL, "Puits au Burkina", "BF", "SN")
    rows.action(BASE_URL, "École à Ouagadougou", "BF")
    rows.add(BASE_URL, "actor", "Association « Solidarité »", [])
    rows.action(PEER_URL, "Maraîchage au Sénégal", "SN")
    rows.action(PEER_URL, "Santé au Mali", "ML")
    session.commit()
    return rows
