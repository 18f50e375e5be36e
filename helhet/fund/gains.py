"""What a funded initiative owes the fund back in a year, under a rules version that returns a
share of realised monetary gains. Pure functions on ``Decimal``; the selector
(``selectors.gains``) reads the benefits module's figures and settlements into them.

- The years: from the year after the grant's first budget year, for ``gain_return_years`` years.
- A benefit's monetary gain in a year is the larger of
  * the kroner it had realised by the end of that year: the progress of its amount indicator at
    the last counted measurement that year or before (the rule of
    ``benefits.figures.realised_amount``, kroner a year); a benefit marked realised without such a
    measurement counts its planned amount from the year it was to be realised by (as
    ``benefits.selectors.realised`` does for today), and
  * the budget cuts taken for it in effect that year (a cut is an amount a year from its budget
    year on).
  The larger, not the sum: a budget cut is the realised gain taken out of a budget, so adding
  both would count the same kroner twice. A loss (negative progress) owes nothing.
- Only direct benefits realise kroner; an indirect benefit (freed time) gives money only
  through a budget cut. Freed time and qualitative benefits are listed beside, never priced.
- Due = the rules' share of the initiative's monetary gain that year, rounded to whole øre."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from helhet.benefits import figures
from helhet.benefits.models import BenefitKind, BenefitStatus

ZERO = Decimal("0.00")
ORE = Decimal("0.01")


@dataclass(frozen=True)
class Measured:
    """A counted measurement of the indicator that measures a direct benefit's amount."""

    on: date
    value: Decimal


@dataclass
class BenefitGainFacts:
    """What the due computation needs of one benefit: its kind and status, the planned amount
    and the year it was to be realised by, its amount indicator's baseline, target and unit, the
    counted measurements in date order, and its budget cuts as (from budget year, amount)."""

    kind: str
    status: str
    planned_amount: Decimal | None
    due_year: int | None
    unit: str = ""
    baseline: Decimal | None = None
    target: Decimal | None = None
    measured: list[Measured] = field(default_factory=list)
    cuts: list[tuple[int, Decimal]] = field(default_factory=list)


def gain_years(first_budget_year: int, count: int) -> list[int]:
    """The calendar years gains are due for: from the year after the first budget year."""
    return list(range(first_budget_year + 1, first_budget_year + 1 + count))


def realised_by(benefit: BenefitGainFacts, year: int) -> Decimal:
    """The kroner a year a direct benefit had realised by the end of ``year`` (never below
    nothing)."""
    if benefit.kind != BenefitKind.DIRECT:
        return ZERO
    latest = None
    for measured in benefit.measured:
        if measured.on.year > year:
            break
        latest = measured.value
    if latest is not None and benefit.baseline is not None and benefit.target is not None:
        amount = figures.realised_amount(
            kind=benefit.kind,
            unit=benefit.unit,
            baseline=benefit.baseline,
            target=benefit.target,
            latest=latest,
            hours_per_fte=Decimal(1),  # kroner are not converted
        )
        if amount is not None:
            return max(amount, ZERO)
    if (
        benefit.status == BenefitStatus.REALISED
        and benefit.planned_amount is not None
        and (benefit.due_year is None or benefit.due_year <= year)
    ):
        return benefit.planned_amount
    return ZERO


def cuts_in(benefit: BenefitGainFacts, year: int) -> Decimal:
    """The budget cuts taken for the benefit in effect in ``year``."""
    return sum((amount for since, amount in benefit.cuts if since <= year), ZERO)


def monetary_gain(benefits: list[BenefitGainFacts], year: int) -> Decimal:
    """An initiative's monetary gain in ``year``: per benefit the larger of its realised kroner
    and its budget cuts in effect."""
    return sum((max(realised_by(b, year), cuts_in(b, year)) for b in benefits), ZERO)


def amount_due(share_percent: Decimal, gain: Decimal) -> Decimal:
    """The rules' share of the gain, rounded to whole øre (half up)."""
    return (share_percent / Decimal(100) * gain).quantize(ORE, rounding=ROUND_HALF_UP)
