"""API shapes of an actor: what a client sends and what it reads back."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from federation.common.fields import (
    MAX_LIST,
    Acronym,
    Code,
    Email,
    ExternalId,
    LongText,
    Name,
    ShortText,
    Url,
)


class ActorBase(BaseModel):
    """Fields an actor has, whether sent or read."""

    model_config = ConfigDict(extra="forbid")

    external_id: ExternalId | None = Field(
        default=None, description="The network's own id (spreadsheet row id), unique in the node"
    )
    name: Name = Field(description="Nom / name")
    acronym: Acronym | None = Field(default=None, description="Sigle")
    actor_type: Code = Field(description="Type d'acteur: a code of the actor-type scheme")
    siren: str | None = Field(default=None, max_length=20, description="SIREN (9 digits)")
    siret: str | None = Field(default=None, max_length=20, description="SIRET (14 digits)")
    rna: str | None = Field(default=None, max_length=20, description="RNA number (W + 9)")
    uai: str | None = Field(default=None, max_length=20, description="UAI (schools)")
    finess: str | None = Field(default=None, max_length=20, description="FINESS (health)")
    insee_code: str | None = Field(
        default=None, max_length=10, description="INSEE code of a local authority's commune"
    )
    address: ShortText | None = None
    postal_code: str | None = Field(default=None, max_length=10, pattern=r"^\d{5}$")
    city: ShortText | None = None
    departement: str | None = Field(default=None, pattern=r"^(\d{2}|2[AB]|97\d)$")
    region: ShortText | None = None
    website: Url | None = None
    description: LongText | None = None
    email: Email | None = Field(default=None, description="A role mailbox (contact@...)")
    contact_name: ShortText | None = Field(
        default=None, description="A named person: personal data, only with contact_consent"
    )
    contact_consent: bool = False
    countries: list[Code] = Field(default_factory=list, max_length=MAX_LIST)
    sectors: list[Code] = Field(default_factory=list, max_length=MAX_LIST)
    sdgs: list[Code] = Field(default_factory=list, max_length=MAX_LIST)


class ActorCreate(ActorBase):
    """An actor to create."""


class ActorUpdate(BaseModel):
    """A partial update (PATCH): only the fields sent are changed; ``null`` clears a field."""

    model_config = ConfigDict(extra="forbid")

    external_id: ExternalId | None = None
    name: Name | None = None
    acronym: Acronym | None = None
    actor_type: Code | None = None
    siren: str | None = Field(default=None, max_length=20)
    siret: str | None = Field(default=None, max_length=20)
    rna: str | None = Field(default=None, max_length=20)
    uai: str | None = Field(default=None, max_length=20)
    finess: str | None = Field(default=None, max_length=20)
    insee_code: str | None = Field(default=None, max_length=10)
    address: ShortText | None = None
    postal_code: str | None = Field(default=None, max_length=10, pattern=r"^\d{5}$")
    city: ShortText | None = None
    departement: str | None = Field(default=None, pattern=r"^(\d{2}|2[AB]|97\d)$")
    region: ShortText | None = None
    website: Url | None = None
    description: LongText | None = None
    email: Email | None = None
    contact_name: ShortText | None = None
    contact_consent: bool | None = None
    countries: list[Code] | None = Field(default=None, max_length=MAX_LIST)
    sectors: list[Code] | None = Field(default=None, max_length=MAX_LIST)
    sdgs: list[Code] | None = Field(default=None, max_length=MAX_LIST)


class ActorPublic(ActorBase):
    """An actor as the API returns it."""

    id: uuid.UUID
    iri: str
    created: datetime
    modified: datetime
    version: int


class ActorsPublic(BaseModel):
    data: list[ActorPublic]
    count: int
