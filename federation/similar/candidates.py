"""Which actions are worth scoring: a pool of about a hundred out of the whole index, found
fast.

Scoring all 100,000 actions exactly would mean reading all of them; instead, as "more like
this" does in search engines, the pool is drawn two ways and the pool alone is scored:

- by words: the asked action's most telling stems (the heaviest by rarity and place, one per
  word, at most ``MAX_TERMS`` and ``POSTINGS_BUDGET`` documents in all, so that a text made of
  common words still costs little) are looked up one by one in the full-text table; each
  document found gains the stem's weight, and the ``TEXT_POOL`` best allowed actions are kept;
- by codes: among the allowed actions sharing a country and a sector category (then either),
  from the facet bitsets of search in memory, the ``CODE_POOL`` that also share the most of
  the 5-digit sector, an SDG goal and a partner type (the most recently indexed first among
  equals), so that an action described in other words still competes.

"Allowed" is a bitset: live actions, minus the excluded networks, minus the asked action."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable

from sqlmodel import Session

from federation.search import bitsets
from federation.similar import repository
from federation.similar.profile import Profile
from federation.similar.scoring import CATEGORY_ONLY, WEIGHTS
from federation.similar.terms import TermStats

MAX_TERMS = 24
POSTINGS_BUDGET = 12_000  # documents read from the full-text table per query, at most
TEXT_POOL = 50
CODE_POOL = 25


def allowed(sets: bitsets.FacetSets, excluded_sources: Iterable[str], asked: int | None) -> int:
    """The bitset of the actions that may be answered."""
    bits = sets.live & sets.values.get("kind", {}).get("action", 0)
    regions = sets.values.get("region", {})
    for source in excluded_sources:
        bits &= ~regions.get(source, 0)
    if asked is not None:
        bits &= ~(1 << asked)
    return bits


def telling_stems(stats: TermStats, asked: Profile) -> list[str]:
    """The stems to look up: the heaviest first, one per word, within the budget."""
    weighed = sorted(
        (stem for stem in asked.stems if stats.frequency.get(stem, 0) > 0),
        key=lambda stem: (-asked.stems[stem] * stats.idf(stem), stem),
    )
    chosen: list[str] = []
    seen: set[str] = set()
    budget = POSTINGS_BUDGET
    for stem in weighed:
        frequency = stats.frequency[stem]
        word = asked.forms.get(stem, stem)
        if word in seen or frequency > budget:
            continue
        chosen.append(stem)
        seen.add(word)
        budget -= frequency
        if len(chosen) == MAX_TERMS:
            break
    return chosen


def by_words(session: Session, stats: TermStats, asked: Profile) -> dict[int, float]:
    """Document id -> the weight of the telling stems it holds (any kind, any network)."""
    gained: dict[int, float] = {}
    for stem in telling_stems(stats, asked):
        weight = asked.stems[stem] * stats.idf(stem) ** 2
        for doc in repository.documents_with(session, stem):
            gained[doc] = gained.get(doc, 0.0) + weight
    return gained


def best_allowed(gained: dict[int, float], bits: int, count: int) -> list[int]:
    """The ``count`` allowed documents that gained most (ties: the most recently indexed)."""
    # Bytes, not the int: testing a bit of a 100,000-bit int copies it (a shift), a byte not.
    flags = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    size = len(flags)

    def keep(doc: int) -> bool:
        return doc >> 3 < size and bool(flags[doc >> 3] >> (doc & 7) & 1)

    # Most of the best are allowed (other networks' actions): filter a few times ``count``
    # of the best first, and every document only when that is not enough.
    top = heapq.nlargest(count * 4, zip(gained.values(), gained.keys(), strict=True))
    chosen = [doc for _, doc in top if keep(doc)]
    if len(chosen) < count and len(top) < len(gained):
        kept = [(weight, doc) for doc, weight in gained.items() if keep(doc)]
        chosen = [doc for _, doc in heapq.nlargest(count, kept)]
    return chosen[:count]


def _union(sets: bitsets.FacetSets, facet: str, codes: Iterable[str]) -> int:
    values = sets.values.get(facet, {})
    bits = 0
    for code in codes:
        bits |= values.get(code, 0)
    return bits


def highest(bits: int, count: int) -> list[int]:
    """The ``count`` highest ids of a bitset (the most recently indexed documents)."""
    found: list[int] = []
    while bits and len(found) < count:
        top = bits.bit_length() - 1
        found.append(top)
        bits ^= 1 << top
    return found


def by_codes(sets: bitsets.FacetSets, asked: Profile, bits: int) -> list[int]:
    """The allowed actions sharing the most codes with ``asked``: a country and a category
    first, then a category only, then a country only; within each, those sharing the most
    of its sector, SDGs and partner types first."""
    countries = _union(sets, "country", asked.countries)
    sectors = _union(sets, "sector", asked.sectors)
    categories = _union(sets, "category", asked.categories) | sectors
    tiers = []
    if countries and categories:
        tiers.append(bits & countries & categories)
    if categories:
        tiers.append(bits & categories & ~countries)
    if countries:
        tiers.append(bits & countries & ~categories)
    extras = [
        (extra, weight)
        for extra, weight in (
            (sectors, WEIGHTS["sector"] * (1 - CATEGORY_ONLY)),
            (_union(sets, "sdg", asked.sdgs), WEIGHTS["sdg"]),
            (_union(sets, "partner_type", asked.partner_types), WEIGHTS["partner"]),
        )
        if extra
    ]
    found: list[int] = []
    for tier in tiers:
        for level in _levels(tier, extras):
            found.extend(highest(level, CODE_POOL - len(found)))
            if len(found) == CODE_POOL:
                return found
    return found


def _levels(bits: int, extras: list[tuple[int, float]]) -> list[int]:
    """``bits`` split by which ``extras`` each document has, the heaviest share first."""
    levels = []
    for chosen in itertools.product((True, False), repeat=len(extras)):
        level = bits
        bonus = 0.0
        for (extra, weight), inside in zip(extras, chosen, strict=True):
            level = level & extra if inside else level & ~extra
            bonus += weight if inside else 0.0
        levels.append((bonus, level))
    levels.sort(key=lambda pair: -pair[0])
    return [level for _, level in levels]


def pool(
    session: Session, sets: bitsets.FacetSets, stats: TermStats, asked: Profile, bits: int
) -> list[int]:
    """The document ids to score: the best by words and the best by codes."""
    gained = by_words(session, stats, asked)
    best = best_allowed(gained, bits, TEXT_POOL)
    return list(dict.fromkeys([*best, *by_codes(sets, asked, bits)]))
