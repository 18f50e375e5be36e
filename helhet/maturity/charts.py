"""The maturity overview's bar chart, laid out on the server: per service area (and in total), a
bar for each level and one for the full digital first choice, as long as the share of the area's
services that reach it. The template draws it as SVG (maturity/_overview_chart.html); the
numbers are also in the page's data table, which is the chart's text alternative."""

from __future__ import annotations

from django.utils.translation import gettext as _

from helhet.core.charts import BarLayout, BarSpec, lay_out_bars
from helhet.maturity.models import MaturityLevel
from helhet.maturity.selectors.overview import Counts, MaturitySummary

LABEL_WIDTH = 250  # the bar labels, left of the bars
BAR_AREA = 360  # the longest bar: every service of the group

# CSS class per bar (see static/helhet/maturity.css).
BAR_CLASSES = {
    MaturityLevel.ELECTRONIC_APPLICATION: "hh-bar-1",
    MaturityLevel.ELECTRONIC_TRANSFER: "hh-bar-2",
    MaturityLevel.ELECTRONIC_ANSWER: "hh-bar-3",
}
FULL_CLASS = "hh-bar-full"


def _group(name: str, counts: Counts) -> tuple[str, list[BarSpec]]:
    values = [(str(level.label), count, BAR_CLASSES[level]) for level, count in counts.levels] + [
        (_("Full digital first choice"), counts.full_digital_first_choice, FULL_CLASS)
    ]
    return name, [
        BarSpec(
            label=label,
            share=count / counts.services if counts.services else 0.0,
            value=_("%(count)s of %(total)s") % {"count": count, "total": counts.services},
            css_class=css_class,
        )
        for label, count, css_class in values
    ]


def maturity_chart(summary: MaturitySummary) -> BarLayout:
    """The chart for ``summary``: one group per service area with services, and the total."""
    groups = [_group(area.area.name, area.counts) for area in summary.areas if area.counts.services]
    groups.append(_group(_("All services"), summary.total))
    return lay_out_bars(groups, label_width=LABEL_WIDTH, bar_area=BAR_AREA)
