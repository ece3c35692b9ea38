"""A load large enough to take the bulk paths (COPY on PostgreSQL) keeps every value."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from federation.actions.models import Action, ActionCode, Funding, Participation
from federation.actions.schemas import ActionBase
from federation.actions.service import read_action
from federation.actors.schemas import ActorBase
from federation.actors.service import read_actor
from federation.common.records import RecordKind
from federation.db.bulk import COPY_FROM
from federation.groups.service import read_group
from federation.publication.models import RecordRdf
from federation.rdf.ntriples import serialize
from federation.rdf.records import record_triples
from federation.sample.generator import generate_directory
from federation.sample.seed import seed


def canonical(record: dict[str, Any]) -> dict[str, Any]:
    """Sets of codes are stored in code order; the generator lists them as it drew them."""
    out = dict(record)
    for name in ("countries", "sectors", "sdgs", "localities"):
        if name in out:
            out[name] = sorted(out[name], key=str)
    return out


def test_seeded_records_read_back_as_generated(session: Session) -> None:
    actions = COPY_FROM * 2
    report = seed(
        session, actions=actions, seed=7, region="Centre-Val de Loire", base_url="https://n.test"
    )
    assert report.counts["actions"].created == actions
    assert not report.errors
    for model in (Action, ActionCode, Participation, Funding):
        assert session.execute(select(func.count()).select_from(model)).scalar_one() > 0
    directory = generate_directory(actions=actions, seed=7, region="Centre-Val de Loire")
    actor_id = directory.actor_ids[3]
    stored_actor = read_actor(session, actor_id, "https://n.test")
    fields = set(ActorBase.model_fields)
    assert stored_actor.model_dump(include=fields) == canonical(
        directory.actors[3].model_dump(include=fields)
    )
    external = directory.actions[11].external_id
    action_id = session.execute(
        select(Action.id).where(Action.external_id == external)
    ).scalar_one()
    stored = read_action(session, action_id, "https://n.test")
    fields = set(ActionBase.model_fields)
    assert stored.model_dump(include=fields) == canonical(
        directory.actions[11].model_dump(include=fields)
    )


def test_published_rdf_matches_the_stored_records(session: Session) -> None:
    """Bulk loads publish from what they wrote, without reading it back: check they agree."""
    base = "https://n.test"
    seed(session, actions=60, seed=9, region="Normandie", base_url=base)
    readers = {
        RecordKind.ACTOR.value: read_actor,
        RecordKind.ACTION.value: read_action,
        RecordKind.GROUP.value: read_group,
    }
    stored = session.execute(select(RecordRdf)).scalars().all()
    assert len(stored) > 60
    for row in stored:
        record = readers[row.kind](session, row.id, base)
        assert row.ntriples == serialize(record_triples(record)).encode(), row.id
        assert row.version == record.version
