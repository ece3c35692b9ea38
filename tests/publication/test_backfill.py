"""Backfill brings a database from before the stored RDF or before the feed up to date: each
record published, and each record in the feed exactly once."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlmodel import Session, col

from federation.feed.models import Activity, FeedEvent
from federation.publication.backfill import backfill
from federation.publication.models import RecordRdf
from tests.conftest import BASE_URL
from tests.publication.conftest import Seeded


def events_by_record(session: Session) -> dict[object, list[FeedEvent]]:
    found: dict[object, list[FeedEvent]] = {}
    for event in session.execute(select(FeedEvent).order_by(col(FeedEvent.seq))).scalars():
        found.setdefault(event.record_id, []).append(event)
    return found


def test_a_database_from_before_the_feed_gets_one_create_per_record(
    session: Session, seeded: Seeded
) -> None:
    session.execute(delete(FeedEvent))  # as migration 0003 leaves an older database
    session.expire_all()
    assert backfill(session, BASE_URL) == 0  # the stored RDF was up to date
    events = events_by_record(session)
    assert set(events) == {record.id for record in seeded.all}
    for record in seeded.all:
        [event] = events[record.id]
        stored = session.get(RecordRdf, record.id)
        assert stored is not None
        assert (event.activity, event.version, event.kind) == (
            Activity.CREATE,
            stored.version,
            stored.kind,
        )
        assert event.ntriples == stored.ntriples
        assert event.at == stored.modified

    backfill(session, BASE_URL)  # again: nothing more
    assert session.execute(select(func.count()).select_from(FeedEvent)).scalar_one() == len(
        seeded.all
    )


def test_records_missing_their_rdf_are_published_once_into_the_feed(
    session: Session, seeded: Seeded
) -> None:
    session.execute(delete(FeedEvent))
    missing = seeded.actors[0]
    session.execute(delete(RecordRdf).where(col(RecordRdf.id) == missing.id))
    session.expire_all()
    assert backfill(session, BASE_URL) == 1
    events = events_by_record(session)
    assert len(events[missing.id]) == 1
    assert all(len(found) == 1 for found in events.values())
    assert len(events) == len(seeded.all)


def test_a_node_already_in_the_feed_gets_no_new_event(session: Session, seeded: Seeded) -> None:
    before = session.execute(select(func.max(FeedEvent.seq))).scalar_one()
    backfill(session, BASE_URL)
    assert session.execute(select(func.max(FeedEvent.seq))).scalar_one() == before
    assert seeded.all
