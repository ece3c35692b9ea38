"""API shapes of the same actor across regions."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from federation.clusters.models import IRI_LENGTH, Verdict
from federation.common.fields import NoNul

ActorIri = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=IRI_LENGTH),
    NoNul,
]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500), NoNul]


class Network(BaseModel):
    """The network that publishes a record (this node's own, or a peer)."""

    node_id: str
    name: str
    region: str | None
    own: bool = Field(description="The node's own directory")
    last_success_at: datetime | None = Field(description="Last harvested (peers)")


class ActorRecord(BaseModel):
    """One network's record of the actor, as that network publishes it."""

    iri: str = Field(description="The record's IRI at its source")
    network: Network
    name: str
    acronym: str | None
    actor_type: str | None
    actor_type_label: str | None
    address: str | None = Field(description="Street, postal code and city, as one line")
    city: str | None
    departement: str | None
    website: str | None
    email: str | None
    identifiers: dict[str, str] = Field(description="As published")
    invalid_identifiers: dict[str, str] = Field(description="Failed their check: not matched")
    modified: datetime = Field(description="Last changed at the source")
    fetched_at: datetime = Field(description="Last read here")


class Link(BaseModel):
    """Why records are in one cluster: a shared identifier, or an admin's confirmation."""

    kind: Literal["identifier", "decision"]
    scheme: str | None = None
    value: str | None = None
    records: list[str]
    decided_by: str | None = None
    decided_at: datetime | None = None


class Statement(BaseModel):
    value: str
    records: list[str]
    networks: list[str]


class Disagreement(BaseModel):
    """A field the records give different values for: who says what."""

    field: str
    label: str
    label_en: str
    values: list[Statement]
    not_given: list[str] = Field(description="Records that do not give this field")


class Reason(BaseModel):
    code: str
    message: str
    message_en: str


class SuggestionSide(BaseModel):
    iri: str
    name: str
    network: str
    city: str | None
    actor_type: str | None


class Suggestion(BaseModel):
    """Two actors that may be the same: close names, no identifier joining or parting them."""

    a: SuggestionSide
    b: SuggestionSide
    score: float = Field(description="Name similarity, 0-100")
    why: list[Reason]


class SuggestionsPublic(BaseModel):
    data: list[Suggestion]
    count: int
    offset: int
    limit: int


class DecisionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    iri_a: ActorIri
    iri_b: ActorIri
    verdict: Verdict = Field(description="same: one actor; different: never suggest again")
    note: Note | None = None


class DecisionPublic(BaseModel):
    iri_a: str
    iri_b: str
    verdict: Verdict
    decided_at: datetime
    decided_by: str
    note: str | None


class DecisionSaved(DecisionPublic):
    cluster_a: list[str] = Field(description="The cluster of iri_a after the decision")
    cluster_b: list[str] = Field(description="The cluster of iri_b after the decision")


class DecisionsPublic(BaseModel):
    data: list[DecisionPublic]
    count: int


class SameActorPublic(BaseModel):
    """An actor's records in every network that knows it, and where they disagree."""

    iri: str = Field(description="The record asked about")
    records: list[ActorRecord]
    networks: int = Field(description="How many networks know this actor")
    links: list[Link]
    disagreements: list[Disagreement]
    suggestions: list[Suggestion] = Field(description="Other actors that may be the same")
    decisions: list[DecisionPublic]
