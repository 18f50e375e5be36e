"""The figures of benefits realisation that every page, export and API answer shares: achievement,
trend, when a measurement is due, and how an indicator's progress becomes a realised amount.

Pure functions on ``Decimal`` and dates; the overview's database version (``selectors``) follows
the same rules, using ``overdue_cutoff`` so "overdue" means the same thing in both.

- Achievement is (value - baseline) / (target - baseline), as in Prosjektportalen. It is undefined,
  and ``None``, when the target equals the baseline: said, never divided by.
- Progress is how far the value has moved from the baseline towards the target, in the indicator's
  unit: positive when it moved the right way (down, for a cost that should fall).
- A measurement is due one frequency interval after the last measurement (the baseline when there
  is none), and overdue the day after that. Follow-up ends when the benefit is realised or
  abandoned, not when the project closes."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.benefits.models import BenefitKind, BenefitStatus, Frequency, IndicatorUnit
from helhet.core.dates import same_day_months_later

FREQUENCY_MONTHS = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.HALF_YEARLY: 6,
    Frequency.YEARLY: 12,
}
# A measurement shows as due this many days before it falls due.
DUE_SOON_DAYS = 14
# Benefits still followed up: the others are done with, one way or the other.
FOLLOWED_STATUSES = (BenefitStatus.PLANNED, BenefitStatus.BEING_REALISED)


class MeasurementState(models.TextChoices):
    OVERDUE = "overdue", _("Overdue")
    DUE = "due", _("Due")
    NOT_DUE = "not_due", _("Not due")
    ENDED = "ended", _("No longer followed up")


class Trend(models.TextChoices):
    IMPROVING = "improving", _("Improving")
    WORSENING = "worsening", _("Worsening")
    UNCHANGED = "unchanged", _("Unchanged")


def next_due(frequency: str, last_measured: date | None, baseline_date: date) -> date:
    """When the next measurement of an indicator falls due."""
    return same_day_months_later(
        last_measured or baseline_date, FREQUENCY_MONTHS[Frequency(frequency)]
    )


def overdue_cutoff(frequency: str, today: date) -> date:
    """An indicator is overdue when its last measurement (or baseline) is before this date."""
    return same_day_months_later(today, -FREQUENCY_MONTHS[Frequency(frequency)])


def due_cutoff(frequency: str, today: date) -> date:
    """An indicator is due (soon or overdue) when its last measurement is before this date."""
    return overdue_cutoff(frequency, today + timedelta(days=DUE_SOON_DAYS))


def measurement_state(
    *,
    frequency: str,
    last_measured: date | None,
    baseline_date: date,
    benefit_status: str,
    today: date,
) -> MeasurementState:
    if benefit_status not in FOLLOWED_STATUSES:
        return MeasurementState.ENDED
    last = last_measured or baseline_date
    if last < overdue_cutoff(frequency, today):
        return MeasurementState.OVERDUE
    if last < due_cutoff(frequency, today):
        return MeasurementState.DUE
    return MeasurementState.NOT_DUE


def achievement(baseline: Decimal, target: Decimal, value: Decimal) -> Decimal | None:
    """(value - baseline) / (target - baseline) as a fraction (1 = the target reached); ``None``
    when the target equals the baseline."""
    if target == baseline:
        return None
    return (value - baseline) / (target - baseline)


def progress(baseline: Decimal, target: Decimal, value: Decimal) -> Decimal | None:
    """How far the value moved from the baseline towards the target, in the indicator's unit;
    negative when it moved away. ``None`` when the target equals the baseline (no direction)."""
    if target == baseline:
        return None
    return value - baseline if target > baseline else baseline - value


def trend(
    baseline: Decimal, target: Decimal, previous: Decimal | None, latest: Decimal
) -> Trend | None:
    """Whether the latest measurement moved towards the target compared with the one before
    (the baseline when it is the first). ``None`` when the target equals the baseline."""
    if target == baseline:
        return None
    before = baseline if previous is None else previous
    if latest == before:
        return Trend.UNCHANGED
    towards = (latest > before) == (target > baseline)
    return Trend.IMPROVING if towards else Trend.WORSENING


def realised_amount(
    *,
    kind: str,
    unit: str,
    baseline: Decimal,
    target: Decimal,
    latest: Decimal | None,
    hours_per_fte: Decimal,
) -> Decimal | None:
    """The realised amount a measured indicator gives its benefit: kroner a year for a direct
    benefit measured in kroner, hours a year for an indirect one measured in hours or FTE (FTE
    times the hours in one). ``None`` when the indicator does not measure the benefit's amount
    in a unit that converts, or has no measurement yet."""
    if latest is None:
        return None
    moved = progress(baseline, target, latest)
    if moved is None:
        return None
    if kind == BenefitKind.DIRECT and unit == IndicatorUnit.NOK:
        return moved
    if kind == BenefitKind.INDIRECT and unit == IndicatorUnit.HOURS:
        return moved
    if kind == BenefitKind.INDIRECT and unit == IndicatorUnit.FTE:
        return moved * hours_per_fte
    return None


def amount_units_for(kind: str) -> tuple[str, ...]:
    """The indicator units that may measure the amount of a benefit of this kind."""
    if kind == BenefitKind.DIRECT:
        return (IndicatorUnit.NOK,)
    if kind == BenefitKind.INDIRECT:
        return (IndicatorUnit.HOURS, IndicatorUnit.FTE)
    return ()


def hours_to_fte(hours: Decimal, hours_per_fte: Decimal) -> Decimal:
    return hours / hours_per_fte
