"""Produce a national report, store it, and give a stored one back (reports/__init__.py).

A report is its content: the parameters (filters, conversion), the as-of statement of every
source network, the code list versions, the counting rules, the labels of the codes it uses,
and its tables. The content is stored as canonical JSON under its digest; the id and the
creation time are added when it is served, so that the same content always has the same id."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from federation.codelists.registry import Scheme, codelists
from federation.errors import FieldError, NotFound, ValidationFailed
from federation.reports import assemble, provenance, scan, snapshots
from federation.reports.assemble import CUBE
from federation.reports.filters import ReportFilters
from federation.reports.layout import CONVERTED, DIMENSIONS, FORMAT, in_order
from federation.reports.rates import Rates
from federation.reports.shares import RULES
from federation.settings import Settings

_LABELLED = {
    "country": Scheme.COUNTRY,
    "sector_category": Scheme.SECTOR_CATEGORY,
    "actor_type": Scheme.ACTOR_TYPE,
    "sdg": Scheme.SDG,
    "action_kind": Scheme.ACTION_KIND,
    "status": Scheme.ACTIVITY_STATUS,
}
_FILTER_LABELS = {
    "country": "country",
    "sector": "sector_category",
    "actor_type": "actor_type",
    "sdg": "sdg",
    "action_kind": "action_kind",
    "status": "status",
}


@dataclass
class Report:
    """A report's id, creation time and content, as canonical JSON bytes, parsed on demand:
    a report just made and the same report read back later render from the same bytes."""

    id: str
    created: datetime
    body: bytes
    parsed: dict[str, Any] | None = None

    @property
    def content(self) -> dict[str, Any]:
        if self.parsed is None:
            self.parsed = json.loads(self.body)
        return self.parsed

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "created": self.created.isoformat(), **self.content}

    def json_bytes(self, links: dict[str, str]) -> bytes:
        """The JSON answer: id, creation time and links, then the stored bytes as they are
        (no second encoding of a large report)."""
        head = json.dumps(
            {"id": self.id, "created": self.created.isoformat(), "links": links},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()
        return head[:-1] + b"," + self.body[1:]


def produce(
    session: Session,
    settings: Settings,
    filters: ReportFilters,
    rates: Rates | None = None,
    now: datetime | None = None,
) -> Report:
    """Compute the report of the index as it is now, store it, and return it with its id."""
    known = provenance.known_sources(session, settings)
    unknown = [source for source in filters.sources if source not in known]
    if unknown:
        raise ValidationFailed(
            [
                FieldError(
                    "source",
                    "unknown_source",
                    f"Réseau inconnu : {source} (ni ce nœud, ni un pair, ni dans l'index).",
                    f"Unknown network: {source} (neither this node, a peer, nor in the index).",
                )
                for source in unknown
            ]
        )
    tables = assemble.tables(scan.figures(session, filters))
    if rates is not None:
        rates.require(assemble.currencies(tables))
        tables.update(assemble.convert(tables, rates))
    sources = provenance.sources(session, known, filters.sources or known)
    content = {
        "format": FORMAT,
        "parameters": {
            "filters": filters.as_dict(),
            "conversion": rates.as_dict() if rates is not None else None,
        },
        "sources": sources,
        "code_lists": list(provenance.code_lists()),
        "rules": RULES,
        "labels": labels(tables, filters),
        "totals": assemble.summary(tables),
        "tables": tables,
    }
    body = snapshots.canonical(content)
    report_id, created = snapshots.save(session, body, now or datetime.now(UTC))
    return Report(report_id, created, body)


def stored(session: Session, report_id: str, now: datetime | None = None) -> Report:
    """A stored report, as it was produced (404 when unknown or no longer kept)."""
    found = snapshots.load(session, report_id) if _well_formed(report_id) else None
    if found is None:
        raise NotFound("Rapport", report_id)
    snapshots.touch(session, report_id, now or datetime.now(UTC))
    body, created = found
    return Report(report_id, created, body)


def _well_formed(report_id: str) -> bool:
    return len(report_id) == snapshots.ID_LENGTH and all(c in "0123456789abcdef" for c in report_id)


def labels(tables: dict[str, list[list[Any]]], filters: ReportFilters) -> dict[str, Any]:
    """French and English labels of every code the tables and the filters use."""
    codes: dict[str, set[str]] = {kind: set() for kind in _LABELLED}
    for table, rows in in_order(tables):
        if table.name == CUBE or table.name.endswith(CONVERTED):  # codes are in the others
            continue
        for i, column in enumerate(table.columns):
            kind = DIMENSIONS.get(column)
            if kind in codes:
                codes[kind].update(row[i] for row in rows if row[i] is not None)
    for name, values in filters.as_dict().items():
        if name in _FILTER_LABELS:
            codes[_FILTER_LABELS[name]].update(map(str, values))
    lists = codelists()
    return {
        kind: {
            code: {"fr": lists[scheme].label(code), "en": lists[scheme].label(code, "en")}
            for code in sorted(codes[kind])
        }
        for kind, scheme in _LABELLED.items()
    }
