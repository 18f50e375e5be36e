"""The units that should use a solution: their eligible base (e.g. their relevant users) and
their own target where it differs from the solution's. Kept by the portfolio office and the
solution's operations owner."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.adoption.access import may_manage_solution
from helhet.adoption.models import MeasureKind, Solution, SolutionUnit
from helhet.adoption.services.counts import solution_unit_latest_refresh
from helhet.core.history import delete_with_history, save_with_history
from helhet.organization.models import OrgUnit


def _keeper_or_refuse(actor: User, solution: Solution) -> None:
    if not may_manage_solution(actor, solution):
        raise PermissionDenied(
            _(
                "Only the portfolio office and the solution's operations owner choose the units "
                "that should use it."
            )
        )


def _check(solution_unit: SolutionUnit) -> None:
    solution = solution_unit.solution
    errors: dict[str, str] = {}
    if solution_unit.unit.municipality_id != solution.municipality_id:
        errors["unit"] = _("Choose a unit in your municipality.")
    elif (
        SolutionUnit.objects.filter(solution=solution, unit=solution_unit.unit)
        .exclude(pk=solution_unit.pk)
        .exists()
    ):
        errors["unit"] = _("%(unit)s is already among the units that should use it.") % {
            "unit": solution_unit.unit
        }
    target = solution_unit.target_percent
    if target is not None and not (Decimal(0) <= target <= Decimal(100)):
        errors["target_percent"] = _(
            "A target is a share of the eligible base: between 0 and 100 %. Enter e.g. 40."
        )
    if solution.measure_kind == MeasureKind.SHARE and solution_unit.eligible_base is not None:
        errors["eligible_base"] = _(
            "The solution is measured as a share in per cent: leave the eligible base empty."
        )
    if errors:
        raise ValidationError(errors)
    solution_unit.full_clean(
        exclude=["municipality", "solution", "unit"],
        validate_unique=False,
        validate_constraints=False,
    )


@transaction.atomic
def solution_unit_add(
    *,
    actor: User,
    solution: Solution,
    unit: OrgUnit,
    eligible_base: int | None = None,
    target_percent: Decimal | None = None,
    added_on: date | None = None,
) -> SolutionUnit:
    """Add a unit that should use the solution, with its eligible base and own target (the
    solution's target when empty): the portfolio office or the operations owner
    (PermissionDenied otherwise). Refused, changing nothing, for a unit of another municipality,
    one already added, a target outside 0-100 %, or an eligible base for a share."""
    _keeper_or_refuse(actor, solution)
    solution_unit = SolutionUnit(
        municipality_id=solution.municipality_id,
        solution=solution,
        unit=unit,
        eligible_base=eligible_base,
        target_percent=target_percent,
        added_on=added_on or timezone.localdate(),
    )
    _check(solution_unit)
    save_with_history(solution_unit, actor=actor)
    solution_unit_latest_refresh(solution_unit=solution_unit)
    return solution_unit


@transaction.atomic
def solution_unit_update(
    *,
    actor: User,
    solution_unit: SolutionUnit,
    eligible_base: int | None,
    target_percent: Decimal | None,
    added_on: date | None = None,
) -> SolutionUnit:
    """Change a unit's eligible base and own target, as ``solution_unit_add`` checks them. The
    unit's latest share is worked out again (counts without their own base use this one)."""
    _keeper_or_refuse(actor, solution_unit.solution)
    locked = SolutionUnit.objects.select_for_update().get(pk=solution_unit.pk)
    locked.solution, locked.unit = solution_unit.solution, solution_unit.unit
    locked.eligible_base, locked.target_percent = eligible_base, target_percent
    if added_on is not None:
        locked.added_on = added_on
    _check(locked)
    save_with_history(locked, actor=actor)
    solution_unit_latest_refresh(solution_unit=locked)
    return locked


@transaction.atomic
def solution_unit_remove(*, actor: User, solution_unit: SolutionUnit) -> None:
    """Take a unit off the solution: only while it has no counts (counts are the adoption's
    record; a unit that has counted stays, with its history). PermissionDenied as
    ``solution_unit_add``."""
    _keeper_or_refuse(actor, solution_unit.solution)
    if solution_unit.counts.exists():
        raise ValidationError(
            _(
                "%(unit)s has counts, so it stays among the units: they are the record of its "
                "adoption. Correct a wrong count instead."
            )
            % {"unit": solution_unit.unit}
        )
    delete_with_history(solution_unit, actor=actor)
