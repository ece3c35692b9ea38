"""An action as its RDF is made from it, built straight from what a bulk load wrote."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from federation.actions.service import PARTICIPATION_KEYS, PreparedAction, from_cents
from federation.common.records import RecordKind, Stamp, record_iri


class PublishedShare(NamedTuple):
    code: str
    percentage: float | None


class PublishedParticipant(NamedTuple):
    actor_id: uuid.UUID | None
    name: str | None
    country: str | None
    organisation_type: str | None
    role: str


class PublishedFunding(NamedTuple):
    funder_id: uuid.UUID | None
    funder_name: str | None
    amount: Decimal
    currency: str
    year: int
    status: str


class PublishedBudget(NamedTuple):
    amount: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class PublishedAction:
    """An action with the fields of ``ActionPublic`` that the RDF mapping reads, made from what
    a bulk load wrote: building and validating the API shape again cost more than the RDF."""

    id: uuid.UUID
    iri: str
    external_id: str | None
    created: datetime
    modified: datetime
    version: int
    title: str
    description: str | None
    kind: str
    status: str
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None
    actual_end: date | None
    countries: list[PublishedShare]
    sectors: list[PublishedShare]
    sdgs: list[str]
    localities: list[str]
    participants: list[PublishedParticipant]
    fundings: list[PublishedFunding]
    budget: PublishedBudget | None


def published(prepared: PreparedAction, stamp: Stamp, base_url: str) -> PublishedAction:
    """The action as ``to_public`` would read it back once written, without writing or
    reading it (bulk loads publish from this; tests check that both publish the same bytes)."""
    values = prepared.values
    shares: dict[str, list[PublishedShare]] = {"country": [], "sector": []}
    sdgs: list[str] = []
    for scheme, code, percentage in prepared.codes:
        if scheme == "sdg":
            sdgs.append(code)
        else:
            shares[scheme].append(PublishedShare(code, percentage))
    budget_cents = values["budget_cents"]
    return PublishedAction(
        id=stamp["id"],
        iri=record_iri(base_url, RecordKind.ACTION, stamp["id"]),
        external_id=values["external_id"],
        created=stamp["created"],
        modified=stamp["modified"],
        version=stamp["version"],
        title=values["title"],
        description=values["description"],
        kind=values["kind"],
        status=values["status"],
        planned_start=values["planned_start"],
        planned_end=values["planned_end"],
        actual_start=values["actual_start"],
        actual_end=values["actual_end"],
        countries=shares["country"],
        sectors=shares["sector"],
        sdgs=sdgs,
        localities=json.loads(values["localities"]),
        participants=[
            PublishedParticipant(*(row[key] for key in PARTICIPATION_KEYS))
            for row in prepared.participations
        ],
        fundings=[
            PublishedFunding(
                row["funder_id"],
                row["funder_name"],
                from_cents(row["amount_cents"]),
                row["currency"],
                row["year"],
                row["status"],
            )
            for row in prepared.fundings
        ],
        budget=None
        if budget_cents is None
        else PublishedBudget(from_cents(budget_cents), values["budget_currency"] or "EUR"),
    )
