"""The brakes' thresholds: mass deletion, flood of invalid members, repeated failures."""

from __future__ import annotations

from federation.harvest import safety
from federation.settings import Settings


def test_mass_deletion_is_more_than_the_share(settings: Settings) -> None:
    assert not safety.deletes_too_many(settings, deletes=30, records=100)
    assert safety.deletes_too_many(settings, deletes=31, records=100)
    assert not safety.deletes_too_many(settings, deletes=5, records=0)  # nothing to protect


def test_a_flood_needs_enough_members_or_a_streak(settings: Settings) -> None:
    assert safety.is_flood(settings, rejected=6, seen=10)
    assert not safety.is_flood(settings, rejected=5, seen=10)
    assert not safety.is_flood(settings, rejected=2, seen=3)  # a small peer's mistake
    assert safety.is_flood(settings, rejected=2, seen=3, streak=2)  # ... again and again
    assert not safety.is_flood(settings, rejected=0, seen=0)


def test_a_peer_is_given_up_after_max_failures(settings: Settings) -> None:
    assert not safety.gives_up(settings, 2)
    assert safety.gives_up(settings, 3)
