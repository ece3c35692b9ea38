"""What similarity compares of an action: its stems (as search indexed them: name, description,
places, partners' names and the labels of its codes, each word by its French and English
stems) and its codes (countries, sectors, SDG goals, partner types) and period.

Stems are read back from the full-text table rather than recomputed from the text: splitting
a stored string costs microseconds where stemming a description costs a millisecond, and a
query compares a hundred or more actions. Only the asked side is read as words too, to show
the words in common as its author wrote them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from federation.search.text import indexed, stems, words

NAME_FACTOR = 2.0  # a stem of the name weighs twice a stem of the rest
_YEAR = re.compile(r"^(\d{4})")


@dataclass(frozen=True)
class Profile:
    """One side of a comparison."""

    stems: dict[str, float] = field(default_factory=dict)  # stem -> 1, or NAME_FACTOR
    forms: dict[str, str] = field(default_factory=dict)  # stem -> first word seen with it
    countries: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()  # 5-digit
    categories: frozenset[str] = frozenset()  # 3-digit
    sdgs: frozenset[str] = frozenset()  # goals
    partner_types: frozenset[str] = frozenset()
    years: tuple[int, int] | None = None  # first and last year of the period


def weighted(name_stems: str, all_stems: str) -> dict[str, float]:
    """Stem -> weight, from space-separated stems of the name and of the whole record."""
    weights = dict.fromkeys(all_stems.split(), 1.0)
    weights.update(dict.fromkeys(name_stems.split(), NAME_FACTOR))
    return weights


def forms_of(texts: Iterable[str]) -> dict[str, str]:
    """Stem -> the first word of ``texts`` that has it."""
    forms: dict[str, str] = {}
    for text in texts:
        for word in words(text):
            for stem in stems(word):
                forms.setdefault(stem, word)
    return forms


def own_words(name: str, description: str | None, data: dict[str, Any]) -> list[str]:
    """The texts a record's author wrote (not its code labels)."""
    texts = [name, description or "", *(data.get("localities") or ())]
    texts.extend(p["name"] for p in data.get("participants") or () if p.get("name"))
    return texts


def of_row(
    data: dict[str, Any], name_stems: str, all_stems: str, forms: dict[str, str] | None = None
) -> Profile:
    """The profile of an action of the index, from its fields and its indexed stems."""
    participants = data.get("participants") or ()
    return Profile(
        stems=weighted(name_stems, all_stems),
        forms=forms or {},
        countries=frozenset(data.get("countries") or ()),
        sectors=frozenset(code for code in data.get("sectors") or () if len(code) == 5),
        categories=frozenset(data.get("sector_categories") or ()),
        sdgs=frozenset(data.get("sdg_goals") or ()),
        partner_types=frozenset(
            p["organisation_type"] for p in participants if p.get("organisation_type")
        ),
        years=period(data),
    )


def of_description(
    text: str,
    *,
    countries: Iterable[str] = (),
    sectors: Iterable[str] = (),
    categories: Iterable[str] = (),
    sdgs: Iterable[str] = (),
) -> Profile:
    """The profile of a free description with its codes (5-digit sectors, their categories and
    any other category asked, SDG goals)."""
    return Profile(
        stems=weighted("", indexed(text)),
        forms=forms_of([text]),
        countries=frozenset(countries),
        sectors=frozenset(sectors),
        categories=frozenset(categories),
        sdgs=frozenset(sdgs),
    )


def _year(value: object) -> int | None:
    if not isinstance(value, str):
        return None
    found = _YEAR.match(value)
    return int(found.group(1)) if found else None


def period(data: dict[str, Any]) -> tuple[int, int] | None:
    """First and last year of an action: actual dates, else planned ones; a missing end is
    the start year (the period is then one year), a missing start leaves no period."""
    start = _year(data.get("actual_start")) or _year(data.get("planned_start"))
    if start is None:
        return None
    end = _year(data.get("actual_end")) or _year(data.get("planned_end")) or start
    return (start, end) if end >= start else (start, start)
