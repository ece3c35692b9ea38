"""Apply members to the index (docs/federation-protocol.md, "Harvest" step 4 and "The index").

A member is applied only when its version is newer than the row's, so a page applied twice
(a crash between applying and committing the cursor, a dump followed by the feed it overlaps)
changes nothing the second time. A row is never taken over by another source: the member is
handed back as a conflict for the caller to quarantine. Services flush; the caller commits."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session

from federation.feed.models import Activity
from federation.index import derived, repository
from federation.index.members import Member

# Kept in their own columns, not again in ``data``.
_COLUMNS = ("name", "description")


@dataclass
class ApplyCounts:
    """What applying a batch did, member by member."""

    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    # Members refused because another source holds their IRI (the caller quarantines them).
    conflicts: list[Member] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"added {self.added}, updated {self.updated}, deleted {self.deleted}, "
            f"unchanged {self.unchanged}, conflicts {len(self.conflicts)}"
        )

    def __iadd__(self, other: ApplyCounts) -> ApplyCounts:
        self.added += other.added
        self.updated += other.updated
        self.deleted += other.deleted
        self.unchanged += other.unchanged
        self.conflicts += other.conflicts
        return self


def apply(
    session: Session,
    members: Sequence[Member],
    *,
    source: str,
    peer_id: int | None,
    fetched_at: datetime,
    run_id: int | None = None,
) -> ApplyCounts:
    """Apply valid members, in order: insert a new IRI, update a row when the member's version
    is newer, remove a row when a deletion's version is newer; anything else is unchanged
    (but marked seen by ``run_id``). One SELECT for the batch, then one statement per kind of
    change."""
    for member in members:
        if member.problems:
            raise ValueError(f"{member.iri} has problems: only valid members are applied")
    counts = ApplyCounts()
    found = repository.existing(session, list(dict.fromkeys(m.iri for m in members)))
    owner = (source, peer_id)
    # Each IRI as the batch goes: (version, source, peer id, whether the row is there). A row
    # removed earlier in the batch keeps its version, so that an older one cannot come back.
    state = {iri: (*row, True) for iri, row in found.items()}
    final: dict[str, Member | None] = {}  # IRI -> the member to store, or None to remove
    seen: list[str] = []
    for member in members:
        iri = member.iri
        current = state.get(iri)
        if current is not None and (current[1], current[2]) != owner:
            counts.conflicts.append(member)
            continue
        present = current is not None and current[3]
        if current is not None and member.version <= current[0]:
            counts.unchanged += 1
            if present:
                seen.append(iri)
        elif member.activity == Activity.DELETE:
            if present:
                counts.deleted += 1
                final[iri] = None
            else:
                counts.unchanged += 1
            state[iri] = (member.version, source, peer_id, False)
        else:
            if present:
                counts.updated += 1
            else:
                counts.added += 1
            state[iri] = (member.version, source, peer_id, True)
            final[iri] = member
    stale = [iri for iri in final if iri in found]
    repository.remove(session, stale)
    rows = [
        _row(member, source, peer_id, fetched_at, run_id)
        for member in final.values()
        if member is not None
    ]
    repository.insert(session, rows)
    derived.changed(session, stale, rows)
    if run_id is not None and seen:
        repository.mark_seen(
            session, [iri for iri in dict.fromkeys(seen) if state.get(iri)], run_id
        )
    session.flush()
    return counts


def _row(
    member: Member, source: str, peer_id: int | None, fetched_at: datetime, run_id: int | None
) -> dict[str, Any]:
    fields = member.fields
    data = {key: value for key, value in fields.items() if key not in _COLUMNS}
    return {
        "iri": member.iri,
        "kind": member.kind or fields["kind"],
        "source": source,
        "peer_id": peer_id,
        "version": member.version,
        "modified": datetime.fromisoformat(fields["modified"]),
        "fetched_at": fetched_at,
        "seen_run": run_id,
        "name": fields["name"],
        "description": fields.get("description"),
        "data": json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        "ntriples": member.ntriples,
    }


def count_unseen(session: Session, *, peer_id: int, run_id: int) -> int:
    """The peer's rows that bootstrap run ``run_id`` did not see (its dump no longer has them)."""
    return repository.count_unseen(session, peer_id, run_id)


def remove_unseen(session: Session, *, peer_id: int, run_id: int) -> int:
    """Remove the peer's rows that bootstrap run ``run_id`` did not see; returns how many."""
    return remove(session, repository.unseen_iris(session, peer_id, run_id))


def remove(session: Session, iris: Sequence[str]) -> int:
    """Remove the rows of ``iris`` (and what is derived from them); returns how many."""
    repository.remove(session, iris)
    derived.changed(session, iris, [])
    return len(iris)


def count_for_peer(session: Session, peer_id: int) -> int:
    """How many rows of the index come from the peer."""
    return repository.count_for_peer(session, peer_id)
