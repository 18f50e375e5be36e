"""Writes of budget cuts: a benefit taken out of a unit's budget frame.

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
    BudgetCut,
)
from helhet.benefits.services.monetary import monetary_gains_refresh
from helhet.core.history import delete_with_history, save_with_history
from helhet.organization.models import OrgUnit

BUDGET_YEAR_MIN, BUDGET_YEAR_MAX = 2000, 2100


def _check_budget_cut(cut: BudgetCut) -> None:
    errors: dict[str, str] = {}
    if cut.benefit.kind == BenefitKind.QUALITATIVE:
        errors["benefit"] = _(
            "A qualitative benefit is not counted in kroner, so it cannot be taken out as a "
            "budget cut. Change the benefit to direct or indirect first."
        )
    if cut.unit.municipality_id != cut.benefit.municipality_id:
        errors["unit"] = _("Choose a unit in the benefit's municipality.")
    if cut.amount is None or cut.amount <= 0:
        errors["amount"] = _("The amount of a budget cut must be more than 0 kroner.")
    if cut.budget_year is None or not BUDGET_YEAR_MIN <= cut.budget_year <= BUDGET_YEAR_MAX:
        errors["budget_year"] = _("The budget year must be between 2000 and 2100.")
    if errors:
        raise ValidationError(errors)


def _save_budget_cut(actor: User | None, cut: BudgetCut) -> BudgetCut:
    _check_budget_cut(cut)
    cut.full_clean(exclude=["benefit", "unit", "municipality"])
    save_with_history(cut, actor=actor)
    monetary_gains_refresh(benefit=cut.benefit)
    return cut


@transaction.atomic
def budget_cut_create(
    *,
    actor: User | None,
    benefit: Benefit,
    unit: OrgUnit,
    amount: Decimal,
    budget_year: int,
    comment: str = "",
) -> BudgetCut:
    """Record that the benefit is taken out as a cut of ``amount`` kroner a year in the unit's
    budget frame from ``budget_year``. The unit is in the benefit's municipality, the amount is
    more than 0, the year between 2000 and 2100; a qualitative benefit has no kroner to cut.
    A cut may be recorded before the benefit is realised: the plan shows that as a risk."""
    cut = BudgetCut(
        municipality=benefit.municipality,
        benefit=benefit,
        unit=unit,
        amount=amount,
        budget_year=budget_year,
        comment=comment,
    )
    return _save_budget_cut(actor, cut)


@transaction.atomic
def budget_cut_update(
    *,
    actor: User | None,
    cut: BudgetCut,
    unit: OrgUnit,
    amount: Decimal,
    budget_year: int,
    comment: str = "",
) -> BudgetCut:
    """Change a budget cut, on the same terms as ``budget_cut_create``."""
    cut.unit, cut.amount, cut.budget_year, cut.comment = unit, amount, budget_year, comment
    return _save_budget_cut(actor, cut)


@transaction.atomic
def budget_cut_delete(*, actor: User | None, cut: BudgetCut) -> None:
    """Remove a budget cut from its benefit; its history is kept."""
    delete_with_history(cut, actor=actor)
    monetary_gains_refresh(benefit=cut.benefit)
