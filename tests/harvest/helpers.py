"""What the harvest tests share: registering a live peer, reading the index and the runs."""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlmodel import Session, col

from federation.common.records import RecordKind, record_iri
from federation.harvest.client import PeerClient
from federation.harvest.models import HarvestRun, QuarantinedMember
from federation.harvest.schemas import RunReport
from federation.harvest.service import harvest
from federation.index.models import IndexRecord
from federation.peers import service
from federation.peers.models import Peer
from federation.publication.models import RecordRdf
from federation.settings import Settings
from tests.live import Node


def register(engine: Engine, settings: Settings, url: str) -> int:
    with Session(engine) as session, PeerClient(settings) as client:
        peer, _token = service.register(session, client, settings, url)
        session.commit()
        assert peer.id is not None
        return peer.id


def run(engine: Engine, settings: Settings, peer_id: int, **kwargs: object) -> RunReport:
    """One harvest with a fresh client (so its request count is the run's)."""
    with PeerClient(settings) as client:
        return harvest(engine, settings, peer_id, client=client, **kwargs)  # type: ignore[arg-type]


def peer_row(engine: Engine, peer_id: int) -> Peer:
    with Session(engine) as session:
        peer = session.get(Peer, peer_id)
        assert peer is not None
        session.expunge(peer)
        return peer


def index_versions(engine: Engine, peer_id: int | None = None) -> dict[str, int]:
    """IRI -> version of the index rows (of one peer when given)."""
    with Session(engine) as session:
        stmt = select(col(IndexRecord.iri), col(IndexRecord.version))
        if peer_id is not None:
            stmt = stmt.where(col(IndexRecord.peer_id) == peer_id)
        return dict(session.execute(stmt).all())


def published_versions(node: Node) -> dict[str, int]:
    """IRI -> version of what a node publishes (its stored RDF)."""
    with node.session() as session:
        rows = session.execute(
            select(col(RecordRdf.kind), col(RecordRdf.id), col(RecordRdf.version))
        ).all()
    return {record_iri(node.url, RecordKind(kind), rid): version for kind, rid, version in rows}


def runs_of(engine: Engine, peer_id: int) -> list[HarvestRun]:
    with Session(engine) as session:
        stmt = select(HarvestRun).where(col(HarvestRun.peer_id) == peer_id)
        return list(session.execute(stmt.order_by(col(HarvestRun.id))).scalars())


def quarantined(engine: Engine, peer_id: int) -> list[QuarantinedMember]:
    with Session(engine) as session:
        stmt = select(QuarantinedMember).where(col(QuarantinedMember.peer_id) == peer_id)
        return list(session.execute(stmt.order_by(col(QuarantinedMember.id))).scalars())


def count_index(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.execute(select(func.count()).select_from(IndexRecord)).scalar_one())
