"""One index row as the exports read it: the provenance columns and the parsed ``data``.

The exports never read ``ntriples``: every field they write is in ``data`` (the keys of
docs/federation-protocol.md, "Index row fields"), so a row costs one JSON parse."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class IndexRow:
    """What ``select_rows`` yields (and what the search's filters will yield)."""

    iri: str
    kind: str  # actor | action | group
    source: str  # node id of the publishing network
    peer_id: int | None  # None: the node's own record
    version: int
    modified: datetime  # changed at the source
    fetched_at: datetime  # read here
    name: str
    description: str | None
    data: dict[str, Any]

    @classmethod
    def from_columns(cls, values: Sequence[Any]) -> IndexRow:
        """From the columns of ``repository.ROW_COLUMNS``, in that order."""
        iri, kind, source, peer_id, version, modified, fetched_at, name, description, data = values
        parsed = json.loads(data) if data else {}
        return cls(
            iri=iri,
            kind=kind,
            source=source,
            peer_id=peer_id,
            version=version,
            modified=modified,
            fetched_at=fetched_at,
            name=name,
            description=description,
            data=parsed if isinstance(parsed, dict) else {},
        )


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items (the last one shorter): itertools.batched came with 3.12."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
