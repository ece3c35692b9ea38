"""Index rows of actors as the records shown side by side: each with the network it comes from
and the values as that network publishes them (nothing merged, nothing picked)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session

from federation.clusters import queries
from federation.clusters.keys import invalid_identifiers
from federation.clusters.schemas import ActorRecord, Network
from federation.codelists.registry import Scheme, codelists
from federation.settings import Settings


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def address_line(address: Any) -> str | None:
    """``street, postal code city``, or None when the record gives no address."""
    if not isinstance(address, dict):
        return None
    street = _text(address.get("street"))
    town = " ".join(t for t in (_text(address.get("postal_code")), _text(address.get("city"))) if t)
    return ", ".join(part for part in (street, town) if part) or None


def networks(session: Session, settings: Settings, rows: Iterable[Any]) -> dict[str, Network]:
    """The network of each source among the rows: the node's own, or a registered peer."""
    sources = {row.source for row in rows}
    peers = queries.peers_by_node(session, sources - {settings.node_id})
    found: dict[str, Network] = {}
    for source in sources:
        peer = peers.get(source)
        if source == settings.node_id:
            found[source] = Network(
                node_id=source,
                name=settings.network_name,
                region=settings.region,
                own=True,
                last_success_at=None,
            )
        else:
            found[source] = Network(
                node_id=source,
                name=peer.name if peer else source,
                region=peer.region if peer else None,
                own=False,
                last_success_at=peer.last_success_at if peer else None,
            )
    return found


def record(row: Any, network: Network) -> ActorRecord:
    """One index row as a record of the cluster page."""
    data = json.loads(row.data)
    identifiers = data.get("identifiers") if isinstance(data.get("identifiers"), dict) else {}
    address = data.get("address") if isinstance(data.get("address"), dict) else {}
    actor_type = _text(data.get("actor_type"))
    return ActorRecord(
        iri=row.iri,
        network=network,
        name=row.name,
        acronym=_text(data.get("acronym")),
        actor_type=actor_type,
        actor_type_label=codelists()[Scheme.ACTOR_TYPE].label(actor_type) if actor_type else None,
        address=address_line(address),
        city=_text(address.get("city")),
        departement=_text(address.get("departement")),
        website=_text(data.get("website")),
        email=_text(data.get("email")),
        identifiers={k: v for k, v in identifiers.items() if isinstance(v, str)},
        invalid_identifiers=invalid_identifiers(identifiers),
        modified=row.modified,
        fetched_at=row.fetched_at,
    )


def records(session: Session, settings: Settings, iris: Iterable[str]) -> list[ActorRecord]:
    """The records of ``iris`` (actors of the index), by network name then IRI."""
    rows = queries.index_rows(session, iris)
    by_source = networks(session, settings, rows)
    made = [record(row, by_source[row.source]) for row in rows]
    return sorted(made, key=lambda r: (not r.network.own, r.network.name, r.iri))
