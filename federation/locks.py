"""A lock on one Redis key that expires by itself: one harvest per peer at a time, and a worker
that dies holding it blocks nobody for longer than its time to live."""

from __future__ import annotations

import secrets

from redis import Redis

from federation.settings import Settings

# Delete or extend the key only while it still holds our token: after an expiry another holder
# may own it, and a late release must not free their lock.
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""
_EXTEND = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""


class LockLost(RuntimeError):
    """The lock expired and may belong to someone else: the holder must stop."""


class RedisLock:
    """``SET key token NX PX ttl``; released or extended only by the holder of ``token``."""

    def __init__(self, client: Redis, key: str, ttl_seconds: float) -> None:
        self.client = client
        self.key = key
        self.ttl_ms = max(1, int(ttl_seconds * 1000))
        self.token = secrets.token_hex(16)
        self.held = False

    def acquire(self) -> bool:
        """Take the lock if nobody holds it; False (at once) if somebody does."""
        self.held = bool(self.client.set(self.key, self.token, nx=True, px=self.ttl_ms))
        return self.held

    def extend(self) -> None:
        """Give the lock a full time to live again; :class:`LockLost` if it is no longer ours."""
        if not self.client.eval(_EXTEND, 1, self.key, self.token, self.ttl_ms):
            self.held = False
            raise LockLost(f"lock {self.key} expired and may be held by another worker")

    def release(self) -> bool:
        """Free the lock if it is still ours; False when it had expired."""
        released = bool(self.client.eval(_RELEASE, 1, self.key, self.token))
        self.held = False
        return released


def harvest_lock_key(settings: Settings, peer_id: int) -> str:
    """The key of the harvest lock of one peer of this node (nodes may share a Redis)."""
    return f"harvest:{settings.node_id}:{peer_id}"
