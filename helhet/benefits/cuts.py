"""When a budget cut is a risk: its budget year has started while its benefit is not realised and
has not yet realised the cut's amount in kroner. The audit, citing KS, warns against taking a
benefit out of a budget before it is realised; the plan and the overview mark such cuts so the
risk is seen, not hidden. The overview computes the same rule in the database
(``selectors.budget_cuts.budget_cuts_by_year``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from helhet.benefits import figures
from helhet.benefits.models import DEFAULT_HOURS_PER_FTE, Benefit, BenefitKind, BenefitStatus

ZERO = Decimal(0)


def cut_before_realisation(
    *, budget_year: int, amount: Decimal, benefit_status: str, realised_nok: Decimal, today: date
) -> bool:
    """Whether a cut from ``budget_year`` is already taken (the year has started) while the
    benefit is not marked realised and the kroner it has realised so far are less than the cut.
    Freed time has no kroner value, so a cut from an indirect benefit counts as covered only once
    the benefit is marked realised."""
    return (
        budget_year <= today.year
        and benefit_status != BenefitStatus.REALISED
        and realised_nok < amount
    )


def realised_nok(benefit: Benefit) -> Decimal:
    """The kroner a direct benefit has realised by its latest measurement of the indicator that
    measures its amount (``figures.realised_amount``); nothing for other kinds. Reads the
    prefetched indicators of ``selectors.plan.benefits_plan``: no queries."""
    if benefit.kind != BenefitKind.DIRECT:
        return ZERO
    for indicator in benefit.indicators.all():
        if indicator.measures_amount:
            amount = figures.realised_amount(
                kind=benefit.kind,
                unit=indicator.unit,
                baseline=indicator.baseline_value,
                target=indicator.target_value,
                latest=indicator.latest_value,
                # kroner need no conversion
                hours_per_fte=DEFAULT_HOURS_PER_FTE,
            )
            return amount if amount is not None else ZERO
    return ZERO
