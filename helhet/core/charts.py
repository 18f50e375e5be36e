"""Horizontal bar charts laid out on the server: groups of labelled bars, each as long as its share
of the bar area. A template draws the layout as SVG (benefits/_overview_chart.html,
maturity/_overview_chart.html) with a title and a description that say what the bars show; the
page's tables hold the same figures, so the chart is never the only way to read them.

Lengths are geometry, so floats are fine here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

WIDTH = 720
BAR_HEIGHT = 18
BAR_GAP = 6
GROUP_HEADING = 28  # room for the group's name above its bars
GROUP_GAP = 14
TOP = 8


@dataclass(frozen=True)
class BarSpec:
    """What one bar shows: ``share`` of the bar area (0 to 1), its label and the value it says."""

    label: str
    share: float
    value: str
    css_class: str


@dataclass(frozen=True)
class Bar:
    y: int
    width: float
    label: str
    value: str
    css_class: str
    label_width: int

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 5

    @property
    def value_x(self) -> float:
        return self.label_width + self.width + 6


@dataclass(frozen=True)
class Group:
    name: str
    heading_y: int
    bars: list[Bar]


@dataclass(frozen=True)
class BarLayout:
    width: int
    height: int
    label_width: int
    bar_area: int
    bar_height: int
    groups: list[Group]

    @property
    def label_x(self) -> int:
        return self.label_width - 8


def lay_out_bars(
    groups: Iterable[tuple[str, Sequence[BarSpec]]], *, label_width: int, bar_area: int
) -> BarLayout:
    """The groups one under the other, each with its name above its bars; the bars' labels are
    left of ``label_width``, the longest bar (a share of 1) is ``bar_area`` long."""
    laid_out: list[Group] = []
    y = TOP
    for name, specs in groups:
        bar_y = y + GROUP_HEADING
        bars = []
        for spec in specs:
            width = round(spec.share * bar_area, 1)
            bars.append(Bar(bar_y, width, spec.label, spec.value, spec.css_class, label_width))
            bar_y += BAR_HEIGHT + BAR_GAP
        laid_out.append(Group(name, y + GROUP_HEADING - 10, bars))
        y = bar_y + GROUP_GAP
    return BarLayout(
        width=WIDTH,
        height=y,
        label_width=label_width,
        bar_area=bar_area,
        bar_height=BAR_HEIGHT,
        groups=laid_out,
    )
