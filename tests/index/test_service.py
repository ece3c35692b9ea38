"""Applying members to the index: by version, idempotent, never over another source's row, and
the rows a bootstrap run did not see."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlmodel import Session

from federation.index.members import Member
from federation.index.models import IndexRecord
from federation.index.reader import read_records
from federation.index.service import (
    ApplyCounts,
    apply,
    count_for_peer,
    count_unseen,
    remove_unseen,
)
from tests.conftest import BASE_URL
from tests.index.conftest import LIMITS, Node

AT = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


@pytest.fixture
def members(node: Node) -> list[Member]:
    read = read_records(node.dump(), base_url=BASE_URL, limits=LIMITS)
    assert read
    assert not any(member.problems for member in read)
    return read


def rows(session: Session) -> dict[str, IndexRecord]:
    return {row.iri: row for row in session.execute(select(IndexRecord)).scalars()}


def from_peer(
    session: Session, members: list[Member], peer: int = 1, run_id: int | None = None
) -> ApplyCounts:
    return apply(
        session, members, source=f"peer-{peer}", peer_id=peer, fetched_at=AT, run_id=run_id
    )


def deletion(member: Member, version: int) -> Member:
    return replace(member, activity="delete", version=version, fields={}, ntriples=b"")


def test_apply_adds_the_rows_then_changes_nothing(session: Session, members: list[Member]) -> None:
    counts = from_peer(session, members)
    assert (counts.added, counts.updated, counts.unchanged, counts.conflicts) == (
        len(members),
        0,
        0,
        [],
    )
    again = from_peer(session, members)
    assert (again.added, again.updated, again.deleted, again.unchanged) == (0, 0, 0, len(members))
    assert len(rows(session)) == len(members)


def test_row_holds_the_member(session: Session, members: list[Member]) -> None:
    from_peer(session, members)
    stored = rows(session)
    for member in members:
        row = stored[member.iri]
        assert (row.kind, row.source, row.peer_id, row.version) == (
            member.kind,
            "peer-1",
            1,
            member.version,
        )
        assert row.name == member.fields["name"]
        assert row.description == member.fields["description"]
        assert bytes(row.ntriples) == member.ntriples
        assert row.fetched_at == AT
        assert row.modified == datetime.fromisoformat(member.fields["modified"])
        data = json.loads(row.data)
        assert "name" not in data
        assert "description" not in data
        assert data == {k: v for k, v in member.fields.items() if k not in ("name", "description")}


def test_newer_version_updates_older_is_unchanged(session: Session, members: list[Member]) -> None:
    member = members[0]
    from_peer(session, [member])
    newer = replace(member, version=member.version + 1, fields={**member.fields, "name": "Nouveau"})
    counts = from_peer(session, [newer])
    assert (counts.updated, counts.unchanged) == (1, 0)
    assert rows(session)[member.iri].name == "Nouveau"
    counts = from_peer(session, [member])  # the older version again
    assert (counts.updated, counts.unchanged) == (0, 1)
    assert rows(session)[member.iri].version == member.version + 1


def test_deletion_removes_the_row_only_when_newer(session: Session, members: list[Member]) -> None:
    member = members[0]
    from_peer(session, [member])
    counts = from_peer(session, [deletion(member, member.version)])
    assert (counts.deleted, counts.unchanged) == (0, 1)
    assert member.iri in rows(session)
    counts = from_peer(session, [deletion(member, member.version + 1)])
    assert (counts.deleted, counts.unchanged) == (1, 0)
    assert member.iri not in rows(session)
    counts = from_peer(session, [deletion(member, member.version + 2)])  # absent: unchanged
    assert (counts.deleted, counts.unchanged) == (0, 1)


def test_versions_of_one_record_in_one_batch(session: Session, members: list[Member]) -> None:
    member = members[0]
    later = replace(member, version=member.version + 1)
    counts = from_peer(session, [member, later, deletion(member, member.version + 2), later])
    assert (counts.added, counts.updated, counts.deleted, counts.unchanged) == (1, 1, 1, 1)
    assert member.iri not in rows(session)
    # The index keeps no tombstones: a later batch may bring the record back.
    counts = from_peer(session, [later, replace(member, version=member.version + 5)])
    assert (counts.added, counts.updated) == (1, 1)
    assert rows(session)[member.iri].version == member.version + 5


def test_another_source_never_overwrites_a_row(session: Session, members: list[Member]) -> None:
    member = members[0]
    apply(session, [member], source="test", peer_id=None, fetched_at=AT)  # the node's own
    newer = replace(member, version=member.version + 3)
    counts = from_peer(session, [newer, deletion(member, member.version + 9)], peer=2)
    assert counts.conflicts == [newer, deletion(member, member.version + 9)]
    assert str(counts.conflicts[0]) == member.iri
    assert (counts.added, counts.updated, counts.deleted) == (0, 0, 0)
    row = rows(session)[member.iri]
    assert (row.source, row.peer_id, row.version) == ("test", None, member.version)


def test_rows_a_bootstrap_did_not_see(session: Session, members: list[Member]) -> None:
    from_peer(session, members, run_id=1)
    assert from_peer(session, members[:1], peer=2, run_id=1).conflicts == members[:1]
    assert (count_for_peer(session, 1), count_for_peer(session, 2)) == (len(members), 0)
    seen = members[: len(members) // 2]
    counts = from_peer(session, seen, run_id=2)
    assert counts.unchanged == len(seen)
    assert count_unseen(session, peer_id=1, run_id=2) == len(members) - len(seen)
    assert remove_unseen(session, peer_id=1, run_id=2) == len(members) - len(seen)
    assert count_for_peer(session, 1) == len(seen)
    assert count_unseen(session, peer_id=1, run_id=2) == 0


def test_only_valid_members_are_applied(session: Session, members: list[Member]) -> None:
    from federation.index.members import Problem

    broken = replace(members[0], problems=[Problem("shape", "x", "x")])
    with pytest.raises(ValueError, match="only valid members"):
        from_peer(session, [broken])
