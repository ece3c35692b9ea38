"""The harvest lock on a real Redis: one holder, released only by it, and gone by itself when
its holder dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
import redis

from federation.locks import LockLost, RedisLock, harvest_lock_key
from federation.settings import Settings

HOLDER = """
import sys, time, redis
from federation.locks import RedisLock
lock = RedisLock(redis.Redis.from_url(sys.argv[1]), sys.argv[2], ttl_seconds=1.0)
assert lock.acquire()
print("held", flush=True)
time.sleep(600)
"""


@pytest.fixture
def key(settings: Settings, redis_db: redis.Redis) -> str:
    return harvest_lock_key(settings, 7)


def test_the_key_names_the_node_and_the_peer(settings: Settings) -> None:
    assert harvest_lock_key(settings, 7) == f"harvest:{settings.node_id}:7"


def test_one_holder_at_a_time(redis_db: redis.Redis, key: str) -> None:
    first = RedisLock(redis_db, key, ttl_seconds=30)
    second = RedisLock(redis_db, key, ttl_seconds=30)

    assert first.acquire()
    assert not second.acquire()
    assert not second.release()  # not its lock: nothing freed
    assert redis_db.get(key) == first.token.encode()
    assert first.release()
    assert second.acquire()
    second.release()


def test_racing_holders_one_wins(redis_db: redis.Redis, key: str) -> None:
    start = threading.Barrier(8)
    won: list[bool] = []

    def contend() -> None:
        lock = RedisLock(redis_db, key, ttl_seconds=30)
        start.wait()
        won.append(lock.acquire())

    threads = [threading.Thread(target=contend) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(won) == [False] * 7 + [True]


def test_extend_renews_the_time_to_live(redis_db: redis.Redis, key: str) -> None:
    lock = RedisLock(redis_db, key, ttl_seconds=2)
    assert lock.acquire()
    time.sleep(0.5)
    before = redis_db.pttl(key)

    lock.extend()

    assert before < redis_db.pttl(key) <= 2000
    lock.release()


def test_extending_an_expired_lock_says_it_was_lost(redis_db: redis.Redis, key: str) -> None:
    lock = RedisLock(redis_db, key, ttl_seconds=0.2)
    assert lock.acquire()
    time.sleep(0.3)
    successor = RedisLock(redis_db, key, ttl_seconds=30)
    assert successor.acquire()

    with pytest.raises(LockLost):
        lock.extend()
    assert not lock.release()  # the successor's lock is left alone
    assert redis_db.get(key) == successor.token.encode()


def test_the_lock_of_a_killed_holder_expires(
    redis_server: str, redis_db: redis.Redis, key: str
) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, redis_server, key], stdout=subprocess.PIPE, text=True
    ) as holder:
        try:
            assert holder.stdout is not None
            assert holder.stdout.readline().strip() == "held"
        finally:
            os.kill(holder.pid, signal.SIGKILL)
            holder.wait(timeout=10)
    lock = RedisLock(redis_db, key, ttl_seconds=30)
    assert not lock.acquire()  # the dead holder's lock is still there ...

    deadline = time.monotonic() + 5
    while not lock.acquire():  # ... until its time to live runs out
        assert time.monotonic() < deadline, "the dead holder's lock never expired"
        time.sleep(0.05)
    lock.release()
