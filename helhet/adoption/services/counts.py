"""Adoption counts: how much a solution is in use in one unit on one day, entered by the unit
(or its operations owner, or the portfolio office) and corrected when wrong; and the figures the
overviews read, kept on each unit by these services.

Every refusal is a Norwegian message that says what to do, and nothing is written."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.adoption.access import record_refusal
from helhet.adoption.models import (
    DERIVED_UNIT_FIELDS,
    AdoptionCount,
    CountSource,
    MeasureKind,
    Solution,
    SolutionUnit,
)
from helhet.core.formats import long_date
from helhet.core.history import save_with_history
from helhet.organization.models import Municipality

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def count_errors(
    solution_unit: SolutionUnit,
    *,
    counted_on: date,
    value: Decimal,
    eligible: int | None,
    today: date,
    exclude_pk: int | None = None,
) -> dict[str, str]:
    """What is wrong with a count, field by field (empty when it holds): a date in the future,
    before the solution was in use or already counted; a negative number, a fraction of a
    thing, a share above 100 %, more in use than the eligible base."""
    solution = solution_unit.solution
    errors: dict[str, str] = {}
    if counted_on > today:
        errors["counted_on"] = _("A count cannot be dated in the future. Today is %(today)s.") % {
            "today": long_date(today)
        }
    elif counted_on < solution.in_use_since:
        errors["counted_on"] = _(
            "%(solution)s has been in use since %(date)s: a count cannot be dated before that."
        ) % {"solution": solution.name, "date": long_date(solution.in_use_since)}
    elif (
        AdoptionCount.objects.filter(solution_unit=solution_unit, counted_on=counted_on)
        .exclude(pk=exclude_pk or 0)
        .exists()
    ):
        errors["counted_on"] = _(
            "%(unit)s already has a count on %(date)s. Correct that one instead."
        ) % {"unit": solution_unit.unit, "date": long_date(counted_on)}
    if not value.is_finite():
        errors["value"] = _("Enter a number, e.g. 12.")
    elif value < 0:
        errors["value"] = _("A count cannot be negative. Enter 0 if none use it.")
    elif solution.measure_kind == MeasureKind.SHARE and value > HUNDRED:
        errors["value"] = _("A share is between 0 and 100 %.")
    elif solution.measure_kind == MeasureKind.COUNT and value != value.to_integral_value():
        errors["value"] = _("Count whole ones: enter a whole number, e.g. 12.")
    elif eligible is not None and value > eligible:
        errors["value"] = _(
            "%(value)s in use is more than the eligible base of %(eligible)s. Check the count, "
            "or enter the eligible base of that day."
        ) % {"value": _number(value), "eligible": eligible}
    if eligible is not None and eligible < 0:
        errors["eligible"] = _("The eligible base cannot be negative.")
    return errors


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def percent_of(solution: Solution, value: Decimal | None, eligible: int | None) -> Decimal | None:
    """The share in use, in per cent: the value itself for a share, the count of the eligible
    base for a number (None without a base)."""
    if value is None:
        return None
    if solution.measure_kind == MeasureKind.SHARE:
        return value.quantize(CENT)
    if not eligible:
        return None
    return (value * HUNDRED / eligible).quantize(CENT, rounding=ROUND_HALF_UP)


def _latest_figures(solution_unit: SolutionUnit) -> dict[str, object]:
    newest = list(
        AdoptionCount.objects.filter(solution_unit=solution_unit)
        .order_by("-counted_on", "-pk")
        .values_list("counted_on", "value", "eligible")[:2]
    )
    return figures_from(solution_unit, newest)


def figures_from(
    solution_unit: SolutionUnit, newest: list[tuple[date, Decimal, int | None]]
) -> dict[str, object]:
    """The unit's derived figures from its two newest counts (newest first)."""
    solution, base = solution_unit.solution, solution_unit.eligible_base
    figures: dict[str, object] = {
        "latest_counted_on": None,
        "latest_value": None,
        "latest_percent": None,
        "previous_value": None,
        "previous_percent": None,
        "fell": False,
        "latest_eligible": None,
        "count_due_on": solution_unit.added_on + timedelta(days=solution.count_interval_days),
    }
    if newest:
        counted_on, value, eligible = newest[0]
        eligible = eligible if eligible is not None else base
        figures.update(
            latest_counted_on=counted_on,
            latest_value=value,
            latest_eligible=eligible if solution.measure_kind == MeasureKind.COUNT else None,
            latest_percent=percent_of(solution, value, eligible),
            count_due_on=counted_on + timedelta(days=solution.count_interval_days),
        )
    if len(newest) > 1:
        _day, value, eligible = newest[1]
        previous = percent_of(solution, value, eligible if eligible is not None else base)
        figures.update(previous_value=value, previous_percent=previous)
        latest = figures["latest_percent"]
        if latest is not None and previous is not None:
            figures["fell"] = latest < previous  # type: ignore[operator]
        else:
            figures["fell"] = figures["latest_value"] < value  # type: ignore[operator]
    return figures


