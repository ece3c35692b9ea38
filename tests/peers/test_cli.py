"""``federation peers`` and ``federation harvest`` against a real peer on loopback, the
harvesting node on its own SQLite file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from federation.cli.main import cli
from federation.settings import get_settings
from tests.live import Nodes

Run = Callable[..., Result]


@pytest.fixture
def run_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Run]:
    """The command in this process (a process each costs seconds of imports), with its own
    environment: the harvesting node on a SQLite file."""
    monkeypatch.setenv("FED_DATABASE_URL", f"sqlite:///{tmp_path / 'national.db'}")
    monkeypatch.setenv("FED_NODE_ID", "national")
    monkeypatch.setenv("FED_BASE_URL", "http://national.test")
    monkeypatch.setenv("FED_HARVEST_TIMEOUT_SECONDS", "5")
    get_settings.cache_clear()
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(cli, list(args), catch_exceptions=False)

    yield run
    get_settings.cache_clear()


def test_add_list_harvest_runs_and_remove(nodes: Nodes, run_cli: Run) -> None:
    peer = nodes.node("la-reunion", actions=4)

    added = run_cli("peers", "add", peer.url, "--interval", "60")
    assert added.exit_code == 0, added.stderr
    assert added.stdout.strip().startswith("fed_inbox_")  # the token alone on stdout
    assert "shown once" in added.stderr
    again = run_cli("peers", "add", peer.url)
    assert again.exit_code == 1
    assert "already exists" in again.stderr

    harvested = run_cli("harvest")
    assert harvested.exit_code == 0, harvested.stderr
    assert "la-reunion: ok (bootstrap)" in harvested.stdout
    quiet = run_cli("harvest", "la-reunion")
    assert "ok (unchanged)" in quiet.stdout
    assert "1 requests" in quiet.stdout

    listed = run_cli("peers", "list")
    header, row = listed.stdout.strip().splitlines()
    assert header.split()[:4] == ["id", "node", "state", "last"]
    assert "la-reunion" in row
    assert "active" in row

    runs = run_cli("peers", "runs", "la-reunion")
    assert "2 of 2 runs" in runs.stdout
    assert "bootstrap" in runs.stdout
    assert "0 of 0 quarantined" in run_cli("peers", "quarantine", "1").stdout

    refused = run_cli("peers", "confirm", "la-reunion")
    assert refused.exit_code == 1
    assert "cannot confirm" in refused.stderr
    assert run_cli("peers", "resume", peer.url).stdout.strip() == "la-reunion: active"

    removed = run_cli("peers", "remove", "la-reunion")
    assert removed.exit_code == 0
    assert "removed peer la-reunion" in removed.stdout
    assert "no peer to harvest" in run_cli("harvest").stdout
    missing = run_cli("harvest", "la-reunion")
    assert missing.exit_code == 1
    assert "not found" in missing.stderr


def test_harvest_reports_an_unreachable_peer_and_fails(nodes: Nodes, run_cli: Run) -> None:
    peer = nodes.node("mayotte")
    assert run_cli("peers", "add", peer.url).exit_code == 0
    peer.server.stop()
    result = run_cli("harvest")
    assert result.exit_code == 1
    assert "mayotte: failed" in result.stdout
    assert "unreachable" in result.stdout
