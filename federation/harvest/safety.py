"""The harvest's brakes, as plain decisions: hold a mass deletion, suspend a flood of invalid
members, give up on a peer that keeps failing."""

from __future__ import annotations

from federation.settings import Settings

# A run must have seen this many members before its share of invalid ones means a flood: one
# bad record out of three is a peer's mistake, not an attack.
FLOOD_MIN_MEMBERS = 10


def deletes_too_many(settings: Settings, *, deletes: int, records: int) -> bool:
    """Would ``deletes`` remove more than the allowed share of a peer's ``records``?"""
    return records > 0 and deletes > settings.harvest_max_delete_share * records


def is_flood(settings: Settings, *, rejected: int, seen: int, streak: int = 0) -> bool:
    """Too many invalid members: over the share in a run that saw enough of them, or over
    the share run after run (``streak`` runs in a row before this one)."""
    if seen <= 0 or rejected <= settings.harvest_max_invalid_share * seen:
        return False
    return seen >= FLOOD_MIN_MEMBERS or streak + 1 >= settings.harvest_max_failures


def is_over_share(settings: Settings, *, rejected: int, seen: int) -> bool:
    return seen > 0 and rejected > settings.harvest_max_invalid_share * seen


def gives_up(settings: Settings, failures: int) -> bool:
    """After this many failed runs in a row the peer is marked unavailable (data kept)."""
    return failures >= settings.harvest_max_failures
