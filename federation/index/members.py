"""What the index reader makes of a peer's RDF: members (versions of records), and the problems
that get a member refused (docs/federation-protocol.md, "Harvest" step 3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a member (or a whole page) is refused: a stable code, the message in French and in
    English, and where: the property path of a shape (``schema:name``) or of the input."""

    code: str
    message: str  # French
    message_en: str
    path: str | None = None


@dataclass(slots=True)
class ReadLimits:
    """What one member may hold (``FED_HARVEST_*`` settings give the values in production)."""

    max_triples_per_member: int = 2_000
    max_literal_chars: int = 20_000


@dataclass(slots=True)
class Member:
    """One version of one record, as read from a feed page or the dump."""

    iri: str  # the record IRI (as:object for feed members)
    activity: str  # "create" | "update" | "delete" (dump records: "update")
    version: int
    seq: int | None  # feed sequence number; None for dump records
    published: datetime | None  # as:published (feed); None for the dump
    kind: str | None  # "actor" | "action" | "group"; None if unknown
    ntriples: bytes  # the record's own triples, N-Triples, sorted lines
    fields: dict[str, Any]  # what the reader read (docs: "Index row fields"); {} for deletes
    problems: list[Problem]  # why it is refused; empty when valid
    # The base URL the checks already ran against: ``checks.check`` does not run them twice.
    checked: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return self.iri


@dataclass(slots=True)
class PageRead:
    """A page of a peer's feed: its members in sequence order, and what was wrong with the page
    itself (not attributable to one member)."""

    members: list[Member]
    problems: list[Problem]
    last_seq: int | None  # the highest sequence number among the members
    next_page: str | None  # the tree:node of the page's relation, when the page is closed
