"""A small seeded directory, read back through the services as the API would give it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select
from sqlmodel import Session

from federation.actions.models import Action
from federation.actions.service import read_action
from federation.actors.models import Actor
from federation.actors.service import read_actor
from federation.groups.models import WorkingGroup
from federation.groups.service import read_group
from federation.rdf.records import PublicRecord
from federation.sample.seed import seed
from tests.conftest import BASE_URL


@dataclass
class Seeded:
    actors: list[PublicRecord]
    actions: list[PublicRecord]
    groups: list[PublicRecord]

    @property
    def all(self) -> list[PublicRecord]:
        return [*self.actors, *self.actions, *self.groups]


@pytest.fixture
def seeded(session: Session) -> Seeded:
    seed(session, actions=15, seed=3, region="Occitanie", base_url=BASE_URL)
    actors = [read_actor(session, i, BASE_URL) for i in session.execute(select(Actor.id)).scalars()]
    actions = [
        read_action(session, i, BASE_URL) for i in session.execute(select(Action.id)).scalars()
    ]
    groups = [
        read_group(session, i, BASE_URL) for i in session.execute(select(WorkingGroup.id)).scalars()
    ]
    return Seeded(actors, actions, groups)
