"""Horizontal bar charts drawn on the server as inline SVG: no script, readable without CSS,
and each one is followed on the page by the table it draws (its text alternative)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 640
LABEL_WIDTH = 220
VALUE_WIDTH = 110
ROW = 22
BAR = 16
MAX_BARS = 15
MAX_LABEL = 30  # characters; the full label is in the table


@dataclass(frozen=True)
class Bar:
    label: str
    text: str  # the value as shown
    y: int
    width: float


@dataclass(frozen=True)
class Chart:
    title: str
    bars: tuple[Bar, ...]
    more: int  # items left out (the table lists them)
    height: int
    label_width: int = LABEL_WIDTH
    width: int = WIDTH
    bar_height: int = BAR

    @property
    def value_x(self) -> float:
        return self.label_width


def bar_chart(title: str, items: Sequence[tuple[str, float, str]], limit: int = MAX_BARS) -> Chart:
    """The ``limit`` largest of (label, value, shown text), largest first."""
    ranked = sorted(items, key=lambda item: -item[1])
    shown = ranked[:limit]
    largest = max((value for _, value, _ in shown), default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = tuple(
        Bar(
            label=_short(label),
            text=text,
            y=i * ROW,
            width=round(max(value, 0) / largest * span, 1),
        )
        for i, (label, value, text) in enumerate(shown)
    )
    return Chart(title=title, bars=bars, more=len(ranked) - len(shown), height=len(bars) * ROW)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
