"""Every write appends its events in the same transaction: the API (create, change, delete of
each kind of record) and the spreadsheet import; a write that is refused or rolled back
leaves no event."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from federation.actors.schemas import ActorCreate
from federation.actors.service import create_actor
from federation.feed.models import Activity, FeedEvent
from federation.feed.repository import events_between, last_seq
from federation.imports.service import import_file
from federation.publication.models import RecordRdf
from tests.api.test_record_routes import KINDS, Kind
from tests.conftest import BASE_URL
from tests.factories import actor_payload
from tests.imports.test_import_file import ACTORS_CSV, write


def events_since(session: Session, seq: int) -> list[FeedEvent]:
    return events_between(session, seq, 2**31 - 1)


@pytest.fixture(params=list(KINDS))
def kind(request: pytest.FixtureRequest) -> Kind:
    return KINDS[request.param]


def test_create_change_delete_through_the_api_are_three_events(
    client: TestClient, editor: dict[str, str], session: Session, kind: Kind
) -> None:
    start = last_seq(session)
    created = client.post(kind.path, json=kind.payload(), headers=editor).json()
    record_id = uuid.UUID(created["id"])
    published = session.get(RecordRdf, record_id)
    assert published is not None
    stored_at_creation = published.ntriples
    assert client.patch(kind.url(created), json=kind.change, headers=editor).status_code == 200
    assert client.delete(kind.url(created), headers=editor).status_code == 204

    events = events_since(session, start)
    assert [(e.record_id, e.activity, e.version) for e in events] == [
        (record_id, Activity.CREATE, 1),
        (record_id, Activity.UPDATE, 2),
        (record_id, Activity.DELETE, 3),
    ]
    assert {e.kind for e in events} == {kind.path.removeprefix("/api/")}
    first = events[0].seq or 0
    assert [e.seq for e in events] == [first, first + 1, first + 2]
    assert events[0].ntriples == stored_at_creation
    assert f"<{BASE_URL}{kind.url(created).removeprefix('/api')}>".encode() in events[1].ntriples
    assert events[2].ntriples == b""
    assert events[0].at.utcoffset() is not None


def test_refused_writes_append_nothing(
    client: TestClient, editor: dict[str, str], session: Session, kind: Kind
) -> None:
    created = client.post(kind.path, json=kind.payload(), headers=editor).json()
    start = last_seq(session)
    assert client.post(kind.path, json={"name": ""}, headers=editor).status_code == 422
    too_long = {"description": "x" * 10_001}
    assert client.patch(kind.url(created), json=too_long, headers=editor).status_code == 422
    assert client.delete(f"{kind.path}/{uuid.uuid4()}", headers=editor).status_code == 404
    assert client.post(kind.path, json=kind.payload()).status_code == 401
    assert last_seq(session) == start


def test_a_patch_that_changes_nothing_is_no_new_version(
    client: TestClient, editor: dict[str, str], session: Session, kind: Kind
) -> None:
    created = client.post(kind.path, json=kind.payload(), headers=editor).json()
    assert client.patch(kind.url(created), json=kind.change, headers=editor).status_code == 200
    start = last_seq(session)
    again = client.patch(kind.url(created), json=kind.change, headers=editor)
    assert again.status_code == 200
    assert again.json()["version"] == 2
    assert last_seq(session) == start


def test_a_rolled_back_write_leaves_no_event(session: Session) -> None:
    session.commit()  # the savepoint the rollback returns to
    start = last_seq(session)
    create_actor(session, ActorCreate(**actor_payload()), BASE_URL)
    session.flush()
    assert last_seq(session) > start
    session.rollback()
    assert last_seq(session) == start
    assert events_since(session, start) == []


def test_import_appends_one_event_per_written_record(session: Session, tmp_path: Path) -> None:
    start = last_seq(session)
    path = write(tmp_path, "acteurs.csv", ACTORS_CSV)
    report = import_file(session, path, base_url=BASE_URL)
    created = events_since(session, start)
    assert len(created) == report.counts["actors"].created == 3
    assert {e.activity for e in created} == {Activity.CREATE}
    for event in created:
        published = session.get(RecordRdf, event.record_id)
        assert published is not None
        assert event.ntriples == published.ntriples

    middle = last_seq(session)
    import_file(session, path, base_url=BASE_URL)  # unchanged: nothing to say
    assert last_seq(session) == middle
    changed = write(tmp_path, "acteurs.csv", ACTORS_CSV.replace("Lycée Victor Hugo", "Lycée Hugo"))
    import_file(session, changed, base_url=BASE_URL)
    [update] = events_since(session, middle)
    assert (update.activity, update.version) == (Activity.UPDATE, 2)
    assert "Lycée Hugo".encode() in update.ntriples


def test_an_import_that_is_not_written_leaves_no_event(session: Session, tmp_path: Path) -> None:
    session.commit()
    start = last_seq(session)
    path = write(tmp_path, "acteurs.csv", ACTORS_CSV)
    report = import_file(session, path, strict=True, base_url=BASE_URL)
    assert not report.should_write
    session.rollback()  # what the command does when it must not write
    assert last_seq(session) == start
