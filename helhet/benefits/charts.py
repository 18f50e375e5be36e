"""The benefits overview's bar charts, laid out on the server: per group (a dimension or a service
area) a bar for the planned and one for the realised value a year, as long as its share of the
largest value in the chart. The template draws them as SVG (benefits/_overview_chart.html) with
a title and a description that say the same as the bars; the page's tables hold the figures too.

Lengths are geometry, so floats are fine here; the amounts stay ``Decimal`` and are only rounded
in the labels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from decimal import Decimal

from django.utils.translation import gettext as _

from helhet.benefits.selectors.totals import Figures, Line
from helhet.benefits.templatetags.benefits_overview import whole
from helhet.core.charts import BarLayout, BarSpec, lay_out_bars

LABEL_WIDTH = 240  # the bar labels, left of the bars
BAR_AREA = 330  # the longest bar: the largest value in the chart

# CSS classes (static/helhet/benefits-overview.css). The label beside each bar names it too, so
# colour is never the only cue.
PLANNED_CLASS = "hh-bar-planned"
REALISED_CLASS = "hh-bar-realised"


@dataclass(frozen=True)
class Chart(BarLayout):
    """One chart: ``chart_id`` makes the ids of its title and description unique on the page."""

    chart_id: str
    title: str
    description: str


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
    groups: list[tuple[str, list[BarSpec]]] = []
    descriptions: list[str] = []
    for line in shown:
        specs = [
            BarSpec(
                label=str(label),
                share=float(max(value, Decimal(0)) / largest) if largest else 0.0,
                value=f"{whole(value)} {unit}",
                css_class=css_class,
            )
            for label, value, css_class in (
                (_("Planned"), planned(line.figures), PLANNED_CLASS),
                (_("Realised"), realised(line.figures), REALISED_CLASS),
            )
        ]
        groups.append((line.label, specs))
        descriptions.append(
            _("%(group)s: planned %(planned)s, realised %(realised)s.")
            % {"group": line.label, "planned": specs[0].value, "realised": specs[1].value}
        )
    layout = lay_out_bars(groups, label_width=LABEL_WIDTH, bar_area=BAR_AREA)
    return Chart(
        chart_id=chart_id,
        title=title,
        description=" ".join(descriptions),
        **{field.name: getattr(layout, field.name) for field in fields(layout)},
    )
