"""Pause the cyclic garbage collector during a bounded bulk job.

A bulk load (import, sample data) allocates millions of small acyclic objects; the collector's
passes grow with the heap and took 40 % of a 10,000-row import. Reference counting still frees
everything; the collector runs again as soon as the job ends."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
