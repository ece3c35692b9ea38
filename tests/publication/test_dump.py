"""The dump in record IRI order, resumable with ``?after=``, and the feed position read before
its state (``feed_seq``, ``X-Feed-Seq``)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from federation.feed.repository import last_seq
from tests.api.helpers import error_of
from tests.conftest import BASE_URL
from tests.factories import actor_payload
from tests.publication.conftest import Seeded

NETWORK = f"<{BASE_URL}/network>"


def record_lines(body: bytes) -> list[bytes]:
    return [
        line for line in body.splitlines(keepends=True) if not line.startswith(NETWORK.encode())
    ]


def record_of(line: bytes) -> str:
    """The record a dump line belongs to: its subject, without the ``#part``."""
    return line.split(b" ", 1)[0].decode().strip("<>").split("#", 1)[0]


def subjects_in_order(body: bytes) -> list[str]:
    """The record IRIs in the order the dump gives them (a record's triples are contiguous)."""
    order: list[str] = []
    for line in record_lines(body):
        record = record_of(line)
        if not order or order[-1] != record:
            order.append(record)
    return order


def test_the_dump_is_in_record_iri_order(client: TestClient, seeded: Seeded) -> None:
    order = subjects_in_order(client.get("/dump.nt").content)
    assert order == sorted(order)
    assert len(order) == len(set(order)) == len(seeded.all)
    kinds = [iri.removeprefix(f"{BASE_URL}/").split("/")[0] for iri in order]
    assert kinds == sorted(kinds)  # actions, actors, groups


@pytest.mark.parametrize("cut", [0, 1, 7, -1])
def test_resuming_after_a_record_joins_into_the_full_dump(
    client: TestClient, seeded: Seeded, cut: int
) -> None:
    full = client.get("/dump.nt").content
    order = subjects_in_order(full)
    after = order[cut]
    lines = full.splitlines(keepends=True)
    last = max(i for i, line in enumerate(lines) if record_of(line) == after)
    rest = client.get("/dump.nt", params={"after": after})
    assert rest.status_code == 200
    assert not rest.content.startswith(NETWORK.encode())
    assert b"".join(lines[: last + 1]) + rest.content == full
    expected = order[cut + 1 :] if cut >= 0 else []
    assert subjects_in_order(rest.content) == expected
    assert rest.headers["etag"] != client.get("/dump.nt").headers["etag"]
    assert seeded.all


def test_resuming_after_a_deleted_record_still_works(
    client: TestClient, editor: dict[str, str], seeded: Seeded
) -> None:
    actor = client.post("/api/actors", json=actor_payload(), headers=editor).json()
    client.delete(f"/api/actors/{actor['id']}", headers=editor)
    rest = client.get("/dump", params={"after": actor["iri"]})
    assert rest.status_code == 200
    assert all(iri > actor["iri"] for iri in subjects_in_order(rest.content))
    assert seeded.all


@pytest.mark.parametrize(
    "after",
    [
        "",
        "nonsense",
        "https://elsewhere.example/actors/6f1c1a52-3c55-4f6e-9a43-8a2f1d1f1b10",
        f"{BASE_URL}/people/6f1c1a52-3c55-4f6e-9a43-8a2f1d1f1b10",
        f"{BASE_URL}/actors/not-a-uuid",
        f"{BASE_URL}/actors/6F1C1A52-3C55-4F6E-9A43-8A2F1D1F1B10",
        f"{BASE_URL}/actors/6f1c1a523c554f6e9a438a2f1d1f1b10",
        f"{BASE_URL}/actors/6f1c1a52-3c55-4f6e-9a43-8a2f1d1f1b10#address",
        f"{BASE_URL}/actors/6f1c1a52-3c55-4f6e-9a43-8a2f1d1f1b10/x",
        f"{BASE_URL}/network",
    ],
)
def test_a_bad_cursor_is_refused(client: TestClient, after: str) -> None:
    error_of(client.get("/dump", params={"after": after}), 400, "invalid_dump_cursor")


def test_an_overlong_cursor_is_refused(client: TestClient) -> None:
    error_of(client.get("/dump", params={"after": "x" * 601}), 422, "validation_error")


def test_the_state_names_the_feed_position(
    client: TestClient, session: Session, editor: dict[str, str], seeded: Seeded
) -> None:
    state = client.get("/dump/state").json()
    assert state["feed_seq"] == last_seq(session)
    assert client.head("/dump").headers["x-feed-seq"] == str(state["feed_seq"])
    client.post("/api/actors", json=actor_payload(), headers=editor)
    after = client.get("/dump/state").json()
    assert after["feed_seq"] == state["feed_seq"] + 1
    assert client.get("/dump.nt").headers["x-feed-seq"] == str(after["feed_seq"])
    assert seeded.all
