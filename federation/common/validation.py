"""Collects every problem of one record before refusing it, so a client fixes all at once."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from federation.codelists.registry import Scheme, codelists
from federation.errors import FieldError, ValidationFailed

ModelT = TypeVar("ModelT", bound=BaseModel)


class Problems:
    """The field errors found so far in one record."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field: str, code: str, message: str, message_en: str) -> None:
        self.errors.append(FieldError(field, code, message, message_en))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)

    def code(
        self,
        field: str,
        scheme: Scheme,
        value: str | None,
        *,
        kept: Collection[str] = (),
    ) -> str | None:
        """Check one code against its SKOS scheme; return it normalised, or None if bad.

        A withdrawn code is refused for new data but kept when the record already had it
        (``kept``), so old records stay editable.
        """
        if value is None:
            return None
        concept = codelists()[scheme].get(value)
        if concept is None:
            self.add(
                field,
                "unknown_code",
                f"Code inconnu dans la liste « {scheme.value} » : {value!r}",
                f"Unknown code in the {scheme.value!r} list: {value!r}",
            )
            return None
        if concept.withdrawn and concept.code not in kept:
            self.add(
                field,
                "withdrawn_code",
                f"Code retiré de la liste « {scheme.value} », il ne peut plus être choisi : "
                f"{value!r}",
                f"Code withdrawn from the {scheme.value!r} list, it can no longer be chosen: "
                f"{value!r}",
            )
            return None
        return concept.code

    def codes(
        self, field: str, scheme: Scheme, values: Iterable[str], *, kept: Collection[str] = ()
    ) -> list[str]:
        """Check a list of codes; duplicates are reported, order is kept."""
        out: list[str] = []
        for index, value in enumerate(values):
            code = self.code(f"{field}[{index}]", scheme, value, kept=kept)
            if code is None:
                continue
            if code in out:
                self.add(
                    f"{field}[{index}]",
                    "duplicate",
                    f"Code en double : {value!r}",
                    f"Duplicate code: {value!r}",
                )
                continue
            out.append(code)
        return out

    def sector(self, field: str, value: str, *, kept: Collection[str] = ()) -> str | None:
        """A DAC sector: 5-digit purpose code or 3-digit category."""
        scheme = Scheme.SECTOR_CATEGORY if len(value.strip()) == 3 else Scheme.SECTOR
        return self.code(field, scheme, value, kept=kept)

    def sdg(self, field: str, value: str, *, kept: Collection[str] = ()) -> str | None:
        return self.code(field, Scheme.SDG, value, kept=kept)

    def percentages(self, field: str, shares: list[float | None]) -> None:
        """When shares are given they must be given for all and sum to 100 (IATI's rule)."""
        given = [share for share in shares if share is not None]
        if not given:
            return
        if len(given) != len(shares):
            self.add(
                field,
                "percentage_missing",
                "Donnez un pourcentage pour chaque élément, ou pour aucun.",
                "Give a percentage for every item or for none.",
            )
        elif abs(sum(given) - 100) > 0.01:
            self.add(
                field,
                "percentage_sum",
                f"Les pourcentages doivent faire 100 au total (ici {sum(given):g}).",
                f"Percentages must add up to 100 (here {sum(given):g}).",
            )


PYDANTIC_MESSAGES_FR = {
    "missing": "Champ obligatoire manquant.",
    "extra_forbidden": "Champ inconnu.",
    "string_too_long": "Texte trop long.",
    "string_too_short": "Texte vide ou trop court.",
    "string_pattern_mismatch": "Format invalide.",
    "string_type": "Un texte est attendu.",
    "int_parsing": "Un nombre entier est attendu.",
    "int_type": "Un nombre entier est attendu.",
    "decimal_parsing": "Un nombre est attendu.",
    "decimal_type": "Un nombre est attendu.",
    "decimal_max_places": "Deux décimales au plus.",
    "float_parsing": "Un nombre est attendu.",
    "greater_than_equal": "La valeur est trop petite (négative ?).",
    "greater_than": "La valeur doit être plus grande.",
    "less_than_equal": "La valeur est trop grande.",
    "date_from_datetime_parsing": "Date invalide (AAAA-MM-JJ).",
    "date_parsing": "Date invalide (AAAA-MM-JJ).",
    "date_type": "Date invalide (AAAA-MM-JJ).",
    "uuid_parsing": "Identifiant (UUID) invalide.",
    "list_type": "Une liste est attendue.",
    "too_long": "Liste trop longue.",
    "model_attributes_type": "Un objet JSON est attendu.",
    "dict_type": "Un objet JSON est attendu.",
    "bool_parsing": "Vrai ou faux (true/false) attendu.",
    "json_invalid": "JSON mal formé.",
    "model_type": "Un objet JSON est attendu.",
    "string_nul": "Le caractère NUL (U+0000) n'est pas accepté.",
}


def field_errors_from_pydantic(errors: list[dict[str, Any]]) -> list[FieldError]:
    """Pydantic's errors, with the location as a dotted path (``countries[0].code``)."""
    out = []
    for error in errors:
        location = [part for part in error.get("loc", ()) if part not in ("body", "query", "path")]
        path = ""
        for part in location:
            path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
        kind = str(error.get("type", "invalid"))
        out.append(
            FieldError(
                path or "body",
                kind,
                PYDANTIC_MESSAGES_FR.get(kind, "Valeur invalide."),
                str(error.get("msg", "Invalid value")),
            )
        )
    return out


def validate_as(model: type[ModelT], data: Mapping[str, Any]) -> ModelT:
    """``data`` as ``model``, or ``ValidationFailed`` naming each field at fault.

    For states the request schema did not check whole: a PATCH merged into a stored record may
    set a required field to null."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        found = field_errors_from_pydantic(list(error.errors()))  # type: ignore[arg-type]
        raise ValidationFailed(found) from error
