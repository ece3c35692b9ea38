"""API shape of the network that runs the node."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel


class NetworkPublic(BaseModel):
    id: uuid.UUID
    node_id: str
    name: str
    acronym: str | None
    region: str
    website: str | None
    base_url: str
    modified: datetime
