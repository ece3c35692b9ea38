"""Planners of the spreadsheet import: what to do with each row, in row order (checked by the
API's rules, matched with what is stored, stamped, its RDF rendered); ``planning`` runs them,
in a child process for large loads, and ``service`` writes what they planned."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from federation.actions import service as actions_service
from federation.actions.published import published as published_action
from federation.actions.repository import ActionRow
from federation.actions.schemas import ActionCreate
from federation.actions.service import PreparedAction
from federation.actors import service as actors_service
from federation.actors.repository import ActorRow
from federation.actors.schemas import ActorCreate
from federation.actors.service import PreparedActor
from federation.common.records import new_stamp
from federation.errors import FieldError, ValidationFailed
from federation.groups import service as groups_service
from federation.groups.repository import GroupRow
from federation.groups.schemas import WorkingGroupCreate
from federation.groups.service import PreparedGroup
from federation.imports.planning import Planned, Rejected
from federation.publication.service import published_row


@dataclass
class Loaded:
    """A row turned into its API shape, ready for the rules."""

    line: int
    data: BaseModel


@dataclass
class ActorPlanner:
    """What to do with each actor row, in row order (see ``planning``)."""

    items: list[Loaded]
    base_url: str
    index: dict[tuple[str, str], uuid.UUID]
    matched: dict[int, uuid.UUID]
    previous: dict[uuid.UUID, ActorRow]
    ids: dict[int, uuid.UUID]
    seen: dict[tuple[str, str], int] = field(default_factory=dict)

    def __call__(self, position: int) -> Rejected | Planned[PreparedActor]:
        item = self.items[position]
        assert isinstance(item.data, ActorCreate)
        existing_id = self.matched.get(item.line)
        before = self.previous.get(existing_id) if existing_id else None
        try:
            prepared = actors_service.check_actor(item.data, previous=before)
        except ValidationFailed as failed:
            return Rejected(failed.errors)
        clashes = _clashes(prepared.values, self.index, existing_id, self.seen, item.line)
        if clashes:
            return Rejected(clashes)
        if before is not None:
            record_id = before.actor.id
            stamp = actors_service.update_stamp(before, prepared)
        else:
            record_id = self.ids.get(item.line) or uuid.uuid4()
            stamp = new_stamp(record_id)
        for column in ("external_id", "siren", "rna", "uai", "finess", "siret"):
            if prepared.values.get(column):
                self.index[(column, prepared.values[column])] = record_id
                self.seen[(column, prepared.values[column])] = item.line
        published = (
            None
            if stamp is None
            else published_row(actors_service.published(prepared, stamp, self.base_url))
        )
        return Planned(prepared, record_id, stamp, before is not None, published)


def _clashes(
    values: dict[str, Any],
    index: dict[tuple[str, str], uuid.UUID],
    own_id: uuid.UUID | None,
    seen: dict[tuple[str, str], int],
    line: int,
) -> list[FieldError]:
    out = []
    for column in ("external_id", "siren", "siret", "rna", "uai", "finess"):
        value = values.get(column)
        if not value:
            continue
        if (column, value) in seen:
            out.append(
                _dup(
                    column, value, f"ligne {seen[(column, value)]}", f"line {seen[(column, value)]}"
                )
            )
        elif (column, value) in index and index[(column, value)] != own_id:
            other = str(index[(column, value)])
            out.append(_dup(column, value, other, other))
    return out


def _dup(column: str, value: str, where_fr: str, where_en: str) -> FieldError:
    return FieldError(
        column,
        "duplicate_identifier",
        f"{column.upper()} {value} déjà utilisé ({where_fr}).",
        f"{column.upper()} {value} already used ({where_en}).",
    )


@dataclass
class ActionPlanner:
    """What to do with each action row, in row order (see ``planning``)."""

    items: list[Loaded]
    base_url: str
    by_external: dict[str, uuid.UUID]
    previous: dict[uuid.UUID, ActionRow]
    known_actors: set[uuid.UUID]
    seen: dict[str, int] = field(default_factory=dict)

    def __call__(self, position: int) -> Rejected | Planned[PreparedAction]:
        item = self.items[position]
        assert isinstance(item.data, ActionCreate)
        external_id = item.data.external_id
        before = (
            self.previous.get(self.by_external[external_id])
            if external_id in self.by_external
            else None
        )
        try:
            prepared = actions_service.check_action(
                item.data, existing_actors=self.known_actors, previous=before
            )
        except ValidationFailed as failed:
            return Rejected(failed.errors)
        if external_id and external_id in self.seen:
            where = self.seen[external_id]
            return Rejected([_dup("external_id", external_id, f"ligne {where}", f"line {where}")])
        if external_id:
            self.seen[external_id] = item.line
        if before is not None:
            record_id = before.action.id
            stamp = actions_service.update_stamp(before, prepared)
        else:
            record_id = uuid.uuid4()
            stamp = new_stamp(record_id)
        published = (
            None
            if stamp is None
            else published_row(published_action(prepared, stamp, self.base_url))
        )
        return Planned(prepared, record_id, stamp, before is not None, published)


@dataclass
class GroupPlanner:
    """What to do with each group row, in row order (see ``planning``)."""

    items: list[Loaded]
    base_url: str
    by_external: dict[str, uuid.UUID]
    previous: dict[uuid.UUID, GroupRow]
    known_actors: set[uuid.UUID]

    def __call__(self, position: int) -> Rejected | Planned[PreparedGroup]:
        item = self.items[position]
        assert isinstance(item.data, WorkingGroupCreate)
        try:
            prepared = groups_service.check_group(item.data, existing_actors=self.known_actors)
        except ValidationFailed as failed:
            return Rejected(failed.errors)
        external_id = item.data.external_id
        before = (
            self.previous.get(self.by_external[external_id])
            if external_id in self.by_external
            else None
        )
        if before is not None:
            record_id = before.group.id
            stamp = groups_service.update_stamp(before, prepared)
        else:
            record_id = uuid.uuid4()
            stamp = new_stamp(record_id)
        published = (
            None
            if stamp is None
            else published_row(groups_service.published(prepared, stamp, self.base_url))
        )
        return Planned(prepared, record_id, stamp, before is not None, published)
