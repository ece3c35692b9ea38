"""Collects every problem of one record before refusing it, so a client fixes all at once."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from federation.codelists.registry import Scheme, codelists
from federation.errors import FieldError, ValidationFailed


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
