"""Conversion of amounts into one currency, only with a rate table the user gives.

``?rates=USD:0.92,XOF:0.001524`` (or ``{"rates": {"USD": "0.92"}}`` in a POST body) gives how
many units of the target currency (``currency``, EUR by default) one unit of each currency is
worth. Nothing is converted without it, and a currency present in the report without a rate is
refused (422) rather than left out or guessed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from federation.codelists.registry import Scheme, codelists
from federation.errors import FederationError, FieldError, ValidationFailed

DEFAULT_CURRENCY = "EUR"
MAX_RATE_CHARS = 30


@dataclass(frozen=True)
class Rates:
    """The target currency and the rate of each other currency into it."""

    currency: str
    rates: Mapping[str, Decimal]

    def rate(self, currency: str) -> Decimal | None:
        return Decimal(1) if currency == self.currency else self.rates.get(currency)

    def convert(self, cents: int, currency: str) -> int:
        """``cents`` of ``currency`` in hundredths of the target currency (half-even)."""
        rate = self.rate(currency)
        if rate is None:
            raise KeyError(currency)
        return int((cents * rate).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))

    def as_dict(self) -> dict[str, object]:
        return {
            "currency": self.currency,
            "rates": {code: _text(rate) for code, rate in sorted(self.rates.items())},
        }

    def require(self, currencies: Iterable[str]) -> None:
        """Refuse (422) when a currency of the report has no rate."""
        missing = sorted({c for c in currencies if self.rate(c) is None})
        if missing:
            shown = ", ".join(code or "(sans devise)" for code in missing)
            shown_en = ", ".join(code or "(no currency)" for code in missing)
            raise FederationError(
                message=f"Conversion en {self.currency} impossible : pas de taux pour {shown}. "
                "Donnez-les dans « rates », par exemple rates=USD:0.92.",
                message_en=f"Cannot convert to {self.currency}: no rate for {shown_en}. "
                "Give them in 'rates', e.g. rates=USD:0.92.",
                status_code=422,
                code="missing_rate",
                errors=[
                    FieldError(
                        "rates", "missing_rate", f"Taux manquant : {code}", f"Missing rate: {code}"
                    )
                    for code in missing
                ],
            )


def _text(rate: Decimal) -> str:
    return format(rate.normalize(), "f")


def parse_rates(rates: str | Mapping[str, object] | None, currency: str | None) -> Rates | None:
    """The rate table, or None when neither rates nor a target currency is given."""
    if rates in (None, "", {}) and not currency:
        return None
    errors: list[FieldError] = []
    target = (currency or DEFAULT_CURRENCY).strip().upper()
    if codelists()[Scheme.CURRENCY].get(target) is None:
        errors.append(_bad("currency", target, "devise inconnue", "unknown currency"))
    pairs: list[tuple[str, object]] = []
    if isinstance(rates, str):
        for piece in filter(None, (p.strip() for p in rates.split(","))):
            name, sep, text = piece.replace("=", ":").partition(":")
            if not sep:
                errors.append(_bad("rates", piece, "attendu DEVISE:taux", "expected CODE:rate"))
                continue
            pairs.append((name.strip(), text.strip()))
    elif rates is not None:
        pairs = [(str(code), value) for code, value in rates.items()]
    table: dict[str, Decimal] = {}
    for code, value in pairs:
        upper = str(code).upper()
        if codelists()[Scheme.CURRENCY].get(upper) is None:
            errors.append(_bad("rates", str(code), "devise inconnue", "unknown currency"))
            continue
        rate = _rate(value)
        if rate is None:
            errors.append(
                _bad("rates", f"{code}:{value}", "un taux décimal positif", "a positive rate")
            )
        elif upper in table:
            errors.append(_bad("rates", upper, "devise donnée deux fois", "currency given twice"))
        elif upper == target and rate != 1:
            errors.append(
                _bad(
                    "rates",
                    upper,
                    f"le taux de {target} en {target} vaut 1",
                    f"the rate of {target} into itself is 1",
                )
            )
        elif upper != target:
            table[upper] = rate
    if errors:
        raise ValidationFailed(errors)
    return Rates(currency=target, rates=table)


def _rate(value: object) -> Decimal | None:
    text = str(value).strip()
    if isinstance(value, bool) or not text or len(text) > MAX_RATE_CHARS:
        return None
    try:
        rate = Decimal(text)
    except InvalidOperation:
        return None
    return rate if rate.is_finite() and rate > 0 else None


def _bad(field: str, value: str, why: str, why_en: str) -> FieldError:
    return FieldError(
        field,
        "invalid_rate",
        f"« {value} » refusé : {why}.",
        f"'{value}' refused: {why_en}.",
    )
