"""API shapes of tokens (the secret is shown once, at creation)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from federation.auth.models import Role
from federation.common.fields import NoNul


class TokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=100), NoNul]
    role: Role = Role.EDITOR


class TokenPublic(BaseModel):
    id: uuid.UUID
    name: str
    role: Role
    prefix: str
    created: datetime
    last_used: datetime | None
    revoked: datetime | None


class TokenIssued(TokenPublic):
    token: str = Field(description="The secret: shown this once, never again")
