"""API shapes of an action (a project abroad or in France), its participants and fundings."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from federation.common.fields import (
    MAX_LIST,
    Amount,
    Code,
    CurrencyCode,
    ExternalId,
    LongText,
    Name,
    Percentage,
    ShortText,
    Year,
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CountryShare(Strict):
    """A recipient country (ISO 3166-1 alpha-2) with an optional share in percent."""

    code: Code
    percentage: Percentage | None = None


class SectorShare(Strict):
    """A DAC sector, 5-digit (e.g. 14030) or 3-digit category (e.g. 140), with optional share."""

    code: Code
    percentage: Percentage | None = None


class Participant(Strict):
    """An actor of the directory, or a partner abroad not in the directory, with its role."""

    actor_id: uuid.UUID | None = Field(default=None, description="An actor of this directory")
    name: ShortText | None = Field(default=None, description="A partner not in the directory")
    country: Code | None = Field(default=None, description="The partner's country (alpha-2)")
    organisation_type: Code | None = Field(
        default=None, description="IATI OrganisationType of a partner not in the directory"
    )
    role: Code = Field(
        description="IATI OrganisationRole: 1 funding, 2 accountable, 3 extending, 4 implementing"
    )


class Funding(Strict):
    """Money for the action from one funder in one year."""

    funder_id: uuid.UUID | None = Field(default=None, description="A funder in the directory")
    funder_name: ShortText | None = Field(default=None, description="A funder not in it")
    amount: Amount
    currency: CurrencyCode = "EUR"
    year: Year
    status: Code = Field(default="committed", description="funding-status scheme code")


class Budget(Strict):
    amount: Amount
    currency: CurrencyCode = "EUR"


class ActionBase(Strict):
    external_id: ExternalId | None = None
    title: Name = Field(description="Intitulé / title")
    description: LongText | None = None
    kind: Code = Field(description="Type d'action: a code of the action-kind scheme")
    status: Code = Field(default="2", description="IATI ActivityStatus code")
    planned_start: date | None = None
    planned_end: date | None = None
    actual_start: date | None = None
    actual_end: date | None = None
    countries: list[CountryShare] = Field(default_factory=list, max_length=MAX_LIST)
    sectors: list[SectorShare] = Field(default_factory=list, max_length=MAX_LIST)
    sdgs: list[Code] = Field(default_factory=list, max_length=MAX_LIST)
    localities: list[ShortText] = Field(default_factory=list, max_length=MAX_LIST)
    participants: list[Participant] = Field(default_factory=list, max_length=MAX_LIST)
    fundings: list[Funding] = Field(default_factory=list, max_length=MAX_LIST)
    budget: Budget | None = None


class ActionCreate(ActionBase):
    """An action to create."""


class ActionUpdate(Strict):
    """A partial update (PATCH): only the fields sent change; a list sent replaces the list."""

    external_id: ExternalId | None = None
    title: Name | None = None
    description: LongText | None = None
    kind: Code | None = None
    status: Code | None = None
    planned_start: date | None = None
    planned_end: date | None = None
    actual_start: date | None = None
    actual_end: date | None = None
    countries: list[CountryShare] | None = Field(default=None, max_length=MAX_LIST)
    sectors: list[SectorShare] | None = Field(default=None, max_length=MAX_LIST)
    sdgs: list[Code] | None = Field(default=None, max_length=MAX_LIST)
    localities: list[ShortText] | None = Field(default=None, max_length=MAX_LIST)
    participants: list[Participant] | None = Field(default=None, max_length=MAX_LIST)
    fundings: list[Funding] | None = Field(default=None, max_length=MAX_LIST)
    budget: Budget | None = None


class ActionPublic(ActionBase):
    id: uuid.UUID
    iri: str
    created: datetime
    modified: datetime
    version: int


class ActionsPublic(BaseModel):
    data: list[ActionPublic]
    count: int
