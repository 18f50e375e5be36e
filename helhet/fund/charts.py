"""The fund's balance over time as a bar chart laid out on the server (``core.charts``): a group
per year with the available balance, what is committed and not yet paid out, and what is paid out
so far, each as long as its share of the largest. The review's table holds the same figures."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

from django.utils.translation import gettext as _

from helhet.benefits.charts import Chart
from helhet.core.charts import BarSpec, lay_out_bars
from helhet.core.formats import money_text
from helhet.fund.selectors.review import BalanceYear

LABEL_WIDTH = 250
BAR_AREA = 300
# CSS classes (static/helhet/fund-review.css); each bar's label names it too.
BARS = (
    ("available", "hh-bar-available"),
    ("undisbursed", "hh-bar-committed"),
    ("disbursed", "hh-bar-disbursed"),
)


def balance_chart(years: list[BalanceYear]) -> Chart | None:
    """The balance at each year's end; None when the ledger is empty."""
    if not any(year.balance.capital or year.balance.returned for year in years):
        return None
    labels = {
        "available": _("Available"),
        "undisbursed": _("Committed, not paid out"),
        "disbursed": _("Paid out so far"),
    }
    largest = max(
        max(getattr(year.balance, name) for name, _css in BARS) for year in years
    ) or Decimal(1)
    groups, descriptions = [], []
    for year in years:
        specs = []
        for name, css in BARS:
            value = getattr(year.balance, name)
            specs.append(
                BarSpec(
                    label=str(labels[name]),
                    share=float(max(value, Decimal(0)) / largest),
                    value=money_text(value.quantize(Decimal(1))),
                    css_class=css,
                )
            )
        groups.append((str(year.year), specs))
        descriptions.append(
            _(
                "%(year)s: available %(available)s, committed not paid out %(committed)s, "
                "paid out %(paid)s."
            )
            % {
                "year": year.year,
                "available": specs[0].value,
                "committed": specs[1].value,
                "paid": specs[2].value,
            }
        )
    layout = lay_out_bars(groups, label_width=LABEL_WIDTH, bar_area=BAR_AREA)
    return Chart(
        chart_id="chart-balance",
        title=_("The fund's balance at the end of each year"),
        description=" ".join(descriptions),
        **{field.name: getattr(layout, field.name) for field in fields(layout)},
    )
