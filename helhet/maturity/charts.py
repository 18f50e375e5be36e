"""The maturity overview's bar chart, laid out on the server: per service area (and in total), a
bar for each level and one for the full digital first choice, as long as the share of the area's
services that reach it. The template draws it as SVG (maturity/_overview_chart.html); the
numbers are also in the page's data table, which is the chart's text alternative."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from helhet.maturity.models import MaturityLevel
from helhet.maturity.selectors.overview import Counts, MaturitySummary

WIDTH = 720
LABEL_WIDTH = 250  # the bar labels, left of the bars
BAR_AREA = 360  # the longest bar: every service of the group
BAR_HEIGHT = 18
BAR_GAP = 6
GROUP_HEADING = 28  # room for the group's name above its bars
GROUP_GAP = 14
TOP = 8

# CSS class per bar (see static/helhet/maturity.css).
BAR_CLASSES = {
    MaturityLevel.ELECTRONIC_APPLICATION: "hh-bar-1",
    MaturityLevel.ELECTRONIC_TRANSFER: "hh-bar-2",
    MaturityLevel.ELECTRONIC_ANSWER: "hh-bar-3",
}
FULL_CLASS = "hh-bar-full"


@dataclass(frozen=True)
class Bar:
    y: int
    width: float
    label: str
    value: str  # "11 of 24"
    css_class: str

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 5

    @property
    def value_x(self) -> float:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class Group:
    name: str
    heading_y: int
    bars: list[Bar]


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    label_width: int
    bar_area: int
    bar_height: int
    groups: list[Group]

    @property
    def label_x(self) -> int:
        return self.label_width - 8


def _group(name: str, counts: Counts, top: int) -> tuple[Group, int]:
    y = top + GROUP_HEADING
    bars = []
    values = [(str(level.label), count, BAR_CLASSES[level]) for level, count in counts.levels] + [
        (_("Full digital first choice"), counts.full_digital_first_choice, FULL_CLASS)
    ]
    for label, count, css_class in values:
        share = count / counts.services if counts.services else 0.0
        bars.append(
            Bar(
                y=y,
                width=round(share * BAR_AREA, 1),
                label=label,
                value=_("%(count)s of %(total)s") % {"count": count, "total": counts.services},
                css_class=css_class,
            )
        )
        y += BAR_HEIGHT + BAR_GAP
    return Group(name, top + GROUP_HEADING - 10, bars), y + GROUP_GAP


def maturity_chart(summary: MaturitySummary) -> BarChart:
    """The chart for ``summary``: one group per service area with services, and the total."""
    groups = []
    y = TOP
    for area in summary.areas:
        if not area.counts.services:
            continue
        group, y = _group(area.area.name, area.counts, y)
        groups.append(group)
    group, y = _group(_("All services"), summary.total, y)
    groups.append(group)
    return BarChart(
        width=WIDTH,
        height=y,
        label_width=LABEL_WIDTH,
        bar_area=BAR_AREA,
        bar_height=BAR_HEIGHT,
        groups=groups,
    )
