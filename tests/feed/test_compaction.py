"""Compaction keeps every recent event and the latest version of every live record; the
horizon tells harvesters left behind to bootstrap; the compacted feed replayed from page 0 is
the dump; sequence numbers are never handed out again."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import Session

from federation.actions.service import delete_action
from federation.actors.schemas import ActorCreate, ActorUpdate
from federation.actors.service import create_actor, delete_actor, update_actor
from federation.common.fields import utcnow
from federation.feed.compaction import compact
from federation.feed.models import Activity, FeedEvent
from federation.feed.pages import PAGE_SIZE, event_iri, feed_state
from federation.feed.repository import horizon, last_seq
from federation.feed.service import record_deletions, record_versions
from federation.settings import Settings
from schemas.namespaces import AS, RDF
from tests.api.helpers import error_of
from tests.cli.test_cli import run
from tests.conftest import BASE_URL
from tests.factories import actor_payload
from tests.feed.conftest import AppendEvents, Seeded, stub_ntriples
from tests.feed.helpers import ntriples_set, split_page
from tests.feed.test_service import events_since

LATER = timedelta(days=31)  # past the default retention of 30 days


def age(session: Session, days: int) -> None:
    """Make every event so far look ``days`` old."""
    session.execute(update(FeedEvent).values(at=utcnow() - timedelta(days=days)))
    session.expire_all()


def test_nothing_to_compact_leaves_the_feed_alone(
    session: Session, settings: Settings, seeded: Seeded
) -> None:
    before = events_since(session, 0)
    report = compact(session, settings)
    assert (report.removed, report.horizon) == (0, 0)
    assert events_since(session, 0) == before
    assert horizon(session) == 0
    assert seeded.all


def test_old_superseded_versions_and_old_deletions_go(
    session: Session, settings: Settings, seeded: Seeded
) -> None:
    changed, gone = seeded.actors[0], seeded.actions[0]
    doomed = create_actor(session, ActorCreate(**actor_payload()), BASE_URL)
    delete_actor(session, doomed.id)
    session.flush()
    age(session, days=40)
    old_last = last_seq(session)
    # Recent: a new version of an old record, and the deletion of another.
    update_actor(session, changed.id, ActorUpdate(city="Dijon"), BASE_URL)
    delete_action(session, gone.id)
    session.flush()
    everything = events_since(session, 0)

    report = compact(session, settings)

    superseded = {
        e.seq
        for e in everything
        if (e.seq or 0) <= old_last and e.record_id in (changed.id, gone.id, doomed.id)
    }
    assert len(superseded) == 4  # two creates superseded recently, a create and its deletion
    assert {e.seq for e in events_since(session, 0)} == {e.seq for e in everything} - superseded
    assert report.removed == 4
    assert report.horizon == horizon(session) == old_last + 1
    latest = {e.record_id: e for e in events_since(session, 0)}
    assert latest[changed.id].version == 2
    assert latest[gone.id].activity == Activity.DELETE  # recent: kept
    assert doomed.id not in latest


def test_recent_events_stay_even_when_superseded(
    session: Session, settings: Settings, seeded: Seeded
) -> None:
    before = events_since(session, 0)
    delete_action(session, seeded.actions[1].id)
    session.flush()
    report = compact(session, settings)  # everything is younger than the retention
    assert report.removed == 0
    assert len(events_since(session, 0)) == len(before) + 1
    later = compact(session, settings, now=utcnow() + LATER)
    assert later.removed > 0
    assert all(e.record_id != seeded.actions[1].id for e in events_since(session, 0))


def test_a_cursor_below_the_horizon_gets_410(
    client: TestClient, session: Session, settings: Settings, seeded: Seeded
) -> None:
    delete_action(session, seeded.actions[0].id)
    session.flush()
    deleted_at = last_seq(session)
    report = compact(session, settings, now=utcnow() + LATER)
    assert report.horizon == deleted_at + 1
    state = feed_state(session)
    assert state.last == deleted_at  # the removed tail still counts
    error_of(client.get(f"/feed/0?since={deleted_at - 1}"), 410, "feed_cursor_expired")
    page = client.get(f"/feed/{state.open_page}?since={deleted_at + 1}")
    assert page.status_code == 200
    assert page.headers["x-feed-horizon"] == str(report.horizon)


def replay(client: TestClient) -> dict[str, set[tuple[str, str, str]]]:
    """Walk the feed from page 0 as a harvester does: the live records' triples by IRI."""
    records: dict[str, set[tuple[str, str, str]]] = {}
    last = int(client.get("/feed/0").headers["x-feed-last"])
    for number in range(last // PAGE_SIZE + 1):
        page = client.get(f"/feed/{number}", headers={"Accept": "application/n-quads"})
        assert page.status_code == 200
        _, members = split_page(page.content)
        for name in sorted(members, key=lambda graph: int(graph.rsplit("/", 1)[1])):
            me = f"<{name}>"
            about = {p: o for s, p, o in members[name] if s == me}
            record = about[f"<{AS['object']}>"]
            if about[f"<{RDF.type}>"] == f"<{AS['Delete']}>":
                records.pop(record, None)
            else:
                records[record] = {t for t in members[name] if t[0] != me}
    return records


def test_the_compacted_feed_replays_into_the_dump(
    client: TestClient, session: Session, settings: Settings, seeded: Seeded
) -> None:
    for actor in seeded.actors[:3]:
        update_actor(session, actor.id, ActorUpdate(city="Dole"), BASE_URL)
    for action in seeded.actions[:2]:
        delete_action(session, action.id)
    session.flush()
    before = replay(client)
    assert compact(session, settings, now=utcnow() + LATER).removed > 0
    after = replay(client)
    assert after == before
    network = f"<{BASE_URL}/network>"
    dump = {t for t in ntriples_set(client.get("/dump.nt").content) if t[0] != network}
    assert set().union(*after.values()) == dump


def test_sequence_numbers_are_never_reused(
    session: Session, settings: Settings, append_events: AppendEvents
) -> None:
    [record_id] = append_events(1)
    record_deletions(session, [(record_id, "actors", 1)])
    session.flush()
    highest = last_seq(session)
    report = compact(session, settings, now=utcnow() + LATER)
    assert report.removed >= 2
    assert report.horizon == highest + 1
    assert last_seq(session) == highest
    [fresh] = append_events(1)
    [event] = [e for e in events_since(session, 0) if e.record_id == fresh]
    assert (event.seq or 0) > highest
    assert last_seq(session) == event.seq
    assert event_iri(BASE_URL, event.seq or 0).endswith(f"/feed/events/{event.seq}")


def test_the_horizon_never_moves_back(
    session: Session, settings: Settings, append_events: AppendEvents
) -> None:
    kept, gone = append_events(2)
    record_deletions(session, [(gone, "actors", 1)])
    session.flush()
    first = compact(session, settings, now=utcnow() + LATER)
    assert first.horizon == last_seq(session) + 1
    # A new version of the record kept: its old create, below the horizon, goes now.
    record_versions(
        session,
        [
            {
                "id": kept,
                "kind": "actors",
                "version": 2,
                "modified": utcnow(),
                "ntriples": stub_ntriples(kept, 2),
            }
        ],
    )
    session.flush()
    second = compact(session, settings, now=utcnow() + LATER)
    assert second.removed == 1
    assert second.horizon == first.horizon == horizon(session)
    assert [(e.record_id, e.version) for e in events_since(session, 0)] == [(kept, 2)]


def test_the_command_compacts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'feed.db'}"
    result = run("feed", "compact", database_url=url)
    assert result.returncode == 0, result.stderr
    assert "feed compacted: removed 0 events" in result.stdout
    assert "horizon 0" in result.stdout


def test_report_mentions_the_cutoff(session: Session, settings: Settings) -> None:
    now = datetime(2030, 1, 31, 12, 0, tzinfo=utcnow().tzinfo)
    report = compact(session, settings, now=now)
    assert report.cutoff == now - timedelta(days=30)
    assert "2030-01-01 12:00" in str(report)
