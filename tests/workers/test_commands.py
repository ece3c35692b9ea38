"""``federation worker`` and ``federation ping`` as a user runs them."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from click.testing import CliRunner

from federation.cli.main import cli
from federation.cli.ping import inbox_url
from federation.cli.worker import WORKER_APP, worker_arguments

GOOD_TOKEN = "fed_inbox_bon"


@pytest.fixture
def inbox() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """A peer's inbox on loopback: 202 for the good token (scheduled once), 401 otherwise."""
    received: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            received.append(
                {
                    "path": self.path,
                    "authorization": self.headers.get("Authorization"),
                    "body": self.rfile.read(length),
                }
            )
            if self.headers.get("Authorization") != f"Bearer {GOOD_TOKEN}":
                self.answer(401, {"error": {"code": "unauthorized"}})
            else:
                self.answer(202, {"scheduled": len(received) == 1})

        def answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("command", [["worker"], ["ping"]])
def test_the_commands_have_help(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_a_worker_consumes_its_nodes_queue_with_beat_unless_told() -> None:
    with_beat = worker_arguments(
        queue="fed.resacoop", name="resacoop@%h", concurrency=2, beat=True, loglevel="info"
    )
    without = worker_arguments(
        queue="fed.resacoop", name="resacoop@%h", concurrency=2, beat=False, loglevel="info"
    )

    assert with_beat[:3] == ["--app", WORKER_APP, "worker"]
    assert with_beat[with_beat.index("--queues") + 1] == "fed.resacoop"
    assert "--beat" in with_beat
    assert "--beat" not in without


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://peer.example", "https://peer.example/inbox"),
        ("https://peer.example/", "https://peer.example/inbox"),
        ("https://peer.example/inbox", "https://peer.example/inbox"),
    ],
)
def test_ping_finds_the_inbox(given: str, expected: str) -> None:
    assert inbox_url(given) == expected


def test_ping_sends_the_token_and_says_what_happened(
    inbox: tuple[str, list[dict[str, Any]]],
) -> None:
    url, received = inbox
    runner = CliRunner()

    first = runner.invoke(cli, ["ping", url, "--token", GOOD_TOKEN])
    second = runner.invoke(cli, ["ping", url], env={"FED_PING_TOKEN": GOOD_TOKEN})

    assert first.exit_code == 0, first.output
    assert "harvest scheduled" in first.output
    assert second.exit_code == 0, second.output
    assert "already scheduled" in second.output
    assert [(r["path"], r["authorization"]) for r in received] == [
        ("/inbox", f"Bearer {GOOD_TOKEN}"),
        ("/inbox", f"Bearer {GOOD_TOKEN}"),
    ]


def test_ping_with_a_refused_token_fails(inbox: tuple[str, list[dict[str, Any]]]) -> None:
    url, _ = inbox

    result = CliRunner().invoke(cli, ["ping", url, "--token", "fed_inbox_mauvais"])

    assert result.exit_code == 1
    assert "401" in result.output


def test_ping_of_an_unreachable_peer_fails_in_one_line() -> None:
    result = CliRunner().invoke(cli, ["ping", "http://127.0.0.1:1", "--token", GOOD_TOKEN])

    assert result.exit_code == 1
    assert "unreachable" in result.output
