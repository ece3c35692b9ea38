"""Write records in the import layout (French headers), so a directory can go out to a
spreadsheet, be edited, and come back: the same columns both ways."""

from __future__ import annotations

import csv
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from federation.actions.schemas import ActionBase
from federation.actors.schemas import ActorBase
from federation.groups.schemas import WorkingGroupBase
from federation.imports.columns import COLUMNS, Kind

SHEET_NAMES = {Kind.ACTORS: "acteurs", Kind.ACTIONS: "actions", Kind.GROUPS: "groupes"}


def headers(kind: Kind) -> list[str]:
    """The French header of each column, in the documented order."""
    return [column.headers[0] for column in COLUMNS[kind]]


def _amount(value: Any) -> str:
    return f"{value}".replace(".", ",")


def _join(items: Iterable[str]) -> str:
    return "; ".join(items)


def actor_row(actor: ActorBase) -> list[Any]:
    values = actor.model_dump()
    values["contact_consent"] = "oui" if actor.contact_consent else ""
    for name in ("countries", "sectors", "sdgs"):
        values[name] = _join(values[name])
    return [values.get(column.name) or "" for column in COLUMNS[Kind.ACTORS]]


def action_row(action: ActionBase, actor_keys: dict[uuid.UUID, str]) -> list[Any]:
    values: dict[str, Any] = action.model_dump(
        exclude={"countries", "sectors", "participants", "fundings", "budget"}
    )

    def share(code: str, pct: float | None) -> str:
        return code if pct is None else f"{code}:{pct:g}"

    values["countries"] = _join(share(c.code, c.percentage) for c in action.countries)
    values["sectors"] = _join(share(s.code, s.percentage) for s in action.sectors)
    values["sdgs"] = _join(action.sdgs)
    values["localities"] = _join(action.localities)
    lead = next((p for p in action.participants if p.actor_id), None)
    if lead and lead.actor_id:
        values["lead"] = actor_keys[lead.actor_id]
        values["lead_role"] = lead.role
    values["partners"] = _join(
        f"{p.name} ({p.country})" if p.country else str(p.name)
        for p in action.participants
        if p.name
    )
    if action.budget:
        values["budget"] = _amount(action.budget.amount)
        values["currency"] = action.budget.currency
    values["fundings"] = _join(
        f"{actor_keys[f.funder_id] if f.funder_id else f.funder_name}: {_amount(f.amount)} "
        f"{f.currency} {f.year} {f.status}"
        for f in action.fundings
    )
    return [
        "" if values.get(column.name) is None else values[column.name]
        for column in COLUMNS[Kind.ACTIONS]
    ]


def group_row(group: WorkingGroupBase, actor_keys: dict[uuid.UUID, str]) -> list[Any]:
    values: dict[str, Any] = group.model_dump(exclude={"members"})
    values["members"] = _join(f"{actor_keys[m.actor_id]} ({m.role})" for m in group.members)
    return [values.get(column.name) or "" for column in COLUMNS[Kind.GROUPS]]


def write_csv(
    path: Path,
    kind: Kind,
    rows: Iterable[Sequence[Any]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ";",
) -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(headers(kind))
        writer.writerows(rows)


def write_xlsx(path: Path, tables: dict[Kind, Iterable[Sequence[Any]]]) -> None:
    """One sheet per kind, write-only mode so large directories stream to disk."""
    workbook = Workbook(write_only=True)
    for kind, rows in tables.items():
        sheet = workbook.create_sheet(SHEET_NAMES[kind])
        sheet.append(headers(kind))
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)
