"""Migrations build the schema from an empty database, match the models, and keep data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import make_url

from federation.db.engine import make_engine, normalise_url
from federation.db.metadata import in_models, metadata
from federation.db.migrate import current_revision, head_revision, upgrade
from tests.conftest import PG_URL, ensure_pg_database


@pytest.fixture
def empty_engine(backend: str, tmp_path: Path) -> Iterator[Engine]:
    """A database with nothing in it, of the backend under test."""
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    else:
        url = make_url(normalise_url(PG_URL))
        url = url.set(database=f"{url.database}_migrations")
        rendered = url.render_as_string(hide_password=False)
        ensure_pg_database(rendered)
        engine = make_engine(rendered)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    yield engine
    engine.dispose()


def test_upgrade_from_empty_matches_the_models(empty_engine: Engine) -> None:
    assert current_revision(empty_engine) is None
    upgrade(empty_engine)
    assert current_revision(empty_engine) == head_revision()
    with empty_engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": in_models}
        )
        assert compare_metadata(context, metadata) == []
    assert set(metadata.tables) <= set(inspect(empty_engine).get_table_names())


def test_upgrade_again_keeps_the_data(empty_engine: Engine) -> None:
    upgrade(empty_engine)
    with empty_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO network (id, created, modified, version, node_id, name, region) "
                "VALUES (:id, :now, :now, 1, 'n', 'Réseau', 'Bretagne')"
            ),
            {
                "id": "0" * 32
                if empty_engine.dialect.name == "sqlite"
                else "00000000-0000-0000-0000-000000000000",
                "now": "2026-01-01 00:00:00",
            },
        )
    upgrade(empty_engine)
    with empty_engine.connect() as connection:
        assert connection.execute(text("SELECT name FROM network")).scalar_one() == "Réseau"
