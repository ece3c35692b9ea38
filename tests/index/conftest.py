"""A seeded node as a peer sees it: its dump and its feed pages, served by its own routes."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlmodel import Session

from federation.actions.models import Action
from federation.actions.service import read_action
from federation.actors.models import Actor
from federation.actors.service import read_actor
from federation.feed.models import FeedEvent
from federation.feed.pages import page_of
from federation.feed.repository import last_seq
from federation.groups.models import WorkingGroup
from federation.groups.service import read_group
from federation.index.members import ReadLimits
from federation.rdf.records import PublicRecord
from federation.sample.seed import seed
from tests.conftest import BASE_URL

LIMITS = ReadLimits()
NQUADS = {"Accept": "application/n-quads"}
NTRIPLES = {"Accept": "application/n-triples"}


@dataclass
class Node:
    """A seeded node: its records as the API gives them, its client, and where its events
    start in the feed (PostgreSQL sequences are not rolled back with a test: the feed of a
    test does not start at 1)."""

    records: dict[str, PublicRecord]  # by IRI
    client: TestClient
    session: Session
    first: int  # the sequence number of the node's first event

    def dump(self) -> bytes:
        response = self.client.get("/dump", headers=NTRIPLES)
        assert response.status_code == 200, response.text
        return response.content

    def page(self, number: int) -> bytes:
        response = self.client.get(f"/feed/{number}", headers=NQUADS)
        assert response.status_code == 200, response.text
        return response.content

    def feed(self) -> bytes:
        """The pages that hold the node's events, one after the other (one N-Quads body)."""
        last = last_seq(self.session)
        return b"".join(self.page(n) for n in range(page_of(self.first), page_of(last) + 1))


@pytest.fixture
def node(session: Session, client: TestClient) -> Node:
    seed(session, actions=12, seed=7, region="Occitanie", base_url=BASE_URL)
    session.commit()
    first = session.execute(select(func.min(FeedEvent.seq))).scalar_one()
    records: list[PublicRecord] = [
        *(read_actor(session, i, BASE_URL) for i in session.execute(select(Actor.id)).scalars()),
        *(read_action(session, i, BASE_URL) for i in session.execute(select(Action.id)).scalars()),
        *(
            read_group(session, i, BASE_URL)
            for i in session.execute(select(WorkingGroup.id)).scalars()
        ),
    ]
    return Node({record.iri: record for record in records}, client, session, first)
