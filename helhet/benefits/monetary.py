"""An initiative's monetary gain in a year, from its benefits: what the fund asks back a share of
(``helhet.fund.gains``), kept per initiative in ``MonetaryGain`` by the benefits services
(``services.monetary``). Pure functions on ``Decimal``.

- A benefit's monetary gain in a year is the larger of
  * the kroner it had realised by the end of that year: the progress of its amount indicator at
    the last counted measurement that year or before (the rule of ``figures.realised_amount``,
    kroner a year); a benefit marked realised without such a measurement counts its planned
    amount from the year it was to be realised by (as ``selectors.realised`` does for today),
    and
  * the budget cuts taken for it in effect that year (a cut is an amount a year from its budget
    year on).
  The larger, not the sum: a budget cut is the realised gain taken out of a budget, so adding
  both would count the same kroner twice. A loss (negative progress) owes nothing.
- Only direct benefits realise kroner; an indirect benefit (freed time) gives money only
  through a budget cut. Freed time and qualitative benefits are never priced.
- The gain only changes in a year with a measurement, a budget cut or a benefit's due year:
  ``gain_steps`` gives it as (from year, amount) steps, year 0 being "from the start"."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from helhet.benefits import figures
from helhet.benefits.models import BenefitKind, BenefitStatus

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Measured:
    """A counted measurement of the indicator that measures a direct benefit's amount."""

    on: date
    value: Decimal


@dataclass
class BenefitGainFacts:
    """What the gain computation needs of one benefit: its kind and status, the planned amount
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


def gain_steps(benefits: list[BenefitGainFacts]) -> list[tuple[int, Decimal]]:
    """The initiative's monetary gain as steps: (from year, amount a year) in year order, a
    step only where the amount changes, none while it is zero from the start. The gain in a
    year is the amount of the last step on or before it (zero before the first)."""
    years = {0}
    for benefit in benefits:
        years.update(measured.on.year for measured in benefit.measured)
        years.update(since for since, _amount in benefit.cuts)
        if benefit.due_year is not None:
            years.add(benefit.due_year)
    steps: list[tuple[int, Decimal]] = []
    current = ZERO
    for year in sorted(years):
        gain = monetary_gain(benefits, year)
        if gain != current:
            steps.append((year, gain))
            current = gain
    return steps


def gain_in(steps: list[tuple[int, Decimal]], year: int) -> Decimal:
    """The gain in ``year`` by ``gain_steps``' steps."""
    found = ZERO
    for since, amount in steps:
        if since > year:
            break
        found = amount
    return found