def solution_unit_latest_refresh(*, solution_unit: SolutionUnit) -> None:
    """Copy the unit's newest count and the one before it (date, value, share in per cent, and
    whether it fell) onto the unit, where the overviews read them. Derived data: no history
    entry. Called by every service that adds or changes a count, inside its transaction."""
    figures = _latest_figures(solution_unit)
    SolutionUnit.objects.filter(pk=solution_unit.pk).update(**figures)
    for name, value in figures.items():
        setattr(solution_unit, name, value)


def adoption_figures_rebuild(*, municipality: Municipality | None = None) -> int:
    """Work out every unit's derived figures again from its counts (all municipalities when
    none is given); the number of units changed. For repairs and after bulk loads."""
    units = SolutionUnit.objects.select_related("solution")
    if municipality is not None:
        units = units.filter(municipality=municipality)
    changed = 0
    for solution_unit in units.iterator(chunk_size=500):
        before = {name: getattr(solution_unit, name) for name in _FIGURES}
        with transaction.atomic():
            solution_unit_latest_refresh(solution_unit=solution_unit)
        changed += before != {name: getattr(solution_unit, name) for name in _FIGURES}
    return changed


_FIGURES = tuple(DERIVED_UNIT_FIELDS)


def _check_recorder(actor: User, solution_unit: SolutionUnit) -> None:
    refusal = record_refusal(actor, solution_unit)
    if refusal is not None:
        raise PermissionDenied(refusal)


@transaction.atomic
def adoption_count_record(
    *,
    actor: User,
    solution_unit: SolutionUnit,
    counted_on: date,
    value: Decimal,
    eligible: int | None = None,
    comment: str = "",
    source: str = CountSource.ENTERED,
) -> AdoptionCount:
    """Record how much the solution is in use in the unit on ``counted_on``: by the unit's own
    people (or a unit above it), the operations owner or the portfolio office (PermissionDenied
    otherwise, see ``helhet.adoption.access.record_refusal``). The eligible base of that day
    defaults to the unit's. Refused, field by field and changing nothing, as ``count_errors``
    says. The unit's latest figures are kept in step."""
    _check_recorder(actor, solution_unit)
    # One writer at a time per unit, so two people cannot count the same day at once.
    locked = SolutionUnit.objects.select_for_update().get(pk=solution_unit.pk)
    locked.solution, locked.unit = solution_unit.solution, solution_unit.unit
    if eligible is None and locked.solution.measure_kind == MeasureKind.COUNT:
        eligible = locked.eligible_base
    errors = count_errors(
        locked,
        counted_on=counted_on,
        value=value,
        eligible=eligible,
        today=timezone.localdate(),
    )
    if errors:
        raise ValidationError(errors)
    count = AdoptionCount(
        municipality_id=locked.municipality_id,
        solution_unit=locked,
        counted_on=counted_on,
        value=value,
        eligible=eligible,
        comment=comment.strip(),
        source=source,
        recorded_by=actor,
    )
    count.full_clean(
        exclude=["municipality", "solution_unit", "recorded_by"], validate_unique=False
    )
    save_with_history(count, actor=actor)
    solution_unit_latest_refresh(solution_unit=locked)
    solution_unit.__dict__.update({name: getattr(locked, name) for name in _FIGURES})
    return count


@transaction.atomic
def adoption_count_correct(
    *,
    actor: User,
    count: AdoptionCount,
    counted_on: date,
    value: Decimal,
    eligible: int | None,
    comment: str = "",
) -> AdoptionCount:
    """Correct a count (its date, number, eligible base or comment): the same people who may
    record one for the unit, refused as ``adoption_count_record`` refuses. The history keeps what
    it said before and who corrected it."""
    solution_unit = count.solution_unit
    _check_recorder(actor, solution_unit)
    SolutionUnit.objects.select_for_update().filter(pk=solution_unit.pk).first()
    errors = count_errors(
        solution_unit,
        counted_on=counted_on,
        value=value,
        eligible=eligible,
        today=timezone.localdate(),
        exclude_pk=count.pk,
    )
    if errors:
        raise ValidationError(errors)
    count.counted_on, count.value, count.eligible = counted_on, value, eligible
    count.comment = comment.strip()
    count.full_clean(
        exclude=["municipality", "solution_unit", "recorded_by"], validate_unique=False
    )
    save_with_history(count, actor=actor)
    solution_unit_latest_refresh(solution_unit=solution_unit)
    return count
