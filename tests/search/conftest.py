"""Index rows for search tests, applied the way a harvest applies them
(``federation.index.service.apply``), so the search tables are built by the real hook."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import Session

from federation.feed.models import Activity
from federation.index.fields import _sdg_goals, _sector_categories
from federation.index.members import Member
from federation.index.service import apply
from federation.peers.models import Peer, PeerState
from federation.search import bitsets
from tests.conftest import BASE_URL

PEER_URL = "https://peer.test"
OTHER_URL = "https://other.test"
START = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fresh_bitsets() -> Iterator[None]:
    """Each test's rows are rolled back, so ids are reused: no bitsets may outlive a test."""
    bitsets.reset()
    yield
    bitsets.reset()


@dataclass
class Rows:
    session: Session
    counter: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def peers(self) -> None:
        """Two peers: 'peer' (active) and 'other' (unavailable: its rows are stale)."""
        for peer_id, node, url, state in (
            (1, "peer", PEER_URL, PeerState.ACTIVE),
            (2, "other", OTHER_URL, PeerState.UNAVAILABLE),
        ):
            self.session.add(
                Peer(
                    id=peer_id,
                    node_id=node,
                    base_url=url,
                    name=f"Réseau {node}",
                    vocabulary_version="1.0",
                    well_known_url=f"{url}/.well-known/rrma-node",
                    dump_url=f"{url}/dump",
                    state=state,
                    last_success_at=START,
                )
            )
        self.session.flush()

    def put(
        self,
        kind: str,
        name: str,
        *,
        base: str = BASE_URL,
        description: str | None = None,
        version: int = 1,
        iri: str | None = None,
        **data: Any,
    ) -> str:
        n = next(self.counter)
        iri = iri or f"{base}/{kind}s/{n:08d}"
        modified = START + timedelta(days=n)
        fields: dict[str, Any] = {
            "kind": kind,
            "name": name,
            "description": description,
            "external_id": None,
            "created": modified.isoformat(),
            "modified": modified.isoformat(),
            "version": version,
            "countries": [],
            "sectors": [],
            **data,
        }
        fields["sector_categories"] = _sector_categories(fields["sectors"])
        if kind != "group":
            fields.setdefault("sdgs", [])
            fields["sdg_goals"] = _sdg_goals(fields["sdgs"])
        self._apply(Member(iri, Activity.UPDATE, version, None, None, kind, b"", fields, []))
        return iri

    def delete(self, iri: str, version: int) -> None:
        self._apply(Member(iri, Activity.DELETE, version, None, None, None, b"", {}, []))

    def _apply(self, member: Member) -> None:
        base = member.iri.split("/")[2]
        source, peer_id = {
            "peer.test": ("peer", 1),
            "other.test": ("other", 2),
        }.get(base, ("test", None))
        counts = apply(self.session, [member], source=source, peer_id=peer_id, fetched_at=START)
        assert not counts.conflicts
        self.session.flush()


@pytest.fixture
def rows(session: Session) -> Rows:
    made = Rows(session)
    made.peers()
    return made
