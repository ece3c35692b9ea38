"""What every export needs besides the rows: labels of codes, the names of the source networks,
and the directory actors that rows point to (participants, funders, members).

Actors are looked up a batch of rows at a time (one query for the IRIs not seen yet) and kept
in a bounded cache, so an export's memory does not grow with the number of rows."""

from __future__ import annotations

import functools
import json
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from federation.codelists.registry import Scheme, codelists
from federation.exports import repository
from federation.exports.rows import IndexRow
from federation.settings import Settings

LANGS = ("fr", "en")
CACHE_LIMIT = 5_000  # actors (and what is derived from them) kept between batches


@dataclass(frozen=True, slots=True)
class SourceNetwork:
    node_id: str
    name: str
    region: str | None
    as_of: datetime | None  # last successful harvest; None for the node itself (always current)


@dataclass(frozen=True, slots=True)
class ActorBrief:
    """What an export says of an actor that a row points to."""

    iri: str
    name: str
    source: str
    actor_type: str | None
    siren: str | None  # from the SIREN, else the first 9 digits of the SIRET
    insee: str | None


@functools.cache
def organisation_type_of_actor_type() -> dict[str, str]:
    """Actor type code -> IATI OrganisationType code (the actor type's skos:closeMatch)."""
    lists = codelists()
    by_iri = {c.iri: c.code for c in lists[Scheme.ORGANISATION_TYPE].concepts()}
    found: dict[str, str] = {}
    for concept in lists[Scheme.ACTOR_TYPE].concepts():
        for match in concept.close_match:
            if match in by_iri:
                found[concept.code] = by_iri[match]
                break
    return found


def siren_of(identifiers: object) -> str | None:
    if not isinstance(identifiers, dict):
        return None
    siren = identifiers.get("siren")
    if isinstance(siren, str) and len(siren) == 9 and siren.isdigit():
        return siren
    siret = identifiers.get("siret")
    if isinstance(siret, str) and len(siret) == 14 and siret.isdigit():
        return siret[:9]
    return None


class ExportContext:
    """Shared by the rows of one export; not thread-safe (one export, one thread at a time)."""

    def __init__(self, session: Session, settings: Settings, lang: str = "fr") -> None:
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {LANGS}")
        self.session = session
        self.settings = settings
        self.lang = lang
        self._lists = codelists()
        own = SourceNetwork(settings.node_id, settings.network_name, settings.region, None)
        self.sources = {own.node_id: own}
        for node_id, name, region, as_of in repository.peer_sources(session):
            self.sources.setdefault(node_id, SourceNetwork(node_id, name, region, as_of))
        self._actors: dict[str, ActorBrief | None] = {}
        # What a writer derives from the actors (an organisation's markup...), kept as long as
        # they are: cleared with them.
        self.memo: dict[Hashable, Any] = {}

    def label(self, scheme: Scheme, code: str | None) -> str | None:
        """The label of ``code`` in the export's language (an unknown code as is). Sectors
        may be 5-digit sectors or 3-digit categories, as published: both are found."""
        if code is None:
            return None
        if scheme is Scheme.SECTOR and code not in self._lists[scheme]:
            scheme = Scheme.SECTOR_CATEGORY
        return self._lists[scheme].label(code, self.lang)

    def source_name(self, node_id: str) -> str:
        found = self.sources.get(node_id)
        return found.name if found is not None else node_id

    def prefetch(self, rows: Iterable[IndexRow]) -> None:
        """Look up, in one query, the actors that ``rows`` point to and are not cached yet."""
        wanted: set[str] = set()
        for row in rows:
            wanted.update(referenced_actors(row))
        missing = [iri for iri in wanted if iri not in self._actors]
        if not missing:
            return
        if len(self._actors) + len(missing) > CACHE_LIMIT:
            self._actors.clear()
            self.memo.clear()
        for iri in missing:
            self._actors[iri] = None  # not in the index: remembered as such
        for iri, name, source, data in repository.actor_rows(self.session, sorted(missing)):
            parsed = json.loads(data) if data else {}
            identifiers = parsed.get("identifiers") if isinstance(parsed, dict) else None
            self._actors[iri] = ActorBrief(
                iri=iri,
                name=name,
                source=source,
                actor_type=parsed.get("actor_type") if isinstance(parsed, dict) else None,
                siren=siren_of(identifiers),
                insee=identifiers.get("insee") if isinstance(identifiers, dict) else None,
            )

    def actor(self, iri: str | None) -> ActorBrief | None:
        """The actor at ``iri`` if the index holds it (after ``prefetch`` of its row)."""
        return self._actors.get(iri) if iri else None


def referenced_actors(row: IndexRow) -> set[str]:
    """The actor IRIs a row points to: participants and funders of an action, group members."""
    data = row.data
    found: set[str] = set()
    for key, field in (("participants", "actor"), ("fundings", "funder"), ("members", "actor")):
        for item in data.get(key) or ():
            value = item.get(field) if isinstance(item, dict) else None
            if isinstance(value, str):
                found.add(value)
    return found
