"""The node's own network record, kept in step with the settings."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session, col

from federation.common.fields import utcnow
from federation.network.models import Network
from federation.settings import Settings


def ensure_network(session: Session, settings: Settings) -> Network:
    """Create the network row, or update it when the settings changed."""
    stmt = select(Network).where(col(Network.node_id) == settings.node_id)
    network = session.execute(stmt).scalar_one_or_none()
    wanted = {
        "name": settings.network_name,
        "acronym": settings.network_acronym or None,
        "region": settings.region,
        "website": settings.network_website or None,
    }
    if network is None:
        network = Network(
            node_id=settings.node_id,
            name=settings.network_name,
            acronym=settings.network_acronym or None,
            region=settings.region,
            website=settings.network_website or None,
        )
        session.add(network)
    elif any(getattr(network, key) != value for key, value in wanted.items()):
        for key, value in wanted.items():
            setattr(network, key, value)
        network.modified = utcnow()
        network.version += 1
    session.flush()
    return network
