"""Adoption over time as a bar chart laid out on the server (``core.charts``): one bar per month
end with the share of the eligible base in use (or the number in use when the units have no
base), the target first. The page's table holds the same figures."""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from helhet.adoption.models import Solution
from helhet.adoption.selectors import Period
from helhet.core.charts import BarLayout, BarSpec, lay_out_bars

LABEL_WIDTH = 170
BAR_AREA = 440
SHOWN_MONTHS = 12


@dataclass(frozen=True)
class Chart(BarLayout):
    chart_id: str
    title: str
    description: str


def percent_text(value: Decimal) -> str:
    """45.50 -> "45,5 %" (as the tables show it)."""
    places = 0 if value == value.to_integral_value() else 1
    return f"{formats.number_format(value, places, force_grouping=True)} %"


def number_text(value: Decimal) -> str:
    places = 0 if value == value.to_integral_value() else 2
    return formats.number_format(value, places, force_grouping=True)


def adoption_chart(solution: Solution, periods: list[Period]) -> Chart | None:
    """The last months' adoption; None when nothing has been counted."""
    shown = [period for period in periods if period.units_counted][-SHOWN_MONTHS:]
    if not shown:
        return None
    by_share = all(period.percent is not None for period in shown)
    specs = []
    if by_share and solution.target_percent is not None:
        specs.append(
            BarSpec(
                label=str(_("Target")),
                share=float(solution.target_percent / 100),
                value=percent_text(solution.target_percent),
                css_class="hh-ad-bar-target",
            )
        )
    largest = max(period.in_use for period in shown) or Decimal(1)
    descriptions = []
    for period in shown:
        label = formats.date_format(period.month, "YEAR_MONTH_FORMAT")
        if by_share:
            assert period.percent is not None
            share, value = (
                float(min(period.percent, Decimal(100)) / 100),
                percent_text(period.percent),
            )
        else:
            share, value = float(period.in_use / largest), number_text(period.in_use)
        specs.append(BarSpec(label=label, share=share, value=value, css_class="hh-ad-bar"))
        descriptions.append(f"{label}: {value}.")
    layout = lay_out_bars(
        [(str(_("In use at the end of the month")), specs)],
        label_width=LABEL_WIDTH,
        bar_area=BAR_AREA,
    )
    return Chart(
        chart_id="chart-adoption",
        title=_("%(solution)s: adoption over time") % {"solution": solution.name},
        description=" ".join(descriptions),
        **{field.name: getattr(layout, field.name) for field in fields(layout)},
    )
