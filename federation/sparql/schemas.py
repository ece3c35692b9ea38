"""What a SPARQL request asks and what it gets, between the routes and the service."""

from __future__ import annotations

from dataclasses import dataclass

from federation.sparql.store import Snapshot
from federation.sparql.worker import Answer


@dataclass(frozen=True)
class QueryRequest:
    """A query as the SPARQL 1.1 Protocol carries it, with the client's format preferences."""

    text: str
    default_graphs: tuple[str, ...] = ()  # default-graph-uri
    named_graphs: tuple[str, ...] = ()  # named-graph-uri
    accept: str = ""
    format: str | None = None  # ?format=, which wins over Accept


@dataclass(frozen=True)
class QueryResult:
    answer: Answer
    snapshot: Snapshot  # the copy of the index that answered
    max_rows: int
