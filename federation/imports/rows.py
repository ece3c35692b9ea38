"""One spreadsheet row → the API shape of its record, with errors tied to the column."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from federation.actions.schemas import ActionCreate
from federation.actors.schemas import ActorCreate
from federation.codelists.registry import Scheme, search_key
from federation.common.validation import field_errors_from_pydantic
from federation.errors import FieldError
from federation.groups.schemas import WorkingGroupCreate
from federation.imports import cells
from federation.imports.cells import CellError


@dataclass(frozen=True)
class RowError:
    """One problem of one row: its line, the column as the file names it, and why."""

    table: str
    line: int
    column: str
    field: str
    code: str
    message: str
    message_en: str

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


class ActorKeys:
    """Finds an actor by the key a spreadsheet gives: external id, SIREN, SIRET, RNA, UAI..."""

    def __init__(self, index: dict[tuple[str, str], uuid.UUID]) -> None:
        self._by_key = {self._fold(value): actor_id for (_, value), actor_id in index.items()}

    @staticmethod
    def _fold(key: str) -> str:
        return "".join(key.split()).upper()

    def add(self, values: dict[str, Any], actor_id: uuid.UUID) -> None:
        for name in ("external_id", "siren", "siret", "rna", "uai", "finess"):
            if values.get(name):
                self._by_key[self._fold(str(values[name]))] = actor_id

    def find(self, key: str) -> uuid.UUID | None:
        return self._by_key.get(self._fold(key))


Converter = Callable[[Any], Any]
ModelT = TypeVar("ModelT", bound=BaseModel)

ACTOR_CONVERTERS: dict[str, Converter] = {
    "actor_type": lambda v: cells.code(v, Scheme.ACTOR_TYPE),
    "contact_consent": cells.boolean,
    "countries": lambda v: [cells.code(c, Scheme.COUNTRY) for c in cells.split_list(v)],
    "sectors": lambda v: [cells.sector_code(c) for c in cells.split_list(v)],
    "sdgs": cells.split_list,
}
ACTION_CONVERTERS: dict[str, Converter] = {
    "kind": lambda v: cells.code(v, Scheme.ACTION_KIND),
    "status": lambda v: cells.code(v, Scheme.ACTIVITY_STATUS),
    "planned_start": cells.day,
    "planned_end": cells.day,
    "actual_start": cells.day,
    "actual_end": cells.day,
    "countries": lambda v: cells.shares(v, Scheme.COUNTRY),
    "sectors": lambda v: cells.shares(v, None),
    "sdgs": cells.split_list,
    "localities": cells.split_list,
    "lead_role": lambda v: cells.code(v, Scheme.ORGANISATION_ROLE),
    "partners": cells.partners,
    "budget": cells.amount,
    "fundings": cells.fundings,
}
GROUP_CONVERTERS: dict[str, Converter] = {
    "kind": lambda v: cells.code(v, Scheme.GROUP_KIND),
    "country": lambda v: cells.code(v, Scheme.COUNTRY),
    "theme": cells.sector_code,
    "members": cells.members,
}


class RowReader:
    """Reads the cells of one table's rows by canonical column name."""

    def __init__(self, table: str, headers: list[str], mapping: dict[str, str]) -> None:
        self.table = table
        self.positions: dict[str, int] = {}
        self.header_of: dict[str, str] = {}
        for position, header in enumerate(headers):
            name = mapping.get(search_key(header))
            if name and name not in self.positions:
                self.positions[name] = position
                self.header_of[name] = header

    def unknown_headers(self, headers: list[str]) -> list[str]:
        known = set(self.header_of.values())
        return [h for h in headers if h and h not in known]

    def values(
        self, line: int, row: list[Any], converters: dict[str, Converter]
    ) -> tuple[dict[str, Any], list[RowError]]:
        values: dict[str, Any] = {}
        errors: list[RowError] = []
        for name, position in self.positions.items():
            raw = row[position] if position < len(row) else ""
            try:
                converter: Converter = converters.get(name, cells.optional_text)
                values[name] = converter(raw)
            except CellError as error:
                errors.append(self.error(line, name, error.code, error.message, error.message_en))
        return values, errors

    def error(self, line: int, field: str, code: str, message: str, message_en: str) -> RowError:
        base = field.split(".", maxsplit=1)[0].split("[", maxsplit=1)[0]
        column = self.header_of.get(base, field)
        return RowError(self.table, line, column, field, code, message, message_en)

    def field_errors(self, line: int, errors: list[FieldError]) -> list[RowError]:
        return [self.error(line, e.field, e.code, e.message, e.message_en) for e in errors]


def build(
    reader: RowReader, line: int, model: type[ModelT], payload: dict[str, Any]
) -> tuple[ModelT | None, list[RowError]]:
    """Validate ``payload`` as ``model``; errors name the column the field came from."""
    payload = {key: value for key, value in payload.items() if value not in (None, "", [])}
    try:
        return model.model_validate(payload), []
    except ValidationError as error:
        found = field_errors_from_pydantic(list(error.errors()))  # type: ignore[arg-type]
        return None, reader.field_errors(line, found)


def action_payload(
    reader: RowReader, line: int, values: dict[str, Any], keys: ActorKeys
) -> tuple[dict[str, Any], list[RowError]]:
    """Turn the flat action columns into the nested API shape, resolving actor keys."""
    errors: list[RowError] = []
    payload = {
        k: v
        for k, v in values.items()
        if k not in {"lead", "lead_role", "partners", "budget", "currency", "fundings"}
    }
    participants: list[dict[str, Any]] = []
    lead = values.get("lead")
    if lead:
        actor_id = keys.find(lead)
        if actor_id is None:
            errors.append(
                reader.error(
                    line,
                    "lead",
                    "unknown_actor",
                    f"Porteur introuvable dans l'annuaire : {lead!r} (id_externe, SIREN ou RNA).",
                    f"Lead actor not found in the directory: {lead!r} (external id, SIREN or RNA).",
                )
            )
        else:
            participants.append({"actor_id": actor_id, "role": values.get("lead_role") or "2"})
    participants.extend(
        {"name": p["name"], "country": p["country"], "role": "4"}
        for p in values.get("partners") or []
    )
    payload["participants"] = participants
    if values.get("budget") is not None:
        payload["budget"] = {
            "amount": values["budget"],
            "currency": values.get("currency") or "EUR",
        }
    fundings = []
    for funding in values.get("fundings") or []:
        funder = funding.pop("funder")
        funder_id = keys.find(funder)
        fundings.append(
            {**funding, "funder_id": funder_id} if funder_id else {**funding, "funder_name": funder}
        )
    payload["fundings"] = fundings
    return payload, errors


def group_payload(
    reader: RowReader, line: int, values: dict[str, Any], keys: ActorKeys
) -> tuple[dict[str, Any], list[RowError]]:
    errors: list[RowError] = []
    payload = {k: v for k, v in values.items() if k != "members"}
    members = []
    for key, role in values.get("members") or []:
        actor_id = keys.find(key)
        if actor_id is None:
            errors.append(
                reader.error(
                    line,
                    "members",
                    "unknown_actor",
                    f"Membre introuvable dans l'annuaire : {key!r}.",
                    f"Member not found in the directory: {key!r}.",
                )
            )
        else:
            members.append({"actor_id": actor_id, "role": role})
    payload["members"] = members
    return payload, errors


MODELS: dict[str, type[BaseModel]] = {
    "actors": ActorCreate,
    "actions": ActionCreate,
    "groups": WorkingGroupCreate,
}
