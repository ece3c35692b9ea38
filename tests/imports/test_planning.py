"""Plans come back in row order, from this process or from the child, and so do errors."""

from __future__ import annotations

import pytest

from federation.imports import planning
from federation.imports.planning import ChildFailed, Plans

pytestmark = pytest.mark.skipif(not planning.can_fork(), reason="no second core or no fork")


class Unpicklable(Exception):
    def __init__(self, what: str, code: int) -> None:  # pickling calls __init__(what) only
        super().__init__(what)
        self.code = code


class Counting:
    """A stateful plan, as the loaders' are (duplicates are found by remembering rows)."""

    def __init__(self, fail_at: int | None = None, error: Exception | None = None) -> None:
        self.seen: list[int] = []
        self.fail_at = fail_at
        self.error = error

    def __call__(self, position: int) -> tuple[int, int]:
        if position == self.fail_at and self.error is not None:
            raise self.error
        self.seen.append(position)
        return position, len(self.seen)


@pytest.mark.parametrize("parallel", [False, True])
def test_plans_come_in_order(monkeypatch: pytest.MonkeyPatch, parallel: bool) -> None:
    monkeypatch.setattr(planning, "CHUNK", 3)
    with Plans(Counting(), 10, parallel=parallel) as plans:
        assert list(plans) == [(i, i + 1) for i in range(10)]


@pytest.mark.parametrize(
    ("error", "raised"),
    [(KeyError("P5"), KeyError), (Unpicklable("no way back", 3), ChildFailed)],
)
def test_an_error_in_the_child_is_raised_here(
    monkeypatch: pytest.MonkeyPatch, error: Exception, raised: type[Exception]
) -> None:
    monkeypatch.setattr(planning, "CHUNK", 3)
    received = []
    with pytest.raises(raised), Plans(Counting(7, error), 10, parallel=True) as plans:
        received.extend(plans)
    assert received == [(i, i + 1) for i in range(6)]  # the chunks before the failing one


def test_stopping_early_ends_the_child(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(planning, "CHUNK", 3)
    plans = Plans(Counting(), 100_000, parallel=True)

    def write_until_failure() -> None:
        with plans:
            for position, _ in plans:
                if position == 4:
                    raise KeyError("this process failed while writing")

    with pytest.raises(KeyError):
        write_until_failure()
    assert not plans._child.is_alive()
    assert plans._receiver is not None
    assert not plans._receiver.is_alive()
