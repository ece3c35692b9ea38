"""A search as the API answers it: the hits with their provenance, the facet counts with
labels, and the filters in force (each with the link that removes it)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from federation.index.models import IndexRecord
from federation.search.facets import BY_NAME, FACETS, label
from federation.search.filters import SearchRequest
from federation.search.networks import Network, networks
from federation.search.query import search
from federation.settings import Settings

SNIPPET_CHARS = 300
FACET_VALUES = 50  # values shown per facet (the most frequent)


def run(session: Session, settings: Settings, request: SearchRequest) -> dict[str, Any]:
    found = search(session, request)
    known = networks(session, settings)
    names = {node: network.name for node, network in known.items()}
    hits = _hits(session, found.iris, known)
    facets = {}
    for facet in FACETS:
        chosen = set(request.filters.facets.get(facet.name, ()))
        counted = found.facets.get(facet.name, {})
        values = sorted(counted.items(), key=lambda item: (-item[1], item[0]))[:FACET_VALUES]
        values += [(value, 0) for value in sorted(chosen - {v for v, _ in values})]
        if facet.name == "year":
            values.sort(key=lambda item: item[0], reverse=True)
        facets[facet.name] = {
            "label": facet.label_fr,
            "label_en": facet.label_en,
            "values": [
                {
                    "value": value,
                    "label": label(facet.name, value, names),
                    "label_en": label(facet.name, value, names, "en"),
                    "count": count,
                    "selected": value in chosen,
                }
                for value, count in values
            ],
        }
    pages = max(1, -(-found.total // request.per_page))
    return {
        "query": {
            "q": request.filters.q,
            "filters": {k: list(v) for k, v in sorted(request.filters.facets.items())},
            "sort": request.sort.value,
            "page": request.page,
            "per_page": request.per_page,
        },
        "total": found.total,
        "pages": pages,
        "hits": hits,
        "facets": facets,
        "active": [
            {
                "facet": name,
                "facet_label": BY_NAME[name].label_fr,
                "value": value,
                "label": label(name, value, names),
            }
            for name, values in sorted(request.filters.facets.items())
            for value in values
        ],
    }


def _hits(session: Session, iris: list[str], known: dict[str, Network]) -> list[dict[str, Any]]:
    if not iris:
        return []
    statement = select(
        col(IndexRecord.iri),
        col(IndexRecord.kind),
        col(IndexRecord.source),
        col(IndexRecord.name),
        col(IndexRecord.description),
        col(IndexRecord.modified),
        col(IndexRecord.fetched_at),
        col(IndexRecord.data),
    ).where(col(IndexRecord.iri).in_(iris))
    rows = {row.iri: row for row in session.execute(statement)}
    hits = []
    for iri in iris:
        row = rows.get(iri)
        if row is None:  # removed between the search and this read
            continue
        data = json.loads(row.data)
        network = known.get(row.source)
        description = row.description or ""
        hits.append(
            {
                "iri": row.iri,
                "kind": row.kind,
                "name": row.name,
                "description": description[:SNIPPET_CHARS]
                + ("…" if len(description) > SNIPPET_CHARS else ""),
                "source": {
                    "node_id": row.source,
                    "name": network.name if network else row.source,
                    "own": network.own if network else False,
                    "stale": network.stale if network else False,
                },
                "modified": row.modified.isoformat(),
                "fetched_at": row.fetched_at.isoformat(),
                "countries": data.get("countries") or [],
                "sectors": data.get("sectors") or [],
                "year": data.get("year"),
                "status": data.get("status"),
                "actor_type": data.get("actor_type"),
            }
        )
    return hits
