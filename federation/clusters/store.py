"""Keep the actor clusters in step with the index, in the same transaction as every change of
its rows (called by ``federation.index.derived``).

Only what the changed rows touch is recomputed. Clusters depend on match keys alone: an actor
whose keys changed (or that came or went) has its old and new clusters walked again, so a
removed or changed actor may split its old cluster. Name pairs depend on names alone: only new
names are compared. A row that changed neither (its description, countries...) costs a read."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from federation.clusters import pairs, repository
from federation.clusters.components import recluster
from federation.clusters.keys import prepare


def refresh(session: Session, removed: Sequence[str], added: Sequence[dict[str, Any]]) -> None:
    """Index rows ``removed`` (IRIs) are gone and ``added`` (index row dicts) are new."""
    actors = [prepare(row, _data(row)) for row in added if row["kind"] == "actor"]
    if not actors and not repository.clusters_of(session, removed):
        return  # no actor among the changed rows
    repository.lock(session)
    before = repository.previous(session, [*removed, *(actor.iri for actor in actors)])
    gone = set(before) - {actor.iri for actor in actors}
    unknown = ("", "", "")
    rekeyed = [a for a in actors if before.get(a.iri, unknown)[2] != " ".join(a.keys)]
    renamed = [a for a in actors if before.get(a.iri, unknown)[1] != a.match_name]
    changed = {a.iri: a for a in [*rekeyed, *renamed]}
    # Old places: the clusters to walk again, and where an actor stays if its keys did not move.
    moved = gone | {a.iri for a in rekeyed if a.iri in before}
    fellows = repository.members_of(session, {before[iri][0] for iri in moved})
    repository.remove_members(session, [*gone, *(iri for iri in changed if iri in before)])
    repository.insert_members(
        session, list(changed.values()), {i: before[i][0] for i in changed if i in before}
    )
    repository.remove_keys(session, [*gone, *(a.iri for a in rekeyed if a.iri in before)])
    repository.insert_keys(session, rekeyed)
    repository.remove_names(session, [*gone, *(a.iri for a in renamed if a.iri in before)])
    repository.insert_blocks(session, renamed)
    pairs.find(session, renamed)
    seeds = [iri for members in fellows.values() for iri in members]
    if seeds or rekeyed:
        recluster(session, [*seeds, *(actor.iri for actor in rekeyed)])


def _data(row: dict[str, Any]) -> dict[str, Any]:
    data = row["data"]
    parsed = json.loads(data) if isinstance(data, str | bytes) else data
    return parsed if isinstance(parsed, dict) else {}
