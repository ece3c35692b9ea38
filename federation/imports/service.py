"""Spreadsheet import: every row checked by the same rules as the API; good rows written in
one transaction (the caller commits); bad rows reported with line, column and reason.
Re-importing a file updates the records it created (matched on external id or identifier).

A loader first plans each row (checks it, matches it with what is stored, stamps it and renders
its RDF), then writes the plans in row order: a large load makes the plans in a child process
while this one writes (``planning``)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session

from federation.actions import repository as actions_repository
from federation.actions import service as actions_service
from federation.actors import repository as actors_repository
from federation.actors import service as actors_service
from federation.common.bulk_memory import collector_paused
from federation.common.records import Stamp
from federation.errors import FieldError
from federation.groups import repository as groups_repository
from federation.groups import service as groups_service
from federation.imports import rows as row_rules
from federation.imports.columns import Kind, header_map
from federation.imports.planners import ActionPlanner, ActorPlanner, GroupPlanner, Loaded
from federation.imports.planning import CHUNK, Plans, Rejected
from federation.imports.readers import Table, read_tables
from federation.imports.rows import ActorKeys, RowError, RowReader, build
from federation.publication.service import store

BATCH = 2_000


@dataclass
class KindCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


@dataclass
class ImportReport:
    """What an import did or would do, row by row."""

    counts: dict[str, KindCounts] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False
    strict: bool = False

    @property
    def should_write(self) -> bool:
        return not self.dry_run and not (self.strict and self.errors)

    def count(self, kind: Kind) -> KindCounts:
        return self.counts.setdefault(kind.value, KindCounts())

    def as_dict(self) -> dict[str, Any]:
        return {
            "written": self.should_write,
            "dry_run": self.dry_run,
            "strict": self.strict,
            "counts": {kind: vars(counts) for kind, counts in self.counts.items()},
            "errors": [error.as_dict() for error in self.errors],
            "warnings": self.warnings,
        }


def import_file(
    session: Session,
    path: Path,
    *,
    base_url: str,
    kind: Kind | None = None,
    dry_run: bool = False,
    strict: bool = False,
) -> ImportReport:
    """Import a CSV or XLSX file; the caller commits if ``report.should_write``."""
    report = ImportReport(dry_run=dry_run, strict=strict)
    tables = read_tables(path, kind)
    for table in tables:
        if table.kind is None:
            report.warnings.append(
                f"Table « {table.name} » ignorée : type inconnu (acteurs, actions ou groupes) / "
                f"table {table.name!r} skipped: unknown kind"
            )
    keys = ActorKeys(actors_repository.identifier_index(session))
    with collector_paused():
        for current in (Kind.ACTORS, Kind.ACTIONS, Kind.GROUPS):
            for table in (t for t in tables if t.kind is current):
                _import_table(session, table, current, keys, report, base_url=base_url)
    return report


def _import_table(
    session: Session,
    table: Table,
    kind: Kind,
    keys: ActorKeys,
    report: ImportReport,
    *,
    base_url: str,
) -> None:
    reader = RowReader(table.name, table.headers, header_map(kind))
    unknown = reader.unknown_headers(table.headers)
    if unknown:
        report.warnings.append(
            f"{table.name}: colonnes ignorées / ignored columns: {', '.join(unknown)}"
        )
    loaded: list[Loaded] = []
    for line, cells in table.rows:
        item = _load_row(reader, kind, line, cells, keys=keys, report=report)
        if item is not None:
            loaded.append(item)
    if kind is Kind.ACTORS:
        load_actors(session, loaded, report, keys=keys, reader=reader, base_url=base_url)
    elif kind is Kind.ACTIONS:
        load_actions(session, loaded, report, reader=reader, base_url=base_url)
    else:
        load_groups(session, loaded, report, reader=reader, base_url=base_url)


def _load_row(
    reader: RowReader,
    kind: Kind,
    line: int,
    cells: list[Any],
    *,
    keys: ActorKeys,
    report: ImportReport,
) -> Loaded | None:
    converters = {
        Kind.ACTORS: row_rules.ACTOR_CONVERTERS,
        Kind.ACTIONS: row_rules.ACTION_CONVERTERS,
        Kind.GROUPS: row_rules.GROUP_CONVERTERS,
    }[kind]
    values, errors = reader.values(line, cells, converters)
    if kind is Kind.ACTIONS:
        payload, more = row_rules.action_payload(reader, line, values, keys)
    elif kind is Kind.GROUPS:
        payload, more = row_rules.group_payload(reader, line, values, keys)
    else:
        payload, more = values, []
    errors += more
    data, model_errors = build(reader, line, row_rules.MODELS[kind.value], payload)
    errors += model_errors
    if errors or data is None:
        report.errors.extend(errors)
        report.count(kind).rejected += 1
        return None
    return Loaded(line, data)


def _reject(
    report: ImportReport,
    kind: Kind,
    reader: RowReader | None,
    line: int,
    *,
    errors: Iterable[FieldError],
) -> None:
    table = reader.table if reader else kind.value
    for error in errors:
        if reader is not None:
            report.errors.append(
                reader.error(line, error.field, error.code, error.message, error.message_en)
            )
        else:
            report.errors.append(
                RowError(
                    table,
                    line,
                    error.field,
                    error.field,
                    error.code,
                    error.message,
                    error.message_en,
                )
            )
    report.count(kind).rejected += 1


def _count(counts: KindCounts, stamp: Stamp | None) -> None:
    counts.updated += stamp is not None
    counts.unchanged += stamp is None


def load_actors(
    session: Session,
    items: list[Loaded],
    report: ImportReport,
    *,
    base_url: str,
    keys: ActorKeys | None = None,
    reader: RowReader | None = None,
    ids: dict[int, uuid.UUID] | None = None,
) -> None:
    """Create or update actors; ``ids`` may fix the id of new ones (sample data)."""
    index = actors_repository.identifier_index(session)
    matched: dict[int, uuid.UUID] = {}
    for item in items:
        values = item.data.model_dump()
        for column in ("external_id", "siren", "rna", "uai", "finess", "siret"):
            value = values.get(column)
            if value and (column, _norm(column, value)) in index:
                matched[item.line] = index[(column, _norm(column, value))]
                break
    previous = actors_repository.rows_by_ids(session, list(set(matched.values())))
    plan = ActorPlanner(items, base_url, index, matched, previous, ids or {})
    new_rows: list[dict[str, Any]] = []
    new_codes: list[dict[str, Any]] = []
    rendered: list[dict[str, Any]] = []
    counts = report.count(Kind.ACTORS)
    with Plans(plan, len(items)) as plans:
        for item, planned in zip(items, plans, strict=True):
            if isinstance(planned, Rejected):
                _reject(report, Kind.ACTORS, reader, item.line, errors=planned.errors)
                continue
            prepared, stamp = planned.prepared, planned.stamp
            if planned.update:
                _count(counts, stamp)
                if stamp is not None:
                    actors_service.write_update(
                        session, previous[planned.record_id], prepared, stamp
                    )
            else:
                assert stamp is not None
                new_rows.append({**prepared.values, **stamp})
                new_codes.extend(prepared.code_rows(planned.record_id))
                counts.created += 1
            if keys is not None:
                keys.add(prepared.values, planned.record_id)
            if len(new_rows) >= BATCH:
                actors_repository.insert_many(session, new_rows, new_codes)
                new_rows, new_codes = [], []
            rendered = _store_rendered(session, rendered, planned.published)
    actors_repository.insert_many(session, new_rows, new_codes)
    session.flush()
    store(session, rendered)


def _store_rendered(
    session: Session, rendered: list[dict[str, Any]], row: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """Collect the RDF rows of written records and store them a chunk at a time."""
    if row is not None:
        rendered.append(row)
    if len(rendered) < CHUNK:
        return rendered
    store(session, rendered)
    return []


def _norm(column: str, value: str) -> str:
    return value if column == "external_id" else "".join(value.split()).upper()


def _known_by_external_id(
    session: Session, items: list[Loaded], repository: Any
) -> tuple[dict[str, uuid.UUID], dict[uuid.UUID, Any]]:
    """The ids of the records already known by external id, and the rows of those the file
    names (they are updated, not created)."""
    by_external: dict[str, uuid.UUID] = repository.ids_by_external_id(session)
    wanted = [
        by_external[item.data.external_id]  # type: ignore[attr-defined]
        for item in items
        if getattr(item.data, "external_id", None) in by_external
    ]
    return by_external, repository.rows_by_ids(session, wanted)


def load_actions(
    session: Session,
    items: list[Loaded],
    report: ImportReport,
    *,
    base_url: str,
    reader: RowReader | None = None,
) -> None:
    """Create or update actions (matched on their external id)."""
    by_external, previous = _known_by_external_id(session, items, actions_repository)
    known_actors = actors_repository.existing_ids(
        session,
        {ref for item in items for ref in actions_service.actor_references(item.data)},  # type: ignore[arg-type]
    )
    plan = ActionPlanner(items, base_url, by_external, previous, known_actors)
    batch: tuple[list[dict[str, Any]], ...] = ([], [], [], [])
    rendered: list[dict[str, Any]] = []
    counts = report.count(Kind.ACTIONS)
    with Plans(plan, len(items)) as plans:
        for item, planned in zip(items, plans, strict=True):
            if isinstance(planned, Rejected):
                _reject(report, Kind.ACTIONS, reader, item.line, errors=planned.errors)
                continue
            prepared, stamp = planned.prepared, planned.stamp
            if planned.update:
                _count(counts, stamp)
                if stamp is not None:
                    actions_service.write_update(session, prepared, stamp)
            else:
                assert stamp is not None
                codes, participations, fundings = prepared.child_rows(planned.record_id)
                batch[0].append({**prepared.values, **stamp})
                batch[1].extend(codes)
                batch[2].extend(participations)
                batch[3].extend(fundings)
                counts.created += 1
                if len(batch[0]) >= BATCH:
                    actions_repository.insert_many(session, *batch)
                    batch = ([], [], [], [])
            rendered = _store_rendered(session, rendered, planned.published)
    actions_repository.insert_many(session, *batch)
    session.flush()
    store(session, rendered)


def load_groups(
    session: Session,
    items: list[Loaded],
    report: ImportReport,
    *,
    base_url: str,
    reader: RowReader | None = None,
) -> None:
    """Create or update working groups (matched on their external id)."""
    by_external, previous = _known_by_external_id(session, items, groups_repository)
    known_actors = actors_repository.existing_ids(
        session,
        {member.actor_id for item in items for member in item.data.members},  # type: ignore[attr-defined]
    )

    plan = GroupPlanner(items, base_url, by_external, previous, known_actors)
    rendered: list[dict[str, Any]] = []
    counts = report.count(Kind.GROUPS)
    with Plans(plan, len(items)) as plans:
        for item, planned in zip(items, plans, strict=True):
            if isinstance(planned, Rejected):
                _reject(report, Kind.GROUPS, reader, item.line, errors=planned.errors)
                continue
            prepared, stamp = planned.prepared, planned.stamp
            if planned.update:
                _count(counts, stamp)
                if stamp is not None:
                    groups_service.write_update(session, prepared, stamp)
            else:
                assert stamp is not None
                groups_repository.insert_many(
                    session, [{**prepared.values, **stamp}], prepared.member_rows(stamp["id"])
                )
                counts.created += 1
            rendered = _store_rendered(session, rendered, planned.published)
    session.flush()
    store(session, rendered)
