"""API shapes of a working group ("Groupe pays Burkina Faso", "GT eau et assainissement")."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from federation.common.fields import Code, ExternalId, LongText, Name


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Membership(Strict):
    actor_id: uuid.UUID
    role: Code = Field(default="membre", description="group-role scheme code")


class WorkingGroupBase(Strict):
    external_id: ExternalId | None = None
    name: Name
    kind: Code = Field(description="group-kind scheme code: pays (country) or thematique")
    country: Code | None = Field(default=None, description="For a country group (alpha-2)")
    theme: Code | None = Field(default=None, description="For a theme group: a DAC sector code")
    description: LongText | None = None
    members: list[Membership] = Field(default_factory=list, max_length=500)


class WorkingGroupCreate(WorkingGroupBase):
    """A working group to create."""


class WorkingGroupUpdate(Strict):
    external_id: ExternalId | None = None
    name: Name | None = None
    kind: Code | None = None
    country: Code | None = None
    theme: Code | None = None
    description: LongText | None = None
    members: list[Membership] | None = Field(default=None, max_length=500)


class WorkingGroupPublic(WorkingGroupBase):
    id: uuid.UUID
    iri: str
    created: datetime
    modified: datetime
    version: int


class WorkingGroupsPublic(BaseModel):
    data: list[WorkingGroupPublic]
    count: int
