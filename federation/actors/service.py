"""Rules of the actors: identifiers checked and normalised, codes checked, no duplicates."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from federation.actors import repository
from federation.actors.repository import ActorFilters, ActorRow
from federation.actors.schemas import ActorBase, ActorCreate, ActorPublic, ActorsPublic, ActorUpdate
from federation.codelists.registry import Scheme
from federation.common.fields import new_id
from federation.common.listing import Page, Sort
from federation.common.records import (
    RecordKind,
    Stamp,
    bury,
    missing,
    new_stamp,
    next_stamp,
    record_iri,
)
from federation.common.validation import Problems, validate_as
from federation.db.references import referrers
from federation.errors import Conflict, FederationError, FieldError
from federation.identifiers import (
    IdentifierError,
    normalize_finess,
    normalize_insee_commune,
    normalize_rna,
    normalize_siren,
    normalize_siret,
    normalize_uai,
    siren_of_siret,
)
from federation.publication.service import publish, unpublish

CODE_FIELDS = {"countries": "country", "sectors": "sector", "sdgs": "sdg"}
SCALAR_FIELDS = tuple(name for name in ActorBase.model_fields if name not in CODE_FIELDS)
NORMALISERS: dict[str, Callable[[str], str]] = {
    "siren": normalize_siren,
    "siret": normalize_siret,
    "rna": normalize_rna,
    "uai": normalize_uai,
    "finess": normalize_finess,
    "insee_code": normalize_insee_commune,
}
IDENTIFIER_LABELS = {
    "external_id": "identifiant externe",
    "siren": "SIREN",
    "siret": "SIRET",
    "rna": "RNA",
    "uai": "UAI",
    "finess": "FINESS",
}


@dataclass
class PreparedActor:
    """An actor that passed every rule: its column values and its codes by scheme."""

    values: dict[str, Any]
    codes: dict[str, list[str]]

    def code_rows(self, actor_id: uuid.UUID) -> list[dict[str, Any]]:
        return [
            {"actor_id": actor_id, "scheme": scheme, "code": code, "position": position}
            for scheme, codes in self.codes.items()
            for position, code in enumerate(codes)
        ]


def check_actor(data: ActorBase, *, previous: ActorRow | None = None) -> PreparedActor:
    """Apply every content rule; raise ``ValidationFailed`` naming each field at fault."""
    problems = Problems()
    values = data.model_dump(exclude=set(CODE_FIELDS))
    old_codes = previous.codes if previous else {}
    kept_type = (previous.actor.actor_type,) if previous else ()
    values["actor_type"] = problems.code(
        "actor_type", Scheme.ACTOR_TYPE, data.actor_type, kept=kept_type
    )
    for name, normalise in NORMALISERS.items():
        raw = values.get(name)
        if raw is None or not str(raw).strip():
            values[name] = None
            continue
        try:
            values[name] = normalise(str(raw))
        except IdentifierError as error:
            problems.add(name, error.code, error.message, error.message_en)
            values[name] = None
    if values["siret"]:
        siren = siren_of_siret(values["siret"])
        if values["siren"] is None and "siren" not in {e.field for e in problems.errors}:
            values["siren"] = siren
        elif values["siren"] and values["siren"] != siren:
            problems.add(
                "siret",
                "siret_siren_mismatch",
                f"Ce SIRET n'appartient pas au SIREN {values['siren']}.",
                f"This SIRET does not belong to SIREN {values['siren']}.",
            )
    if data.contact_name and not data.contact_consent:
        problems.add(
            "contact_name",
            "consent_required",
            "Un nom de personne est une donnée personnelle : cochez le consentement "
            "(contact_consent) ou donnez une adresse de fonction.",
            "A person's name is personal data: set contact_consent or give a role mailbox.",
        )
    sectors = [
        problems.sector(f"sectors[{index}]", value, kept=old_codes.get("sector", ()))
        for index, value in enumerate(data.sectors)
    ]
    sdgs = [
        problems.sdg(f"sdgs[{index}]", value, kept=old_codes.get("sdg", ()))
        for index, value in enumerate(data.sdgs)
    ]
    countries = problems.codes(
        "countries",
        Scheme.COUNTRY,
        [c.upper() for c in data.countries],
        kept=old_codes.get("country", ()),
    )
    # Sets of codes are kept in code order: one canonical form for the API, the RDF and diffs.
    codes = {
        "country": sorted(countries),
        "sector": sorted({code for code in sectors if code}),
        "sdg": sorted({code for code in sdgs if code}),
    }
    problems.raise_if_any()
    return PreparedActor(values, codes)


def duplicate_errors(clashes: list[tuple[str, str, uuid.UUID]]) -> list[FieldError]:
    return [
        FieldError(
            column,
            "duplicate_identifier",
            f"Un autre acteur a déjà ce {IDENTIFIER_LABELS[column]} ({value}) : {other}",
            f"Another actor already has this {column} ({value}): {other}",
        )
        for column, value, other in clashes
    ]


def to_public(row: ActorRow, base_url: str) -> ActorPublic:
    actor = row.actor
    return ActorPublic(
        **{name: getattr(actor, name) for name in SCALAR_FIELDS},
        **{field: row.codes.get(scheme, []) for field, scheme in CODE_FIELDS.items()},
        id=actor.id,
        iri=record_iri(base_url, RecordKind.ACTOR, actor.id),
        created=actor.created,
        modified=actor.modified,
        version=actor.version,
    )


def read_actor(session: Session, actor_id: uuid.UUID, base_url: str) -> ActorPublic:
    """One actor, or 404 / 410 if it never existed / was deleted."""
    row = repository.get(session, actor_id)
    if row is None:
        raise missing(session, RecordKind.ACTOR, actor_id)
    return to_public(row, base_url)


def list_actors(
    session: Session, filters: ActorFilters, sort: Sort, page: Page, base_url: str
) -> ActorsPublic:
    """A page of actors matching the filters, with the total count."""
    rows, total = repository.list_page(session, filters, sort, page)
    return ActorsPublic(data=[to_public(row, base_url) for row in rows], count=total)


def create_actor(session: Session, data: ActorCreate, base_url: str) -> ActorPublic:
    """Create an actor after every rule passed; nothing is written otherwise."""
    prepared = check_actor(data)
    clashes = repository.identifier_conflicts(session, prepared.values)
    if clashes:
        raise Conflict(duplicate_errors(clashes))
    actor_id = new_id()
    row = {**prepared.values, **new_stamp(actor_id)}
    repository.insert_many(session, [row], prepared.code_rows(actor_id))
    session.flush()
    record = read_actor(session, actor_id, base_url)
    publish(session, [record])
    return record


def update_actor(
    session: Session, actor_id: uuid.UUID, patch: ActorUpdate, base_url: str
) -> ActorPublic:
    """Change the fields sent; the whole record is checked again after the change."""
    previous = repository.get(session, actor_id)
    if previous is None:
        raise missing(session, RecordKind.ACTOR, actor_id)
    current = to_public(previous, base_url).model_dump(include=set(ActorBase.model_fields))
    changes = patch.model_dump(exclude_unset=True)
    merged = validate_as(ActorBase, {**current, **changes})
    prepared = check_actor(merged, previous=previous)
    clashes = repository.identifier_conflicts(session, prepared.values, exclude=actor_id)
    if clashes:
        raise Conflict(duplicate_errors(clashes))
    stamp = apply_update(session, previous, prepared)
    session.flush()
    session.expire_all()
    record = read_actor(session, actor_id, base_url)
    if stamp is not None:  # a PATCH that changes nothing is not a new version
        publish(session, [record])
    return record


def published(prepared: PreparedActor, stamp: Stamp, base_url: str) -> ActorPublic:
    """The actor as ``to_public`` would read it back once written, without writing or
    reading it (bulk loads publish from this; tests check that both agree)."""
    return ActorPublic.model_validate(
        {
            **{name: prepared.values[name] for name in SCALAR_FIELDS},
            **{field: prepared.codes.get(scheme, []) for field, scheme in CODE_FIELDS.items()},
            **stamp,
            "iri": record_iri(base_url, RecordKind.ACTOR, stamp["id"]),
        }
    )


def _changes(previous: ActorRow, prepared: PreparedActor) -> tuple[dict[str, Any], bool]:
    """The columns whose value changes, and whether the codes change."""
    actor = previous.actor
    changed_values = {
        name: value for name, value in prepared.values.items() if getattr(actor, name) != value
    }
    codes_changed = {k: v for k, v in prepared.codes.items() if v} != {
        k: v for k, v in previous.codes.items() if v
    }
    return changed_values, codes_changed


def update_stamp(previous: ActorRow, prepared: PreparedActor) -> Stamp | None:
    """The stamp of a checked actor's next version; None when nothing changed."""
    changed_values, codes_changed = _changes(previous, prepared)
    if not changed_values and not codes_changed:
        return None
    actor = previous.actor
    return next_stamp(actor.id, actor.created, actor.version)


