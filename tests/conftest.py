"""Test fixtures: real SQLite and real PostgreSQL, a rolled-back transaction per test.

PostgreSQL runs when ``FED_TEST_DATABASE_URL`` names it (CI does); when it is named and cannot
be reached the tests fail, they are not skipped. Without it, PostgreSQL cases are skipped with
the reason shown."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from federation.api.app import create_app
from federation.api.deps import get_session
from federation.auth.models import Role
from federation.auth.service import create_token
from federation.db.engine import make_engine, normalise_url
from federation.db.migrate import upgrade
from federation.settings import Environment, Settings

PG_URL = os.environ.get("FED_TEST_DATABASE_URL", "")
BASE_URL = "https://node.test"

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if PG_URL:
        return
    skip = pytest.mark.skip(reason="PostgreSQL not configured: set FED_TEST_DATABASE_URL")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def _fresh_postgres(url: str) -> Engine:
    """Recreate the test database's schema from nothing, then migrate it."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    except Exception as error:
        pytest.fail(f"FED_TEST_DATABASE_URL is set but PostgreSQL is unreachable: {error}")
    return engine


def ensure_pg_database(url: str) -> None:
    """Create the test database if the server lacks it (connecting to 'postgres' to do so)."""
    parsed = make_url(normalise_url(url))
    admin = make_engine(
        parsed.set(database="postgres").render_as_string(hide_password=False),
        isolation_level="AUTOCOMMIT",
    )
    try:
        with admin.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"),
                {"name": parsed.database},
            ).scalar()
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    except Exception as error:
        pytest.fail(f"FED_TEST_DATABASE_URL is set but PostgreSQL is unreachable: {error}")
    finally:
        admin.dispose()


@pytest.fixture(scope="session")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Engine]]:
    """One migrated engine per backend for the whole run."""
    built: dict[str, Engine] = {}
    path = tmp_path_factory.mktemp("db") / "test.db"
    built["sqlite"] = make_engine(f"sqlite:///{path}")
    upgrade(built["sqlite"])
    if PG_URL:
        ensure_pg_database(PG_URL)
        built["postgresql"] = _fresh_postgres(PG_URL)
        upgrade(built["postgresql"])
    yield built
    for engine in built.values():
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def connection(engines: dict[str, Engine], backend: str) -> Iterator[Connection]:
    """A connection inside a transaction that is rolled back after the test."""
    with engines[backend].connect() as connection:
        transaction = connection.begin()
        try:
            yield connection
        finally:
            transaction.rollback()


def bound_session(connection: Connection) -> Session:
    # Commits inside the code under test release a savepoint; the outer transaction stays ours.
    return Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )


@pytest.fixture
def session(connection: Connection) -> Iterator[Session]:
    with bound_session(connection) as session:
        yield session


@pytest.fixture
def settings() -> Settings:
    return Settings(
        environment=Environment.TEST,
        secret_key=SecretStr("test-secret-not-for-production"),
        base_url=BASE_URL,
        node_id="test",
        network_name="Réseau de test",
        region="Bourgogne-Franche-Comté",
    )


@pytest.fixture
def app(settings: Settings, connection: Connection) -> FastAPI:
    app = create_app(settings, engine=connection.engine)

    def test_session() -> Iterator[Session]:
        with bound_session(connection) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    app.dependency_overrides[get_session] = test_session
    return app


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def make_token(connection: Connection) -> Callable[[Role], str]:
    def make(role: Role = Role.EDITOR) -> str:
        with bound_session(connection) as session:
            issued = create_token(session, role=role, name=f"test-{role.value}")
            session.commit()
            return issued.secret

    return make


@pytest.fixture
def editor(make_token: Callable[[Role], str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token(Role.EDITOR)}"}


@pytest.fixture
def admin(make_token: Callable[[Role], str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token(Role.ADMIN)}"}


FIXTURES = Path(__file__).parent / "fixtures"
