"""The dump is cut into batches of whole records, whatever the network's chunks."""

from __future__ import annotations

import time

from federation.harvest.batches import Batch, batches, root_of


def record(n: int, lines: int = 3) -> bytes:
    iri = f"http://peer.test/actions/{n:04d}"
    head = f'<{iri}> <http://p/title> "Action {n}" .\n'
    parts = "".join(f'<{iri}#part-{i}> <http://p/x> "{i}" .\n' for i in range(lines - 1))
    return (head + parts).encode()


def cut(data: bytes, every: int) -> list[bytes]:
    return [data[i : i + every] for i in range(0, len(data), every)]


def test_batches_hold_whole_records_in_order() -> None:
    data = b"".join(record(n, lines=2 + n % 5) for n in range(200))
    for chunk_size in (1, 7, 100, 4096, len(data)):
        found = list(batches(cut(data, chunk_size), size=500))
        assert b"".join(b.body for b in found) == data
        assert len(found) > 1
        for batch in found:
            roots = [root_of(line) for line in batch.body.splitlines()]
            assert batch.last_iri == roots[-1].decode()
            # No record is split between two batches.
        firsts = [root_of(b.body.splitlines()[0]) for b in found[1:]]
        lasts = [root_of(b.body.splitlines()[-1]) for b in found[:-1]]
        assert all(a != b for a, b in zip(lasts, firsts, strict=True))


def test_an_empty_dump_has_no_batch() -> None:
    assert list(batches([b"", b"\n"])) == []


def test_one_record_larger_than_a_batch_stays_whole() -> None:
    data = record(1, lines=100) + record(2)
    found = list(batches(cut(data, 10), size=50))
    assert [b.last_iri for b in found] == [
        "http://peer.test/actions/0001",
        "http://peer.test/actions/0002",
    ]
    assert found[0] == Batch(record(1, lines=100), "http://peer.test/actions/0001")


def test_a_last_line_without_newline_is_kept() -> None:
    data = record(1) + b'<http://peer.test/actions/0002> <http://p/t> "x" .'
    found = list(batches([data], size=10))
    assert b"".join(b.body for b in found) == data
    assert found[-1].last_iri == "http://peer.test/actions/0002"


def test_an_endless_record_is_not_looked_at_again_and_again() -> None:
    """One record that never ends costs one look per chunk, not a walk back to its start."""
    line = b"x" * 1023 + b"\n"
    chunks = [line * 64] * 2_000  # 128 MiB, all one "record"
    found = batches(iter(chunks), size=1_000)
    started = time.monotonic()
    assert next(found, None) is not None  # the end of the stream: one batch
    assert time.monotonic() - started < 5