def write_update(
    session: Session, previous: ActorRow, prepared: PreparedActor, stamp: Stamp
) -> None:
    """Write what changed in a checked actor over its stored version, as ``stamp`` says."""
    changed_values, codes_changed = _changes(previous, prepared)
    actor_id = previous.actor.id
    repository.update_one(
        session,
        actor_id,
        {**changed_values, "modified": stamp["modified"], "version": stamp["version"]},
    )
    if codes_changed:
        repository.replace_codes(session, [actor_id], prepared.code_rows(actor_id))


def apply_update(session: Session, previous: ActorRow, prepared: PreparedActor) -> Stamp | None:
    """Write a checked actor over its previous state; None when nothing changed, else the
    new id, timestamps and version."""
    stamp = update_stamp(previous, prepared)
    if stamp is not None:
        write_update(session, previous, prepared, stamp)
    return stamp


def delete_actor(session: Session, actor_id: uuid.UUID) -> None:
    """Delete an actor that no action or group still refers to."""
    if repository.get(session, actor_id) is None:
        raise missing(session, RecordKind.ACTOR, actor_id)
    users = referrers(session, "actor", actor_id)
    if users:
        raise FederationError(
            message="Cet acteur est encore cité par : " + ", ".join(users),
            message_en="This actor is still referred to by: " + ", ".join(users),
            status_code=409,
            code="still_referenced",
        )
    repository.delete_one(session, actor_id)
    unpublish(session, [actor_id])
    bury(session, RecordKind.ACTOR, actor_id)
    session.flush()
