"""Field types shared by every domain's API shapes (lengths and shapes that the API promises)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field, StringConstraints

# Text lengths: generous for people, bounded for the database and for peers.
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Name = ShortText
Acronym = Annotated[str, StringConstraints(strip_whitespace=True, max_length=50)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)]
ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
Url = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=500, pattern=r"^https?://\S+$")
]
Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
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
