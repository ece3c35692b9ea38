"""Tables of the same-actor clusters, derived from the index rows (``store.refresh``) except the
admins' decisions, which are kept by IRI pair whatever happens to the rows.

- ``cluster_member``: one row per actor of the index: its cluster (the smallest IRI of its
  connected component), its name folded for matching, and its match keys.
- ``cluster_key``: (match key, actor) — who holds ``siren:732829320``; the edges of the graph.
- ``cluster_block``: (blocking key, actor) — which actors' names are worth comparing.
- ``cluster_name_pair``: two actors with close names, found when either name was written
  (names only: a harvest that changes no name recomputes no pair); whether the pair is a
  suggestion (other clusters, no identifier parting them, no decision) is decided when read.
- ``cluster_decision``: an admin said two actors are the same (an edge) or different."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index
from sqlmodel import Field

from federation.common.fields import utcnow
from federation.db.base import SQLModel
from federation.db.types import UTCDateTime

IRI_LENGTH = 600  # as index_record.iri


class Verdict(StrEnum):
    """An admin's answer to "are these two records the same actor?"."""

    SAME = "same"
    DIFFERENT = "different"


class ClusterMember(SQLModel, table=True):
    __tablename__ = "cluster_member"
    __table_args__ = (Index("ix_cluster_member_cluster", "cluster"),)

    iri: str = Field(max_length=IRI_LENGTH, primary_key=True)
    cluster: str = Field(max_length=IRI_LENGTH)
    match_name: str = Field(max_length=300)  # distinctive words of the name, folded
    keys: str = Field(max_length=300)  # its match keys, space-separated


class ClusterKey(SQLModel, table=True):
    __tablename__ = "cluster_key"
    __table_args__ = (Index("ix_cluster_key_iri", "iri"),)

    key: str = Field(max_length=40, primary_key=True)  # scheme:value
    iri: str = Field(max_length=IRI_LENGTH, primary_key=True)


class ClusterBlock(SQLModel, table=True):
    __tablename__ = "cluster_block"
    __table_args__ = (Index("ix_cluster_block_iri", "iri"),)

    block: str = Field(max_length=40, primary_key=True)
    iri: str = Field(max_length=IRI_LENGTH, primary_key=True)
    match_name: str = Field(max_length=300)  # as in cluster_member: compared without a join


class ClusterNamePair(SQLModel, table=True):
    __tablename__ = "cluster_name_pair"
    __table_args__ = (Index("ix_cluster_name_pair_iri_b", "iri_b"),)

    iri_a: str = Field(max_length=IRI_LENGTH, primary_key=True)  # iri_a < iri_b
    iri_b: str = Field(max_length=IRI_LENGTH, primary_key=True)
    score: float  # name similarity, 0-100


class ClusterDecision(SQLModel, table=True):
    __tablename__ = "cluster_decision"
    __table_args__ = (Index("ix_cluster_decision_iri_b", "iri_b"),)

    iri_a: str = Field(max_length=IRI_LENGTH, primary_key=True)  # iri_a < iri_b
    iri_b: str = Field(max_length=IRI_LENGTH, primary_key=True)
    verdict: str = Field(max_length=10)  # a Verdict
    decided_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    decided_by: str = Field(max_length=100)  # the name of the admin's token
    note: str | None = Field(default=None, max_length=500)
