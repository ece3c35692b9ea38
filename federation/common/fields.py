"""Field types shared by every domain's API shapes (lengths and shapes that the API promises)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

NUL_CODE = "string_nul"


def refuse_nul(text: str) -> str:
    """PostgreSQL cannot store U+0000 in text (SQLite can): refuse it on every backend alike."""
    if "\x00" in text:
        raise PydanticCustomError(NUL_CODE, "Text must not contain the NUL character (U+0000)")
    return text


NoNul = AfterValidator(refuse_nul)

# Text lengths: generous for people, bounded for the database and for peers.
ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), NoNul
]
Name = ShortText
Acronym = Annotated[str, StringConstraints(strip_whitespace=True, max_length=50), NoNul]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000), NoNul]
ExternalId = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), NoNul
]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40), NoNul]
Url = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=500, pattern=r"^https?://\S+$"), NoNul
]
Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
    NoNul,
]
Percentage = Annotated[float, Field(gt=0, le=100)]

MAX_LIST = 50  # countries, sectors, SDGs, participants ... per record


def new_id() -> uuid.UUID:
    return uuid.uuid4()


def utcnow() -> datetime:
    return datetime.now(UTC)


# Money: exact decimals, at most 2 places, never negative; stored as integer cents.
Amount = Annotated[Decimal, Field(ge=0, max_digits=15, decimal_places=2)]
CurrencyCode = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{3}$")
]
Year = Annotated[int, Field(ge=1950, le=2100)]
