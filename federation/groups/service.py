"""Rules of the working groups: a country group names its country, members exist."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from federation.actors import repository as actors_repository
from federation.codelists.registry import Scheme
from federation.common.fields import new_id
from federation.common.listing import Page, Sort
from federation.common.records import (
    RecordKind,
    Stamp,
    bury,
    external_id_taken,
    missing,
    new_stamp,
    next_stamp,
    record_iri,
)
from federation.common.validation import Problems, validate_as
from federation.groups import repository
from federation.groups.repository import GroupFilters, GroupRow
from federation.groups.schemas import (
    Membership,
    WorkingGroupBase,
    WorkingGroupCreate,
    WorkingGroupPublic,
    WorkingGroupsPublic,
    WorkingGroupUpdate,
)
from federation.publication.service import publish, unpublish

COUNTRY_KIND = "pays"
SCALAR_FIELDS = tuple(name for name in WorkingGroupBase.model_fields if name != "members")


@dataclass
class PreparedGroup:
    values: dict[str, Any]
    members: list[dict[str, Any]]

    def member_rows(self, group_id: uuid.UUID) -> list[dict[str, Any]]:
        return [{**m, "group_id": group_id, "position": i} for i, m in enumerate(self.members)]


def check_group(data: WorkingGroupBase, *, existing_actors: set[uuid.UUID]) -> PreparedGroup:
    """Apply every content rule; raise ``ValidationFailed`` naming each field at fault."""
    problems = Problems()
    values = data.model_dump(exclude={"members"})
    values["kind"] = problems.code("kind", Scheme.GROUP_KIND, data.kind)
    values["country"] = problems.code(
        "country", Scheme.COUNTRY, data.country.upper() if data.country else None
    )
    values["theme"] = problems.sector("theme", data.theme) if data.theme else None
    if data.kind == COUNTRY_KIND and not data.country:
        problems.add(
            "country",
            "required",
            "Un groupe pays doit indiquer son pays.",
            "A country group must name its country.",
        )
    members: list[dict[str, Any]] = []
    seen: set[uuid.UUID] = set()
    for i, member in enumerate(data.members):
        where = f"members[{i}]"
        if member.actor_id not in existing_actors:
            problems.add(
                f"{where}.actor_id",
                "unknown_actor",
                f"Aucun acteur de l'annuaire n'a l'identifiant {member.actor_id}.",
                f"No actor of the directory has the id {member.actor_id}.",
            )
        if member.actor_id in seen:
            problems.add(f"{where}.actor_id", "duplicate", "Membre en double.", "Duplicate member.")
        seen.add(member.actor_id)
        role = problems.code(f"{where}.role", Scheme.GROUP_ROLE, member.role)
        members.append({"actor_id": member.actor_id, "role": role})
    problems.raise_if_any()
    return PreparedGroup(values, members)


def to_public(row: GroupRow, base_url: str) -> WorkingGroupPublic:
    group = row.group
    return WorkingGroupPublic(
        **{name: getattr(group, name) for name in SCALAR_FIELDS},
        members=[Membership(actor_id=m.actor_id, role=m.role) for m in row.members],
        id=group.id,
        iri=record_iri(base_url, RecordKind.GROUP, group.id),
        created=group.created,
        modified=group.modified,
        version=group.version,
    )


def read_group(session: Session, group_id: uuid.UUID, base_url: str) -> WorkingGroupPublic:
    """One working group, or 404 / 410."""
    row = repository.get(session, group_id)
    if row is None:
        raise missing(session, RecordKind.GROUP, group_id)
    return to_public(row, base_url)


def list_groups(
    session: Session, filters: GroupFilters, sort: Sort, page: Page, base_url: str
) -> WorkingGroupsPublic:
    """A page of working groups matching the filters, with the total count."""
    rows, total = repository.list_page(session, filters, sort, page)
    return WorkingGroupsPublic(data=[to_public(row, base_url) for row in rows], count=total)


def _external_id_clash(
    session: Session, external_id: str | None, exclude: uuid.UUID | None
) -> None:
    owner = repository.external_id_owner(session, external_id) if external_id else None
    if owner is not None and owner != exclude:
        raise external_id_taken(RecordKind.GROUP, owner)


def create_group(session: Session, data: WorkingGroupCreate, base_url: str) -> WorkingGroupPublic:
    """Create a working group after every rule passed."""
    existing = actors_repository.existing_ids(session, [m.actor_id for m in data.members])
    prepared = check_group(data, existing_actors=existing)
    _external_id_clash(session, prepared.values["external_id"], None)
    group_id = new_id()
    row = {**prepared.values, **new_stamp(group_id)}
    repository.insert_many(session, [row], prepared.member_rows(group_id))
    session.flush()
    record = read_group(session, group_id, base_url)
    publish(session, [record])
    return record


def update_group(
    session: Session, group_id: uuid.UUID, patch: WorkingGroupUpdate, base_url: str
) -> WorkingGroupPublic:
    """Change the fields sent; the whole group is checked again after the change."""
    previous = repository.get(session, group_id)
    if previous is None:
        raise missing(session, RecordKind.GROUP, group_id)
    before = to_public(previous, base_url).model_dump(include=set(WorkingGroupBase.model_fields))
    merged = validate_as(WorkingGroupBase, {**before, **patch.model_dump(exclude_unset=True)})
    existing = actors_repository.existing_ids(session, [m.actor_id for m in merged.members])
    prepared = check_group(merged, existing_actors=existing)
    _external_id_clash(session, prepared.values["external_id"], group_id)
    stamp = apply_update(session, previous, prepared)
    session.flush()
    session.expire_all()
    record = read_group(session, group_id, base_url)
    if stamp is not None:  # a PATCH that changes nothing is not a new version
        publish(session, [record])
    return record


def published(prepared: PreparedGroup, stamp: Stamp, base_url: str) -> WorkingGroupPublic:
    """The group as ``to_public`` would read it back once written, without writing or
    reading it (bulk loads publish from this; tests check that both agree)."""
    return WorkingGroupPublic.model_validate(
        {
            **{name: prepared.values[name] for name in SCALAR_FIELDS},
            "members": [{"actor_id": m["actor_id"], "role": m["role"]} for m in prepared.members],
            **stamp,
            "iri": record_iri(base_url, RecordKind.GROUP, stamp["id"]),
        }
    )


def update_stamp(previous: GroupRow, prepared: PreparedGroup) -> Stamp | None:
    """The stamp of a checked group's next version; None when nothing changed (compared on
    normalised values)."""
    group = previous.group
    stored_values = {name: getattr(group, name) for name in prepared.values}
    stored_members = [(m.actor_id, m.role) for m in previous.members]
    members = [(m["actor_id"], m["role"]) for m in prepared.members]
    if stored_values == prepared.values and stored_members == members:
        return None
    return next_stamp(group.id, group.created, group.version)


def write_update(session: Session, prepared: PreparedGroup, stamp: Stamp) -> None:
    """Write a checked group over its stored version, as the version ``stamp`` says."""
    group_id = stamp["id"]
    repository.update_one(
        session,
        group_id,
        {**prepared.values, "modified": stamp["modified"], "version": stamp["version"]},
    )
    repository.replace_members(session, group_id, prepared.member_rows(group_id))


def apply_update(session: Session, previous: GroupRow, prepared: PreparedGroup) -> Stamp | None:
    """Write a checked group over its previous state; None when nothing changed."""
    stamp = update_stamp(previous, prepared)
    if stamp is not None:
        write_update(session, prepared, stamp)
    return stamp


def delete_group(session: Session, group_id: uuid.UUID) -> None:
    """Delete a working group and its memberships."""
    if repository.get(session, group_id) is None:
        raise missing(session, RecordKind.GROUP, group_id)
    repository.delete_one(session, group_id)
    unpublish(session, [group_id])
    bury(session, RecordKind.GROUP, group_id)
    session.flush()
