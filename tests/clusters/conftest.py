"""Networks that publish actors into the index the way a harvest does: members applied by
``federation.index.service.apply`` (which keeps the clusters in step), own records with no peer
and the node's id as source, peers' records with their peer row."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import Session

from federation.index.members import Member
from federation.index.service import apply
from federation.peers.models import Peer
from tests.conftest import BASE_URL

AT = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)

# Valid identifiers (checked by python-stdnum / federation.identifiers) and near misses.
SIREN = "732829320"
SIRET_OF_SIREN = "73282932000074"  # its SIREN is SIREN
OTHER_SIREN = "552100554"
BAD_SIREN = "732829321"  # Luhn fails
RNA = "W751234567"
OTHER_RNA = "W922000123"


@dataclass
class Network:
    """A network whose actors reach the index: the node itself (no peer) or a peer."""

    node_id: str
    base: str
    peer_id: int | None
    name: str


@dataclass
class Federation:
    session: Session
    networks: dict[str, Network]
    versions: dict[str, int] = field(default_factory=dict)
    _ticks: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def iri(self, network: str, key: str) -> str:
        return f"{self.networks[network].base}/actors/{key}"

    def member(self, network: str, key: str, name: str, **fields: Any) -> Member:
        """A new version of an actor record (an update when the IRI is known)."""
        iri = self.iri(network, key)
        version = self.versions.get(iri, 0) + 1
        self.versions[iri] = version
        data: dict[str, Any] = {
            "kind": "actor",
            "name": name,
            "description": None,
            "modified": f"2026-11-{10 + next(self._ticks) % 15:02d}T10:00:00+00:00",
            "version": version,
            "acronym": None,
            "actor_type": "association",
            "identifiers": {},
            "address": None,
            "website": None,
            "email": None,
            "countries": [],
            "sectors": [],
            "sdgs": [],
        }
        data.update(fields)
        return Member(iri, "update", version, None, None, "actor", b"", data, [])

    def deletion(self, network: str, key: str) -> Member:
        iri = self.iri(network, key)
        version = self.versions[iri] + 1
        self.versions[iri] = version
        return Member(iri, "delete", version, None, None, "actor", b"", {}, [])

    def harvest(self, network: str, *members: Member) -> None:
        """Apply members of one network, as a harvest (or the own-record sync) does."""
        source = self.networks[network]
        apply(
            self.session,
            list(members),
            source=source.node_id,
            peer_id=source.peer_id,
            fetched_at=AT,
        )

    def publish(self, network: str, key: str, name: str, **fields: Any) -> str:
        self.harvest(network, self.member(network, key, name, **fields))
        return self.iri(network, key)


def _peer(session: Session, node_id: str, name: str, region: str) -> Network:
    base = f"https://{node_id}.example.org"
    peer = Peer(
        node_id=node_id,
        base_url=base,
        name=name,
        region=region,
        vocabulary_version="1.0",
        well_known_url=f"{base}/.well-known/rrma-node",
        dump_url=f"{base}/dump",
        last_success_at=AT,
    )
    session.add(peer)
    session.flush()
    assert peer.id is not None
    return Network(node_id, base, peer.id, name)


@pytest.fixture
def federation(session: Session) -> Federation:
    """The node itself (BFC, source "test") and two peers: Occitanie and Bretagne."""
    return Federation(
        session,
        {
            "own": Network("test", BASE_URL, None, "Réseau de test"),
            "occ": _peer(session, "occ", "Occitanie Coopération", "Occitanie"),
            "bzh": _peer(session, "bzh", "Réseau Bretagne Solidaire", "Bretagne"),
        },
    )
