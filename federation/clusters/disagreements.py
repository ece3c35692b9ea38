"""Where the records of one actor disagree: for each field, every value given and who gives it.

Values that differ only in case or spacing are one value (``Solidarité  Sahel`` and
``SOLIDARITÉ SAHEL``); anything else is shown as a disagreement, never settled by picking one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from federation.clusters.schemas import ActorRecord, Disagreement, Statement


def _plain(value: str) -> str:
    return " ".join(value.split()).casefold()


def _web(value: str) -> str:
    return _plain(value).rstrip("/").removeprefix("https://").removeprefix("http://")


def _code(value: str) -> str:
    return "".join(value.split()).upper()


@dataclass(frozen=True)
class Compared:
    field: str
    label: str
    label_en: str
    value: Callable[[ActorRecord], str | None]
    same: Callable[[str], str] = _plain


def _type(record: ActorRecord) -> str | None:
    if record.actor_type is None:
        return None
    return f"{record.actor_type_label} ({record.actor_type})"


def _identifier(field: str) -> Callable[[ActorRecord], str | None]:
    return lambda record: record.identifiers.get(field)


FIELDS = (
    Compared("name", "Nom", "Name", lambda r: r.name),
    Compared("acronym", "Sigle", "Acronym", lambda r: r.acronym),
    Compared("actor_type", "Type d’acteur", "Actor type", _type),
    Compared("address", "Adresse", "Address", lambda r: r.address),
    Compared("website", "Site web", "Website", lambda r: r.website, _web),
    Compared("email", "Courriel", "Email", lambda r: r.email),
    *(
        Compared(f"identifiers.{field}", label, label, _identifier(field), _code)
        for field, label in (
            ("siren", "SIREN"),
            ("siret", "SIRET"),
            ("rna", "RNA"),
            ("uai", "UAI"),
            ("finess", "FINESS"),
            ("insee", "Code INSEE"),
        )
    ),
)


def disagreements(records: list[ActorRecord]) -> list[Disagreement]:
    """The fields whose given values differ between ``records``, in the order of ``FIELDS``."""
    found: list[Disagreement] = []
    for compared in FIELDS:
        values: dict[str, Statement] = {}
        not_given: list[str] = []
        for record in records:
            value = compared.value(record)
            if value is None or not value.strip():
                not_given.append(record.iri)
                continue
            statement = values.setdefault(
                compared.same(value), Statement(value=value, records=[], networks=[])
            )
            statement.records.append(record.iri)
            if record.network.name not in statement.networks:
                statement.networks.append(record.network.name)
        if len(values) > 1:
            found.append(
                Disagreement(
                    field=compared.field,
                    label=compared.label,
                    label_en=compared.label_en,
                    values=list(values.values()),
                    not_given=not_given,
                )
            )
    return found
