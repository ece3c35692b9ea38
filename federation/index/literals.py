"""Literals as the shapes constrain them: well-formed XSD lexical forms, numbers, text."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from federation.index import terms
from federation.index.triples import Value

_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
DOUBLE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN")
_DATE = re.compile(r"(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?")
_DATE_TIME = re.compile(
    r"(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})?"
)


def day(lexical: str) -> date | None:
    """The date of a well-formed ``xsd:date`` lexical form (years of four digits)."""
    match = _DATE.fullmatch(lexical)
    if match is None or len(match.group(1)) != 4:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _date_time_ok(lexical: str) -> bool:
    match = _DATE_TIME.fullmatch(lexical)
    if match is None or len(match.group(1)) != 4:
        return False
    try:
        datetime.fromisoformat(lexical.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


WELL_FORMED: dict[str, Callable[[str], bool]] = {
    terms.STRING: lambda _: True,
    terms.INTEGER: lambda lexical: _INTEGER.fullmatch(lexical) is not None,
    terms.DECIMAL: lambda lexical: _DECIMAL.fullmatch(lexical) is not None,
    terms.DATE: lambda lexical: day(lexical) is not None,
    terms.DATE_TIME: _date_time_ok,
    terms.BOOLEAN: lambda lexical: lexical in ("true", "false", "1", "0"),
}


def number(value: Value) -> Decimal | None:
    """The value of a well-formed integer or decimal literal."""
    if value.__class__ is not tuple:
        return None
    lexical, datatype = value
    if datatype not in (terms.INTEGER, terms.DECIMAL) or not WELL_FORMED[datatype](lexical):
        return None
    try:
        return Decimal(lexical)
    except InvalidOperation:
        return None


def text_of(value: Value) -> str:
    """What SPARQL's STR() gives: an IRI's text or a literal's lexical form."""
    return value[0] if isinstance(value, tuple) else value
