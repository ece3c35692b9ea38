"""How alike two actions are, and why: a score in [0, 1] that sums weighted components, each
in [0, 1], and the shared things behind each.

=========  ======  ===========================================================================
component  weight  value
=========  ======  ===========================================================================
text       0.45    cosine of the two actions' indexed stems, each weighted by its rarity in
                   the index (BM25's idf) and doubled in the name; a stem every record has
                   weighs ~0 (the labels of the codes are indexed words too, so shared codes
                   also count a little here)
country    0.20    Dice coefficient of the recipient countries (2 |A∩B| / (|A| + |B|))
sector     0.15    1 for a shared 5-digit DAC sector, 0.5 for only a shared 3-digit category
sdg        0.08    Dice coefficient of the SDG goals (targets count as their goal)
partner    0.06    Dice coefficient of the partners' organisation types
period     0.06    years the two periods share / years of the shorter one
=========  ======  ===========================================================================

A component the asked side cannot have (no SDG given, no period known, no words but stop
words) is left out and the others' weights are scaled up to sum to 1, so that a description
given with a country and a sector only can still score near 1; within one query every answer
is scored with the same components, so this changes the scale, never the order.

Text weighs most because it is what tells a well project in Kaya from a school in Kaya; the
codes are coarse (thousands of actions share Burkina Faso and water) but say in a word why
two actions meet, which is what a user reads first. The weights sum to 1, so a score of 1 is
the same text with the same codes and period; a near-copy scores about 0.9 and above."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from federation.similar.profile import Profile

WEIGHTS: dict[str, float] = {
    "text": 0.45,
    "country": 0.20,
    "sector": 0.15,
    "sdg": 0.08,
    "partner": 0.06,
    "period": 0.06,
}
CATEGORY_ONLY = 0.5  # the sector component when only the 3-digit category is shared
MAX_WORDS = 12  # words in common shown, the most telling first


@dataclass(frozen=True)
class Reasons:
    """What the two actions share (codes; labels are added when answering)."""

    countries: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    sdgs: list[str] = field(default_factory=list)
    partner_types: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Match:
    score: float
    components: dict[str, float]


Squares = Mapping[str, float]  # stem -> idf squared


def norm(profile: Profile, squares: Squares) -> float:
    """The length of a profile's vector of weighted stems."""
    return math.sqrt(sum(w * w * squares[stem] for stem, w in profile.stems.items()))


def dice(first: frozenset[str], second: frozenset[str]) -> float:
    if not first or not second:
        return 0.0
    return 2 * len(first & second) / (len(first) + len(second))


def text_similarity(asked: Profile, other: Profile, squares: Squares, asked_norm: float) -> float:
    """Cosine of the idf-weighted stems."""
    shared = asked.stems.keys() & other.stems.keys()
    if not shared or asked_norm == 0.0:
        return 0.0
    other_norm = norm(other, squares)
    if other_norm == 0.0:
        return 0.0
    mine, theirs = asked.stems, other.stems
    value = sum(mine[stem] * theirs[stem] * squares[stem] for stem in shared)
    return min(value / (asked_norm * other_norm), 1.0)


def words_in_common(asked: Profile, other: Profile, squares: Squares) -> list[str]:
    """The asked side's own words whose stems the other has, the most telling first."""
    parts = {
        stem: asked.stems[stem] * other.stems[stem] * squares[stem]
        for stem in asked.stems.keys() & other.stems.keys()
        if stem in asked.forms and not asked.forms[stem].isdigit()  # numbers: not words
    }
    telling = sorted((stem for stem in parts if parts[stem] > 0), key=lambda s: (-parts[s], s))
    return list(dict.fromkeys(asked.forms[stem] for stem in telling))[:MAX_WORDS]


def shared_years(first: tuple[int, int] | None, second: tuple[int, int] | None) -> list[int]:
    if first is None or second is None:
        return []
    return list(range(max(first[0], second[0]), min(first[1], second[1]) + 1))


def applicable(asked: Profile, asked_norm: float) -> list[str]:
    """The components the asked side has something to compare for."""
    has = {
        "text": asked_norm > 0.0,
        "country": bool(asked.countries),
        "sector": bool(asked.sectors or asked.categories),
        "sdg": bool(asked.sdgs),
        "partner": bool(asked.partner_types),
        "period": asked.years is not None,
    }
    return [name for name in WEIGHTS if has[name]]


def compare(asked: Profile, other: Profile, squares: Squares, asked_norm: float) -> Match:
    """The score of ``other`` as a match for ``asked``, with its components."""
    shorter = 0
    if asked.years and other.years:
        shorter = min(asked.years[1] - asked.years[0], other.years[1] - other.years[0]) + 1
    sector = 0.0
    if asked.sectors & other.sectors:
        sector = 1.0
    elif asked.categories & other.categories:
        sector = CATEGORY_ONLY
    components = {
        "text": text_similarity(asked, other, squares, asked_norm),
        "country": dice(asked.countries, other.countries),
        "sector": sector,
        "sdg": dice(asked.sdgs, other.sdgs),
        "partner": dice(asked.partner_types, other.partner_types),
        "period": len(shared_years(asked.years, other.years)) / shorter if shorter else 0.0,
    }
    used = applicable(asked, asked_norm)
    total = sum(WEIGHTS[name] for name in used)
    score = sum(WEIGHTS[name] * components[name] for name in used) / total if total else 0.0
    return Match(score, components)


def explain(asked: Profile, other: Profile, squares: Squares) -> Reasons:
    """What ``other`` shares with ``asked`` (asked of the answers shown only: the words cost)."""
    return Reasons(
        countries=sorted(asked.countries & other.countries),
        sectors=sorted(asked.sectors & other.sectors),
        categories=sorted(asked.categories & other.categories),
        sdgs=sorted(asked.sdgs & other.sdgs, key=goal_order),
        partner_types=sorted(asked.partner_types & other.partner_types),
        words=words_in_common(asked, other, squares),
        years=shared_years(asked.years, other.years),
    )


def goal_order(code: str) -> tuple[int, str]:
    return (int(code), "") if code.isdigit() else (10_000, code)
