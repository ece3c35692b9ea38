"""The node's own records in the index, from its own feed, through the same reader as a peer's."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from sqlalchemy import delete, select
from sqlmodel import Session

from federation.common.fields import utcnow
from federation.feed.models import FeedEvent, FeedHorizon
from federation.feed.repository import last_seq
from federation.index import repository
from federation.index.models import IndexRecord
from federation.index.own import sync_own
from federation.index.reader import read_records
from federation.settings import Settings
from tests.api.helpers import create
from tests.conftest import BASE_URL
from tests.factories import actor_payload
from tests.index.conftest import LIMITS, Node


def own_rows(session: Session) -> dict[str, IndexRecord]:
    stmt = select(IndexRecord).where(IndexRecord.peer_id == None)  # noqa: E711
    return {row.iri: row for row in session.execute(stmt).scalars()}


def test_sync_puts_every_record_in_the_index(
    session: Session, settings: Settings, node: Node
) -> None:
    counts = sync_own(session, settings)
    members = read_records(node.dump(), base_url=BASE_URL, limits=LIMITS)
    assert (counts.added, counts.conflicts) == (len(members), [])
    rows = own_rows(session)
    assert set(rows) == set(node.records)
    for member in members:
        row = rows[member.iri]
        assert (row.source, row.version, row.kind) == ("test", member.version, member.kind)
        assert bytes(row.ntriples) == member.ntriples
        assert json.loads(row.data)["kind"] == member.fields["kind"]
        assert row.name == member.fields["name"]
    assert repository.own_cursor(session) == last_seq(session)
    again = sync_own(session, settings)
    assert (again.added, again.updated, again.deleted, again.unchanged) == (0, 0, 0, 0)


def test_sync_follows_writes_through_the_api(
    session: Session, settings: Settings, client: TestClient, editor: dict[str, str]
) -> None:
    actor = create(client, "/api/actors", actor_payload(name="Acteur à indexer"), editor)
    iri = actor["iri"]
    assert sync_own(session, settings).added == 1
    assert own_rows(session)[iri].name == "Acteur à indexer"

    response = client.patch(f"/api/actors/{actor['id']}", json={"name": "Renommé"}, headers=editor)
    assert response.status_code == 200, response.text
    counts = sync_own(session, settings)
    assert counts.updated == 1
    session.expire_all()
    row = own_rows(session)[iri]
    assert (row.name, row.version) == ("Renommé", 2)
    assert json.loads(row.data)["identifiers"]["siren"] == actor["siren"]

    assert client.delete(f"/api/actors/{actor['id']}", headers=editor).status_code == 204
    assert sync_own(session, settings).deleted == 1
    session.expire_all()
    assert iri not in own_rows(session)


def test_sync_after_compaction_removes_what_it_missed(
    session: Session, settings: Settings, client: TestClient, editor: dict[str, str]
) -> None:
    kept = create(client, "/api/actors", actor_payload(), editor)
    gone = create(client, "/api/actors", actor_payload(), editor)
    sync_own(session, settings)
    assert client.delete(f"/api/actors/{gone['id']}", headers=editor).status_code == 204
    # Compaction took the deletion away before the index saw it.
    top = last_seq(session)
    session.execute(delete(FeedEvent).where(FeedEvent.activity == "delete"))
    session.add(FeedHorizon(id=1, seq=top + 1, compacted_at=utcnow()))
    session.flush()
    counts = sync_own(session, settings)
    assert counts.deleted == 1
    session.expire_all()
    assert set(own_rows(session)) == {kept["iri"]}
