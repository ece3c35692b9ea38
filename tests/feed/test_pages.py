"""Pages of the feed: which events each holds, when it closes, and its RDF: the metadata in the
default graph, each member in its own named graph with the record's triples or a tombstone."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from sqlmodel import Session

from federation.actions.service import delete_action
from federation.feed.pages import (
    PAGE_SIZE,
    FeedState,
    event_iri,
    feed_state,
    nquads,
    page_bytes,
    page_of,
    read_page,
)
from federation.feed.repository import events_between
from federation.publication.negotiation import Format
from schemas.namespaces import AS, LDES, RDF, RRMA, TREE, XSD
from tests.conftest import BASE_URL
from tests.feed.conftest import AppendEvents, Seeded, close_a_page
from tests.feed.helpers import ntriples_set, split_page

FEED = f"<{BASE_URL}/feed>"


def iri(term: object) -> str:
    return f"<{term}>"


def integer(value: int) -> str:
    return f'"{value}"^^<{XSD.integer}>'


@pytest.mark.parametrize(
    ("seq", "page"), [(1, 0), (PAGE_SIZE, 0), (PAGE_SIZE + 1, 1), (2 * PAGE_SIZE + 1, 2)]
)
def test_page_of_a_sequence_number(seq: int, page: int) -> None:
    assert page_of(seq) == page


@pytest.mark.parametrize(
    ("last", "open_page"), [(0, 0), (PAGE_SIZE - 1, 0), (PAGE_SIZE, 1), (PAGE_SIZE + 1, 1)]
)
def test_the_open_page_follows_the_last_event(last: int, open_page: int) -> None:
    assert FeedState(last=last, horizon=0).open_page == open_page


def test_cursor_below_the_horizon_has_expired() -> None:
    state = FeedState(last=900, horizon=300)
    assert [state.cursor_expired(c) for c in (0, 1, 298, 299, 300, 900)] == [
        False,
        True,
        True,
        False,
        False,
        False,
    ]


def test_a_page_closes_when_its_last_place_is_taken(
    session: Session, append_events: AppendEvents
) -> None:
    full = close_a_page(session, append_events)
    state = feed_state(session)
    assert state.last == (full + 1) * PAGE_SIZE
    assert state.open_page == full + 1

    closed = read_page(session, full, state)
    assert closed.closed
    assert closed.events[-1].seq == state.last
    assert all(full * PAGE_SIZE < (e.seq or 0) <= (full + 1) * PAGE_SIZE for e in closed.events)
    empty = read_page(session, full + 1, state)
    assert not empty.closed
    assert empty.events == []

    append_events(1)
    state = feed_state(session)
    after = read_page(session, full + 1, state)
    assert [e.seq for e in after.events] == [state.last] == [(full + 1) * PAGE_SIZE + 1]
    assert not after.closed


def test_a_closed_page_links_the_next_and_the_open_page_does_not(
    session: Session, append_events: AppendEvents
) -> None:
    closed = close_a_page(session, append_events, extra=1)
    state = feed_state(session)
    open_page = state.open_page
    assert open_page == closed + 1
    page = read_page(session, closed, state)
    default, _ = split_page(nquads(page, BASE_URL))
    here = f"<{BASE_URL}/feed/{closed}>"
    relation = f"<{BASE_URL}/feed/{closed}#next>"
    assert (here, iri(RDF.type), iri(TREE.Node)) in default
    assert (FEED, iri(RDF.type), iri(LDES.EventStream)) in default
    assert (here, iri(TREE.relation), relation) in default
    assert {
        (relation, iri(RDF.type), iri(TREE.GreaterThanRelation)),
        (relation, iri(TREE.node), f"<{BASE_URL}/feed/{open_page}>"),
        (relation, iri(TREE.path), iri(RRMA.sequence)),
        (relation, iri(TREE.value), integer(open_page * PAGE_SIZE)),
    } <= default
    members = {o for s, p, o in default if p == iri(TREE.member)}
    assert members == {f"<{event_iri(BASE_URL, e.seq or 0)}>" for e in page.events}

    default, members_graphs = split_page(nquads(read_page(session, open_page, state), BASE_URL))
    assert not any(p == iri(TREE.relation) for _, p, _ in default)
    assert {o for s, p, o in default if p == iri(TREE.member)} == {
        f"<{name}>" for name in members_graphs
    }
    assert len(members_graphs) == 1


def test_each_member_is_a_named_graph_with_the_record_or_its_tombstone(
    session: Session, seeded: Seeded
) -> None:
    gone = seeded.actions[0]
    delete_action(session, gone.id)
    session.flush()
    state = feed_state(session)
    events = events_between(session, 0, state.last)
    body = b"".join(
        nquads(read_page(session, n, state), BASE_URL)
        for n in range(page_of(events[0].seq or 1), state.open_page + 1)
    )
    default, members = split_page(body)
    assert len(members) == len(events)
    for event in events:
        graph = members[event_iri(BASE_URL, event.seq or 0)]
        me = f"<{event_iri(BASE_URL, event.seq or 0)}>"
        record = f"<{BASE_URL}/{event.kind}/{event.record_id}>"
        assert (FEED, iri(TREE.member), me) in default
        head = {t for t in graph if t[0] == me}
        activity = {"create": "Create", "update": "Update", "delete": "Delete"}[event.activity]
        assert head == {
            (me, iri(RDF.type), iri(AS[activity])),
            (me, iri(AS["object"]), record),
            (me, iri(AS["published"]), next(o for s, p, o in head if p == iri(AS["published"]))),
            (me, iri(RRMA.sequence), integer(event.seq or 0)),
            (me, iri(RRMA.version), integer(event.version)),
        }
        if event.activity == "delete":
            assert graph - head == {
                (record, iri(RDF.type), iri(AS["Tombstone"])),
                (record, iri(AS["formerType"]), iri(RRMA.Action)),
                (
                    record,
                    iri(AS["deleted"]),
                    next(o for s, p, o in head if p == iri(AS["published"])),
                ),
            }
        else:
            assert graph - head == ntriples_set(event.ntriples)
    [tombstone] = [e for e in events if e.activity == "delete"]
    assert tombstone.record_id == gone.id
    assert tombstone.version == gone.version + 1


@pytest.mark.parametrize(
    ("fmt", "parser"),
    [
        (Format.TRIG, ox.RdfFormat.TRIG),
        (Format.JSONLD, ox.RdfFormat.JSON_LD),
    ],
)
def test_trig_and_jsonld_keep_the_member_graphs(
    session: Session, seeded: Seeded, fmt: Format, parser: ox.RdfFormat
) -> None:
    state = feed_state(session)
    page = read_page(session, state.open_page, state)
    expected = split_page(nquads(page, BASE_URL))
    assert split_page(page_bytes(page, BASE_URL, fmt), parser) == expected
    assert seeded.all


@pytest.mark.parametrize(
    ("fmt", "parser"),
    [(Format.TURTLE, ox.RdfFormat.TURTLE), (Format.NTRIPLES, ox.RdfFormat.N_TRIPLES)],
)
def test_turtle_and_ntriples_flatten_the_graphs(
    session: Session, seeded: Seeded, fmt: Format, parser: ox.RdfFormat
) -> None:
    state = feed_state(session)
    page = read_page(session, state.open_page, state)
    default, members = split_page(nquads(page, BASE_URL))
    flat = set().union(default, *members.values())
    assert split_page(page_bytes(page, BASE_URL, fmt), parser) == (flat, {})
    assert seeded.all
