"""The benefits overview's bar charts, laid out on the server: per group (a dimension or a service
area) a bar for the planned and one for the realised value a year, as long as its share of the
largest value in the chart. The template draws them as SVG (benefits/_overview_chart.html) with
a title and a description that say the same as the bars; the page's tables hold the figures too.

Lengths are geometry, so floats are fine here; the amounts stay ``Decimal`` and are only rounded
in the labels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from helhet.benefits.selectors.totals import Figures, Line
from helhet.benefits.templatetags.benefits_overview import whole

WIDTH = 720
LABEL_WIDTH = 240  # the bar labels, left of the bars
BAR_AREA = 330  # the longest bar: the largest value in the chart
BAR_HEIGHT = 18
BAR_GAP = 6
GROUP_HEADING = 28  # room for the group's name above its bars
GROUP_GAP = 14
TOP = 8

# CSS classes (static/helhet/benefits-overview.css). The label beside each bar names it too, so
# colour is never the only cue.
PLANNED_CLASS = "hh-bar-planned"
REALISED_CLASS = "hh-bar-realised"


@dataclass(frozen=True)
class Bar:
    y: int
    width: float
    label: str
    value: str
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
class Chart:
    """One chart: ``chart_id`` makes the ids of its title and description unique on the page."""

    chart_id: str
    title: str
    description: str
    width: int
    height: int
    groups: list[Group]
    label_width: int = LABEL_WIDTH
    bar_area: int = BAR_AREA
    bar_height: int = BAR_HEIGHT

    @property
    def label_x(self) -> int:
        return self.label_width - 8


def planned_realised_chart(
    *,
    chart_id: str,
    title: str,
    lines: list[Line],
    planned: Callable[[Figures], Decimal],
    realised: Callable[[Figures], Decimal],
    unit: str,
) -> Chart | None:
    """A chart of ``planned`` against ``realised`` for the lines that have either; ``None`` when
    none has (an empty chart says nothing). A loss (negative realised value) draws no bar; its
    label shows the figure."""
    shown = [line for line in lines if planned(line.figures) or realised(line.figures)]
    if not shown:
        return None
    largest = max(max(planned(line.figures), realised(line.figures), Decimal(0)) for line in shown)
    groups: list[Group] = []
    descriptions: list[str] = []
    y = TOP
    for line in shown:
        bar_y = y + GROUP_HEADING
        bars = []
        for label, value, css_class in (
            (_("Planned"), planned(line.figures), PLANNED_CLASS),
            (_("Realised"), realised(line.figures), REALISED_CLASS),
        ):
            share = float(max(value, Decimal(0)) / largest) if largest else 0.0
            text = f"{whole(value)} {unit}"
            bars.append(Bar(bar_y, round(share * BAR_AREA, 1), str(label), text, css_class))
            bar_y += BAR_HEIGHT + BAR_GAP
        groups.append(Group(line.label, y + GROUP_HEADING - 10, bars))
        descriptions.append(
            _("%(group)s: planned %(planned)s, realised %(realised)s.")
            % {"group": line.label, "planned": bars[0].value, "realised": bars[1].value}
        )
        y = bar_y + GROUP_GAP
    return Chart(
        chart_id=chart_id,
        title=title,
        description=" ".join(descriptions),
        width=WIDTH,
        height=y,
        groups=groups,
    )
