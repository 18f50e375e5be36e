"""Writes of a benefit's before/after calculation.

Each service validates the whole record (model ``clean`` and constraints), records who
changed it in the history, and refuses with a Norwegian message, changing nothing, when the
input does not hold."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.benefits.models import (
    Benefit,
    BenefitKind,
    Calculation,
    CalculationUnit,
)
from helhet.core.history import delete_with_history, save_with_history

CALCULATION_INPUTS = ("before_quantity", "after_quantity", "before_unit_cost", "after_unit_cost")
CALCULATION_STATED = tuple(
    f"stated_{side}_{figure}"
    for side in ("before", "after")
    for figure in ("daily", "yearly", "per_user")
)


def _check_calculation(calculation: Calculation) -> None:
    errors: dict[str, str] = {}
    if calculation.benefit.kind == BenefitKind.QUALITATIVE:
        errors["benefit"] = _(
            "A qualitative benefit is not counted in kroner, so it has no before/after "
            "calculation. Change the benefit to direct or indirect first."
        )
    for name in (*CALCULATION_INPUTS, *CALCULATION_STATED):
        value = getattr(calculation, name)
        if value is not None and value < 0:
            errors[name] = _("The number cannot be negative.")
    days = calculation.days_per_year
    if days is None or not 1 <= days <= 366:
        errors["days_per_year"] = _("A year has between 1 and 366 days.")
    if calculation.users is not None and calculation.users < 1:
        errors["users"] = _("Give at least 1 user, or leave the number of users empty.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def calculation_set(
    *,
    actor: User | None,
    benefit: Benefit,
    quantity_label: str,
    period: str,
    unit: str = CalculationUnit.NOK,
    before_quantity: Decimal,
    after_quantity: Decimal,
    before_unit_cost: Decimal,
    after_unit_cost: Decimal,
    days_per_year: int = 365,
    users: int | None = None,
    stated_before_daily: Decimal | None = None,
    stated_after_daily: Decimal | None = None,
    stated_before_yearly: Decimal | None = None,
    stated_after_yearly: Decimal | None = None,
    stated_before_per_user: Decimal | None = None,
    stated_after_per_user: Decimal | None = None,
    source: str = "",
) -> Calculation:
    """Give the benefit its before/after calculation, or replace the one it has, counted in
    kroner or in hours (``unit``: the cost of one is then the hours one takes). Quantities,
    unit costs and stated totals are not negative, a year has 1 to 366 days, the number of users
    is at least 1 or not given; a qualitative benefit has none. The stated totals are kept as
    the source gives them, even when they disagree with the inputs (``calculator`` shows it)."""
    try:
        calculation = benefit.calculation
    except Calculation.DoesNotExist:
        calculation = Calculation(municipality=benefit.municipality, benefit=benefit)
    values = {
        "quantity_label": quantity_label,
        "unit": unit,
        "period": period,
        "days_per_year": days_per_year,
        "users": users,
        "before_quantity": before_quantity,
        "after_quantity": after_quantity,
        "before_unit_cost": before_unit_cost,
        "after_unit_cost": after_unit_cost,
        "stated_before_daily": stated_before_daily,
        "stated_after_daily": stated_after_daily,
        "stated_before_yearly": stated_before_yearly,
        "stated_after_yearly": stated_after_yearly,
        "stated_before_per_user": stated_before_per_user,
        "stated_after_per_user": stated_after_per_user,
        "source": source,
    }
    for name, value in values.items():
        setattr(calculation, name, value)
    _check_calculation(calculation)
    calculation.full_clean(exclude=["benefit", "municipality"])
    save_with_history(calculation, actor=actor)
    return calculation


@transaction.atomic
def calculation_delete(*, actor: User | None, calculation: Calculation) -> None:
    """Remove a benefit's before/after calculation; its history is kept. The benefit stays."""
    delete_with_history(calculation, actor=actor)
