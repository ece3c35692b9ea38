"""API shapes of similar projects."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class Coded(BaseModel):
    """A code with its labels."""

    code: str
    label: str
    label_en: str


class Source(BaseModel):
    """The network that publishes an action."""

    node_id: str
    name: str
    own: bool = Field(description="The node's own directory")
    stale: bool = Field(description="The network's data may be out of date")


class Reasons(BaseModel):
    """What the answer shares with the asked action."""

    countries: list[Coded]
    sectors: list[Coded] = Field(description="Shared 5-digit DAC sectors")
    categories: list[Coded] = Field(description="Shared 3-digit DAC sector categories")
    sdgs: list[Coded] = Field(description="Shared SDG goals")
    partner_types: list[Coded] = Field(description="Organisation types of partners on both")
    words: list[str] = Field(description="Words in common (as the asked text writes them)")
    years: list[int] = Field(description="Years both periods cover")


class SimilarAction(BaseModel):
    """One similar action, with its score and why."""

    rank: int
    iri: str = Field(description="The action's IRI at its source")
    name: str
    score: float = Field(description="0 to 1: the weighted sum of the components")
    components: dict[str, float] = Field(description="Each in [0, 1], before weighting")
    reasons: Reasons
    source: Source
    modified: datetime = Field(description="Last changed at the source")
    fetched_at: datetime = Field(description="Last read here")
    countries: list[str]
    sectors: list[str]
    years: list[int] = Field(description="First and last year of its period, if known")


class Asked(BaseModel):
    """What was compared: an action of the index, or a free description."""

    iri: str | None
    name: str | None
    source: Source | None
    text: str | None
    countries: list[Coded]
    sectors: list[Coded]
    categories: list[Coded]
    sdgs: list[Coded]
    partner_types: list[Coded]
    years: list[int]


class SimilarPublic(BaseModel):
    """The most similar actions, the best first."""

    asked: Asked
    k: int
    same_region: bool = Field(description="Whether the asked action's own network is searched")
    weights: dict[str, float] = Field(description="The weight of each component in the score")
    compared: list[str] = Field(
        description="The components this query has something to compare for; the others are "
        "left out and the weights of these scaled to sum to 1"
    )
    results: list[SimilarAction]
