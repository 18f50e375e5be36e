"""The simplified economic analysis of a fund application, as pure functions on Decimal (no
database): yearly costs C_t and monetary benefits B_t for t = 0 .. n-1, where year 0 is the
first budget year and is not discounted.

- Net present value: NPV = Σ (B_t − C_t) / (1 + r)^t.
- NPV per invested krone: NPV / Σ C_t / (1 + r)^t, the net present value for each krone of
  the (discounted) cost, in the style of DFØ's "netto nåverdi per budsjettkrone".

``r`` is the real discount rate as a percentage (DFØ: 4 %). Nothing is rounded here; pages and
the API round for display only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class AnalysisRow:
    """One year of the analysis: ``index`` 0 is the first budget year, ``year`` the calendar
    year it is."""

    index: int
    year: int
    cost: Decimal
    benefit: Decimal


@dataclass(frozen=True)
class AnalysisLine:
    row: AnalysisRow
    rate_percent: Decimal

    @property
    def net(self) -> Decimal:
        return self.row.benefit - self.row.cost

    @property
    def factor(self) -> Decimal:
        return discount_factor(self.rate_percent, self.row.index)

    @property
    def present_net(self) -> Decimal:
        return self.net * self.factor


@dataclass(frozen=True)
class Analysis:
    rows: tuple[AnalysisRow, ...]
    discount_rate: Decimal  # percent
    npv: Decimal
    present_cost: Decimal
    present_benefit: Decimal

    @property
    def npv_per_krone(self) -> Decimal | None:
        """NPV per invested krone; None when nothing is spent (no cost to divide by)."""
        if not self.present_cost:
            return None
        return self.npv / self.present_cost

    @property
    def lines(self) -> list[AnalysisLine]:
        """Each year with its net benefit, discount factor and present value, for a table."""
        return [AnalysisLine(row, self.discount_rate) for row in self.rows]

    @property
    def total_cost(self) -> Decimal:
        return sum((row.cost for row in self.rows), ZERO)

    @property
    def total_benefit(self) -> Decimal:
        return sum((row.benefit for row in self.rows), ZERO)


def discount_factor(rate_percent: Decimal, index: int) -> Decimal:
    """1 / (1 + r)^t; 1 for year 0."""
    return 1 / (1 + rate_percent / HUNDRED) ** index


def analyse(rows: Sequence[AnalysisRow], rate_percent: Decimal) -> Analysis:
    """The net present value, the present value of the costs and of the benefits over ``rows``
    at the real discount rate ``rate_percent``."""
    present_cost = ZERO
    present_benefit = ZERO
    for row in rows:
        factor = discount_factor(rate_percent, row.index)
        present_cost += row.cost * factor
        present_benefit += row.benefit * factor
    return Analysis(
        rows=tuple(rows),
        discount_rate=rate_percent,
        npv=present_benefit - present_cost,
        present_cost=present_cost,
        present_benefit=present_benefit,
    )


@dataclass(frozen=True)
class DirectBenefit:
    """A direct benefit of the initiative's plan: kroner a year, from the year it is due."""

    amount: Decimal
    due_year: int | None


def spread_costs(
    applied: Sequence[tuple[int, Decimal]], total_cost: Decimal | None
) -> dict[int, Decimal]:
    """The project's cost per budget year: each year's amount applied for, plus the rest of the
    total cost (what other funding pays) spread over the same years in proportion to it. The
    years add up to the total cost when it is given and at least what is applied for; otherwise
    to the amounts applied for."""
    applied_total = sum((amount for _year, amount in applied), ZERO)
    costs = {year: amount for year, amount in applied}
    rest = (total_cost or ZERO) - applied_total
    if rest <= 0 or not costs:
        return costs
    if not applied_total:
        share = rest / len(costs)
        return {year: share for year in costs}
    return {year: amount + rest * amount / applied_total for year, amount in costs.items()}


def prefilled_rows(
    *,
    first_year: int,
    years: int,
    applied: Sequence[tuple[int, Decimal]],
    total_cost: Decimal | None,
    benefits: Sequence[DirectBenefit],
) -> list[AnalysisRow]:
    """The analysis as the application and the benefits plan give it: costs are the total cost
    by budget year (:func:`spread_costs`); benefits are each direct benefit's kroner a year from
    the year it is due (year 1, the year after the first budget year, when it has no date) to
    the end of the period. Budget years outside the period are left out."""
    costs = spread_costs(applied, total_cost)
    rows = []
    for index in range(years):
        year = first_year + index
        benefit = ZERO
        for item in benefits:
            starts = 1 if item.due_year is None else max(item.due_year - first_year, 0)
            if index >= starts:
                benefit += item.amount
        rows.append(
            AnalysisRow(index=index, year=year, cost=costs.get(year, ZERO), benefit=benefit)
        )
    return rows
