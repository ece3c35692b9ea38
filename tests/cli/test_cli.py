"""The ``federation`` command, run as a user runs it: a real process on a real database."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.engine import make_url

from federation.cli.main import cli
from federation.db.engine import make_engine, normalise_url
from federation.db.migrate import head_revision
from tests.conftest import PG_URL, ensure_pg_database

ACTORS = "id_externe;nom;type;siren\nA1;Association Eau Vive;association;732829320\n"
BAD_ACTORS = ACTORS + "A2;Mauvais;association;732829321\n"


@pytest.fixture
def database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'cli.db'}"
        return
    url = make_url(normalise_url(PG_URL))
    rendered = url.set(database=f"{url.database}_cli").render_as_string(hide_password=False)
    ensure_pg_database(rendered)
    engine = make_engine(rendered)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    yield rendered


def run(
    *args: str, database_url: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "FED_DATABASE_URL": database_url,
        "FED_NODE_ID": "cli-test",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "federation", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["serve"],
        ["import"],
        ["token"],
        ["token", "create"],
        ["token", "list"],
        ["token", "revoke"],
        ["seed"],
        ["db"],
        ["db", "upgrade"],
        ["db", "current"],
        ["demo"],
    ],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_help_as_a_process(tmp_path: Path) -> None:
    result = run("--help", database_url=f"sqlite:///{tmp_path / 'help.db'}")
    assert result.returncode == 0
    assert "import" in result.stdout


def test_tokens(database_url: str) -> None:
    created = run("token", "create", "--role", "admin", "--name", "ci", database_url=database_url)
    assert created.returncode == 0, created.stderr
    secret = created.stdout.strip().splitlines()[-1]
    assert secret.startswith("fed_")
    assert len(secret) > 40
    listed = run("token", "list", database_url=database_url)
    assert secret[:12] in listed.stdout
    assert secret not in listed.stdout  # never shown again
    revoked = run("token", "revoke", secret[:12], database_url=database_url)
    assert revoked.returncode == 0, revoked.stderr
    assert "revoked" in run("token", "list", database_url=database_url).stdout
    missing = run("token", "revoke", "nope", database_url=database_url)
    assert missing.returncode == 1
    assert missing.stderr.startswith("error: ")
    assert len(missing.stderr.strip().splitlines()) == 1


def test_import_reports_and_exit_codes(database_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "acteurs.csv"
    bad.write_text(BAD_ACTORS, encoding="utf-8")
    dry = run("import", str(bad), "--dry-run", database_url=database_url)
    assert dry.returncode == 1
    assert "acteurs:3: [siren]" in dry.stdout
    assert "dry run" in dry.stdout
    strict = run("import", str(bad), "--strict", database_url=database_url)
    assert strict.returncode == 1
    assert "nothing written" in strict.stdout
    done = run("import", str(bad), database_url=database_url)
    assert done.returncode == 0, done.stderr
    assert "actors: 1 created, 0 updated, 0 unchanged, 1 rejected" in done.stdout
    again = run("import", str(bad), database_url=database_url)
    assert "actors: 0 created, 0 updated, 1 unchanged, 1 rejected" in again.stdout


def test_seed_and_db_commands(database_url: str) -> None:
    seeded = run("seed", "--actions", "60", database_url=database_url)
    assert seeded.returncode == 0, seeded.stderr
    assert "actions: 60 created" in seeded.stdout
    current = run("db", "current", database_url=database_url)
    assert current.stdout.strip() == head_revision()


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({"FED_BASE_URL": "ftp://example.org"}, "bad configuration"),
        ({"FED_ENVIRONMENT": "production"}, "FED_SECRET_KEY"),
        ({"FED_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"}, "database unreachable"),
    ],
)
def test_failures_are_one_line(tmp_path: Path, env: dict[str, str], words: str) -> None:
    result = run("db", "upgrade", database_url=f"sqlite:///{tmp_path / 'x.db'}", env=env)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert words in lines[0]


def test_missing_file(tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "absent.csv"), database_url=f"sqlite:///{tmp_path}/y.db")
    assert result.returncode == 1
    assert "No such file" in result.stderr
