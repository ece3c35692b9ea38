"""Rules of the actions: codes, dates, shares, money, and participants that exist."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from federation.actions import repository
from federation.actions.repository import ActionFilters, ActionRow
from federation.actions.schemas import (
    ActionBase,
    ActionCreate,
    ActionPublic,
    ActionsPublic,
    ActionUpdate,
    Budget,
    CountryShare,
    Funding,
    Participant,
    SectorShare,
)
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
from federation.publication.service import publish, unpublish

LIST_FIELDS = ("countries", "sectors", "sdgs", "localities", "participants", "fundings", "budget")
_VALUE_KEYS = (
    "external_id",
    "title",
    "description",
    "kind",
    "status",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "budget_cents",
    "budget_currency",
    "localities",
)
DATE_PAIRS = (("planned_start", "planned_end"), ("actual_start", "actual_end"))


def to_cents(amount: Decimal) -> int:
    return int(amount * 100)


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


@dataclass
class PreparedAction:
    """An action that passed every rule, as rows ready to write."""

    values: dict[str, Any]
    codes: list[tuple[str, str, float | None]] = field(default_factory=list)
    participations: list[dict[str, Any]] = field(default_factory=list)
    fundings: list[dict[str, Any]] = field(default_factory=list)

    def child_rows(
        self, action_id: uuid.UUID
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        positions: dict[str, int] = {}
        codes = []
        for scheme, code, percentage in self.codes:
            position = positions.get(scheme, 0)
            positions[scheme] = position + 1
            codes.append(
                {
                    "action_id": action_id,
                    "scheme": scheme,
                    "code": code,
                    "position": position,
                    "percentage": percentage,
                }
            )
        participations = [
            {**row, "action_id": action_id, "position": i}
            for i, row in enumerate(self.participations)
        ]
        fundings = [
            {**row, "action_id": action_id, "position": i} for i, row in enumerate(self.fundings)
        ]
        return codes, participations, fundings


def actor_references(data: ActionBase) -> set[uuid.UUID]:
    """The directory actors an action points at (participants and funders)."""
    refs = {p.actor_id for p in data.participants if p.actor_id}
    refs.update(f.funder_id for f in data.fundings if f.funder_id)
    return refs


def check_action(
    data: ActionBase,
    *,
    existing_actors: set[uuid.UUID],
    previous: ActionRow | None = None,
) -> PreparedAction:
    """Apply every content rule; raise ``ValidationFailed`` naming each field at fault."""
    problems = Problems()
    old = previous.codes if previous else {}
    kept = {scheme: [code for code, _ in pairs] for scheme, pairs in old.items()}
    values = data.model_dump(exclude=set(LIST_FIELDS))
    values["kind"] = problems.code(
        "kind", Scheme.ACTION_KIND, data.kind, kept=[previous.action.kind] if previous else []
    )
    values["status"] = problems.code(
        "status",
        Scheme.ACTIVITY_STATUS,
        data.status,
        kept=[previous.action.status] if previous else [],
    )
    for start, end in DATE_PAIRS:
        if values[start] and values[end] and values[end] < values[start]:
            problems.add(
                end,
                "end_before_start",
                f"La date de fin ({values[end]}) est avant la date de début ({values[start]}).",
                f"The end date ({values[end]}) is before the start date ({values[start]}).",
            )
    # Sets (localities, SDGs, countries, sectors) are kept in a canonical order: code order.
    values["localities"] = json.dumps(sorted(set(data.localities)), ensure_ascii=False)
    values.update(_budget(problems, data.budget))
    prepared = PreparedAction(values)
    prepared.codes.extend(sorted(_countries(problems, data.countries, kept.get("country", []))))
    prepared.codes.extend(sorted(_sectors(problems, data.sectors, kept.get("sector", []))))
    sdgs = [
        code
        for i, value in enumerate(data.sdgs)
        if (code := problems.sdg(f"sdgs[{i}]", value, kept=kept.get("sdg", [])))
    ]
    prepared.codes.extend(("sdg", code, None) for code in sorted(set(sdgs)))
    prepared.participations = [
        _participant(problems, f"participants[{i}]", p, existing_actors)
        for i, p in enumerate(data.participants)
    ]
    prepared.fundings = [
        _funding(problems, f"fundings[{i}]", f, existing_actors)
        for i, f in enumerate(data.fundings)
    ]
    problems.raise_if_any()
    return prepared


def _budget(problems: Problems, budget: Budget | None) -> dict[str, Any]:
    if budget is None:
        return {"budget_cents": None, "budget_currency": None}
    currency = problems.code("budget.currency", Scheme.CURRENCY, budget.currency)
    return {"budget_cents": to_cents(budget.amount), "budget_currency": currency}


def _countries(
    problems: Problems, shares: list[CountryShare], kept: list[str]
) -> list[tuple[str, str, float | None]]:
    out: list[tuple[str, str, float | None]] = []
    for i, share in enumerate(shares):
        code = problems.code(f"countries[{i}].code", Scheme.COUNTRY, share.code.upper(), kept=kept)
        if code and any(code == seen for _, seen, _ in out):
            problems.add(f"countries[{i}].code", "duplicate", "Pays en double.", "Duplicate.")
        elif code:
            out.append(("country", code, share.percentage))
    problems.percentages("countries", [share.percentage for share in shares])
    return out


def _sectors(
    problems: Problems, shares: list[SectorShare], kept: list[str]
) -> list[tuple[str, str, float | None]]:
    out: list[tuple[str, str, float | None]] = []
    for i, share in enumerate(shares):
        code = problems.sector(f"sectors[{i}].code", share.code, kept=kept)
        if code and any(code == seen for _, seen, _ in out):
            problems.add(f"sectors[{i}].code", "duplicate", "Secteur en double.", "Duplicate.")
        elif code:
            out.append(("sector", code, share.percentage))
    problems.percentages("sectors", [share.percentage for share in shares])
    return out


def _participant(
    problems: Problems, where: str, participant: Participant, existing: set[uuid.UUID]
) -> dict[str, Any]:
    if (participant.actor_id is None) == (participant.name is None):
        problems.add(
            where,
            "actor_or_name",
            "Un participant est soit un acteur de l'annuaire (actor_id), soit un partenaire "
            "nommé (name), l'un des deux exactement.",
            "A participant is either a directory actor (actor_id) or a named partner (name), "
            "exactly one of the two.",
        )
    elif participant.actor_id is not None and participant.actor_id not in existing:
        problems.add(
            f"{where}.actor_id",
            "unknown_actor",
            f"Aucun acteur de l'annuaire n'a l'identifiant {participant.actor_id}.",
            f"No actor of the directory has the id {participant.actor_id}.",
        )
    country = participant.country.upper() if participant.country else None
    return {
        "actor_id": participant.actor_id,
        "name": participant.name,
        "country": problems.code(f"{where}.country", Scheme.COUNTRY, country),
        "organisation_type": problems.code(
            f"{where}.organisation_type", Scheme.ORGANISATION_TYPE, participant.organisation_type
        ),
        "role": problems.code(f"{where}.role", Scheme.ORGANISATION_ROLE, participant.role),
    }


def _funding(
    problems: Problems, where: str, funding: Funding, existing: set[uuid.UUID]
) -> dict[str, Any]:
    if funding.funder_id is None and funding.funder_name is None:
        problems.add(
            where,
            "funder_missing",
            "Indiquez le financeur (funder_id ou funder_name).",
            "Name the funder (funder_id or funder_name).",
        )
    if funding.funder_id is not None and funding.funder_id not in existing:
        problems.add(
            f"{where}.funder_id",
            "unknown_actor",
            f"Aucun acteur de l'annuaire n'a l'identifiant {funding.funder_id}.",
            f"No actor of the directory has the id {funding.funder_id}.",
        )
    return {
        "funder_id": funding.funder_id,
        "funder_name": funding.funder_name,
        "amount_cents": to_cents(funding.amount),
        "currency": problems.code(f"{where}.currency", Scheme.CURRENCY, funding.currency),
        "year": funding.year,
        "status": problems.code(f"{where}.status", Scheme.FUNDING_STATUS, funding.status),
    }


def to_public(row: ActionRow, base_url: str) -> ActionPublic:
    action = row.action
    scalar = {
        name: getattr(action, name) for name in ActionBase.model_fields if name not in LIST_FIELDS
    }
    budget = (
        Budget(amount=from_cents(action.budget_cents), currency=action.budget_currency or "EUR")
        if action.budget_cents is not None
        else None
    )
    return ActionPublic(
        **scalar,
        countries=[CountryShare(code=c, percentage=p) for c, p in row.codes.get("country", [])],
        sectors=[SectorShare(code=c, percentage=p) for c, p in row.codes.get("sector", [])],
        sdgs=[code for code, _ in row.codes.get("sdg", [])],
        localities=json.loads(action.localities),
        participants=[
            Participant(
                actor_id=p.actor_id,
                name=p.name,
                country=p.country,
                organisation_type=p.organisation_type,
                role=p.role,
            )
            for p in row.participations
        ],
        fundings=[
            Funding(
                funder_id=f.funder_id,
                funder_name=f.funder_name,
                amount=from_cents(f.amount_cents),
                currency=f.currency,
                year=f.year,
                status=f.status,
            )
            for f in row.fundings
        ],
        budget=budget,
        id=action.id,
        iri=record_iri(base_url, RecordKind.ACTION, action.id),
        created=action.created,
        modified=action.modified,
        version=action.version,
    )


def read_action(session: Session, action_id: uuid.UUID, base_url: str) -> ActionPublic:
    """One action, or 404 / 410."""
    row = repository.get(session, action_id)
    if row is None:
        raise missing(session, RecordKind.ACTION, action_id)
    return to_public(row, base_url)


def list_actions(
    session: Session, filters: ActionFilters, sort: Sort, page: Page, base_url: str
) -> ActionsPublic:
    """A page of actions matching the filters, with the total count."""
    rows, total = repository.list_page(session, filters, sort, page)
    return ActionsPublic(data=[to_public(row, base_url) for row in rows], count=total)


def _external_id_clash(
    session: Session, external_id: str | None, exclude: uuid.UUID | None
) -> None:
    owner = repository.external_id_owner(session, external_id) if external_id else None
    if owner is not None and owner != exclude:
        raise external_id_taken(RecordKind.ACTION, owner)


def create_action(session: Session, data: ActionCreate, base_url: str) -> ActionPublic:
    """Create an action after every rule passed; nothing is written otherwise."""
    existing = actors_repository.existing_ids(session, actor_references(data))
    prepared = check_action(data, existing_actors=existing)
    _external_id_clash(session, prepared.values["external_id"], None)
    action_id = new_id()
    row = {**prepared.values, **new_stamp(action_id)}
    repository.insert_many(session, [row], *prepared.child_rows(action_id))
    session.flush()
    record = read_action(session, action_id, base_url)
    publish(session, [record])
    return record


def update_action(
    session: Session, action_id: uuid.UUID, patch: ActionUpdate, base_url: str
) -> ActionPublic:
    """Change the fields sent; the whole action is checked again after the change."""
    previous = repository.get(session, action_id)
    if previous is None:
        raise missing(session, RecordKind.ACTION, action_id)
    current = to_public(previous, base_url).model_dump(include=set(ActionBase.model_fields))
    merged = validate_as(ActionBase, {**current, **patch.model_dump(exclude_unset=True)})
    existing = actors_repository.existing_ids(session, actor_references(merged))
    prepared = check_action(merged, existing_actors=existing, previous=previous)
    _external_id_clash(session, prepared.values["external_id"], action_id)
    stamp = apply_update(session, previous, prepared)
    session.flush()
    session.expire_all()
    record = read_action(session, action_id, base_url)
    if stamp is not None:  # a PATCH that changes nothing is not a new version
        publish(session, [record])
    return record


PARTICIPATION_KEYS = ("actor_id", "name", "country", "organisation_type", "role")
FUNDING_KEYS = ("funder_id", "funder_name", "amount_cents", "currency", "year", "status")


def _stored_state(row: ActionRow) -> tuple[Any, ...]:
    """The stored action in the normalised form ``check_action`` produces, to compare."""
    action = row.action
    return (
        {name: getattr(action, name) for name in _VALUE_KEYS},
        {scheme: list(pairs) for scheme, pairs in row.codes.items() if pairs},
        [tuple(getattr(p, key) for key in PARTICIPATION_KEYS) for p in row.participations],
        [tuple(getattr(f, key) for key in FUNDING_KEYS) for f in row.fundings],
    )


def _prepared_state(prepared: PreparedAction) -> tuple[Any, ...]:
    codes: dict[str, list[tuple[str, float | None]]] = {}
    for scheme, code, percentage in prepared.codes:
        codes.setdefault(scheme, []).append((code, percentage))
    return (
        {name: prepared.values[name] for name in _VALUE_KEYS},
        codes,
        [tuple(p[key] for key in PARTICIPATION_KEYS) for p in prepared.participations],
        [tuple(f[key] for key in FUNDING_KEYS) for f in prepared.fundings],
    )


def update_stamp(previous: ActionRow, prepared: PreparedAction) -> Stamp | None:
    """The stamp of a checked action's next version; None when nothing changed (compared on
    normalised values: "bf" for a stored "BF" is no change)."""
    if _stored_state(previous) == _prepared_state(prepared):
        return None
    action = previous.action
    return next_stamp(action.id, action.created, action.version)


def write_update(session: Session, prepared: PreparedAction, stamp: Stamp) -> None:
    """Write a checked action over its stored version, as the version ``stamp`` says."""
    action_id = stamp["id"]
    repository.update_one(
        session,
        action_id,
        {**prepared.values, "modified": stamp["modified"], "version": stamp["version"]},
    )
    repository.delete_children(session, [action_id])
    repository.insert_many(session, [], *prepared.child_rows(action_id))


def apply_update(session: Session, previous: ActionRow, prepared: PreparedAction) -> Stamp | None:
    """Write a checked action over its previous state; None when nothing changed, else the
    new stamp."""
    stamp = update_stamp(previous, prepared)
    if stamp is not None:
        write_update(session, prepared, stamp)
    return stamp


def delete_action(session: Session, action_id: uuid.UUID) -> None:
    """Delete an action with its participants, codes and fundings."""
    if repository.get(session, action_id) is None:
        raise missing(session, RecordKind.ACTION, action_id)
    repository.delete_one(session, action_id)
    unpublish(session, [action_id])
    bury(session, RecordKind.ACTION, action_id)
    session.flush()
