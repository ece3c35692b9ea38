"""API shapes of peers, and the peer's node document as we read it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from federation.common.fields import NoNul
from federation.peers.models import PeerState

PeerUrl = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=8, max_length=400), NoNul
]
MIN_INTERVAL = 1  # seconds: the demo federation polls every few seconds
MAX_INTERVAL = 7 * 86_400


class PeerCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: PeerUrl = Field(description="The peer's base URL, e.g. https://annuaire.example.org")
    interval_seconds: int | None = Field(
        default=None, ge=MIN_INTERVAL, le=MAX_INTERVAL, description="Harvest every … seconds"
    )


class PeerPublic(BaseModel):
    id: int
    node_id: str
    name: str
    region: str | None
    base_url: str
    state: PeerState
    stale: bool = Field(description="Its records in the index may be out of date (unavailable)")
    interval_seconds: int
    cursor: int = Field(description="The last feed position applied to the index")
    feed_last: int = Field(description="The peer's last feed position, as last seen")
    lag: int = Field(description="Feed positions behind the peer (feed_last - cursor)")
    bootstrapping: bool = Field(description="A bootstrap from the dump is under way")
    records: int = Field(description="Its records in the index")
    failures: int = Field(description="Failed runs in a row")
    last_error: str | None
    last_attempt_at: datetime | None
    last_success_at: datetime | None
    added_at: datetime


class PeersPublic(BaseModel):
    data: list[PeerPublic]
    count: int


class PeerAdded(PeerPublic):
    inbox_token: str = Field(
        description="Give it to the peer's admin so their node can ping our inbox: shown once"
    )


class VocabularyInfo(BaseModel):
    model_config = ConfigDict(extra="ignore")

    version: Annotated[str, StringConstraints(min_length=1, max_length=100)]


HttpUrl = Annotated[str, StringConstraints(max_length=600, pattern=r"^https?://\S+$"), NoNul]


class NodeDocument(BaseModel):
    """``/.well-known/rrma-federation`` of a peer: only what the harvester relies on."""

    model_config = ConfigDict(extra="ignore")

    node: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]
    network: Annotated[str, StringConstraints(min_length=1, max_length=300), NoNul]
    region: Annotated[str, StringConstraints(max_length=100), NoNul] | None = None
    base_url: HttpUrl
    dump: HttpUrl
    dump_state: HttpUrl
    feed: HttpUrl
    feed_page_size: int = Field(ge=1, le=100_000)
    vocabulary: VocabularyInfo
