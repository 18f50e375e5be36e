"""What a funded initiative owes the fund back in a year, under a rules version that returns a
share of realised monetary gains. Pure functions on ``Decimal``; the selector
(``selectors.gains``) reads the initiatives' monetary gains a year (kept by the benefits module,
``benefits.models.MonetaryGain``, by the rule of ``benefits.monetary``) and the settlements into
them.

- The years: from the year after the grant's first budget year, for ``gain_return_years`` years.
- The gain in a year: the initiative's monetary gain (``benefits.monetary``): per benefit the
  larger of the kroner realised by the end of the year and the budget cuts in effect, never
  both; freed time and qualitative benefits are listed beside, never priced.
- Due = the rules' share of the initiative's monetary gain that year, rounded to whole øre."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from helhet.benefits.monetary import (
    ZERO,
    BenefitGainFacts,
    Measured,
    cuts_in,
    gain_in,
    monetary_gain,
    realised_by,
)

# The initiative's monetary gain is the benefits module's (``helhet.benefits.monetary``).
__all__ = [
    "ZERO",
    "BenefitGainFacts",
    "Measured",
    "amount_due",
    "cuts_in",
    "gain_in",
    "gain_years",
    "monetary_gain",
    "realised_by",
]

ORE = Decimal("0.01")


def gain_years(first_budget_year: int, count: int) -> list[int]:
    """The calendar years gains are due for: from the year after the first budget year."""
    return list(range(first_budget_year + 1, first_budget_year + 1 + count))


def amount_due(share_percent: Decimal, gain: Decimal) -> Decimal:
    """The rules' share of the gain, rounded to whole øre (half up)."""
    return (share_percent / Decimal(100) * gain).quantize(ORE, rounding=ROUND_HALF_UP)
