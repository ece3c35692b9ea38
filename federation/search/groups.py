"""Working groups across regions: every network's groups about a country or a theme ("all the
Burkina Faso groups"), found with the search's filters, each with its members resolved to the
actors the index knows (name, network), and the members it does not know listed by IRI."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from federation.codelists.registry import Scheme, codelists
from federation.index.models import IndexRecord
from federation.search.filters import Filters, SearchRequest, Sort
from federation.search.networks import networks
from federation.search.query import search
from federation.settings import Settings

MAX_GROUPS = 100


def groups_across(session: Session, settings: Settings, filters: Filters) -> dict[str, Any]:
    """The groups ``filters`` select (the kind is forced to groups), members included."""
    facets = {**filters.facets, "kind": ("group",)}
    request = SearchRequest(Filters(filters.q, facets), Sort.DATE, 1, MAX_GROUPS)
    found = search(session, request)
    known = networks(session, settings)
    rows = _rows(session, found.iris)
    member_iris = sorted(
        {m["actor"] for row in rows.values() for m in json.loads(row.data)["members"]}
    )
    actors = _rows(session, member_iris)
    roles = codelists()
    groups = []
    for iri in found.iris:
        row = rows.get(iri)
        if row is None:
            continue
        data = json.loads(row.data)
        network = known.get(row.source)
        members = []
        for member in data["members"]:
            actor = actors.get(member["actor"])
            actor_network = known.get(actor.source) if actor is not None else None
            members.append(
                {
                    "iri": member["actor"],
                    "name": actor.name if actor is not None else None,
                    "source": actor_network.name if actor_network else None,
                    "role": member["role"],
                    "role_label": roles[Scheme.GROUP_ROLE].label(member["role"])
                    if member["role"]
                    else None,
                }
            )
        groups.append(
            {
                "iri": iri,
                "name": row.name,
                "description": row.description,
                "group_kind": data.get("group_kind"),
                "countries": data.get("countries") or [],
                "themes": data.get("sectors") or [],
                "source": {
                    "node_id": row.source,
                    "name": network.name if network else row.source,
                    "stale": network.stale if network else False,
                },
                "modified": row.modified.isoformat(),
                "fetched_at": row.fetched_at.isoformat(),
                "members": members,
            }
        )
    return {"total": found.total, "shown": len(groups), "groups": groups}


def _rows(session: Session, iris: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for start in range(0, len(iris), 1_000):
        chunk = iris[start : start + 1_000]
        statement = select(
            col(IndexRecord.iri),
            col(IndexRecord.name),
            col(IndexRecord.source),
            col(IndexRecord.description),
            col(IndexRecord.modified),
            col(IndexRecord.fetched_at),
            col(IndexRecord.data),
        ).where(col(IndexRecord.iri).in_(chunk))
        found.update({row.iri: row for row in session.execute(statement)})
    return found
