"""Registering and keeping a solution in operation: its natural home (the operations owner),
the initiatives that made it, what is counted and the target.

Each service checks who may, validates the whole record and refuses with a Norwegian message,
changing nothing, when the input does not hold."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.duties import ANY_TASK, may, refusal_to_choose
from helhet.accounts.models import User
from helhet.accounts.roles import Capability
from helhet.adoption.access import may_manage_solution
from helhet.adoption.models import MeasureKind, Solution, SolutionStage
from helhet.adoption.services.counts import solution_unit_latest_refresh
from helhet.core.history import save_with_history
from helhet.methodology.models import Decision
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative

# The fields ``solution_update`` changes; the initiatives are set apart (many-to-many).
SOLUTION_FIELDS = (
    "name",
    "description",
    "stage",
    "owner_unit",
    "owner_person",
    "in_use_since",
    "measure_kind",
    "measure_name",
    "base_name",
    "target_percent",
    "count_interval_days",
)

# What the units' kept figures are worked out from (``solution_unit_latest_refresh``).
_FIGURES_DEPEND_ON = ("measure_kind", "count_interval_days")


@dataclass(frozen=True)
class Handover:
    """What the gate into operation of an initiative said about its solution's home."""

    decision: Decision | None
    owner_unit: OrgUnit | None
    owner_person: User | None
    in_use_since: date | None


def handover_of(initiative: Initiative) -> Handover:
    """The initiative's newest approving decision that named an operations unit or person, or
    that completed the method (the gate into operation), with the home it named; an empty
    handover when it had none."""
    decision = (
        Decision.objects.filter(request__initiative=initiative)
        .filter(outcome__in=["approved", "approved_with_conditions"])
        .exclude(operations_unit=None, operations_person=None, completes_method=False)
        .select_related("operations_unit", "operations_person")
        .order_by("-decided_at", "-pk")
        .first()
    )
    if decision is None:
        return Handover(None, None, None, None)
    since = decision.handover_date or decision.decided_at.date()
    return Handover(decision, decision.operations_unit, decision.operations_person, since)


def _check_manager(actor: User, municipality_id: int) -> None:
    if not may(actor, municipality_id, Capability.MANAGE_SOLUTIONS):
        raise PermissionDenied(_("Only the portfolio office registers solutions."))


def _check(solution: Solution, initiatives: Sequence[Initiative] | None) -> None:
    errors: dict[str, Any] = {}
    municipality_id = solution.municipality_id
    if solution.owner_unit is not None and solution.owner_unit.municipality_id != municipality_id:
        errors["owner_unit"] = _("Choose a unit in your municipality.")
    refusal = refusal_to_choose(
        solution.owner_person, municipality_id=municipality_id, capability=ANY_TASK
    )
    if refusal is not None:
        errors["owner_person"] = refusal
    if any(initiative.municipality_id != municipality_id for initiative in initiatives or ()):
        errors["initiatives"] = _("Choose initiatives of your municipality.")
    target = solution.target_percent
    if target is not None and not (Decimal(0) <= target <= Decimal(100)):
        errors["target_percent"] = _(
            "A target is a share of the eligible base: between 0 and 100 %. Enter e.g. 40."
        )
    if solution.measure_kind == MeasureKind.SHARE and solution.base_name:
        errors["base_name"] = _(
            "A share in per cent has no eligible base. Leave it empty, or count a number in use."
        )
    if errors:
        raise ValidationError(errors)
    solution.full_clean(exclude=["municipality", "initiatives"], validate_constraints=False)


@transaction.atomic
def solution_create(
    *,
    actor: User,
    municipality: Municipality,
    name: str,
    in_use_since: date,
    measure_name: str,
    description: str = "",
    stage: str = SolutionStage.IN_OPERATION,
    initiatives: Sequence[Initiative] = (),
    owner_unit: OrgUnit | None = None,
    owner_person: User | None = None,
    handover_decision: Decision | None = None,
    measure_kind: str = MeasureKind.COUNT,
    base_name: str = "",
    target_percent: Decimal | None = None,
    count_interval_days: int = 31,
) -> Solution:
    """Register a solution in operation, by the portfolio office (PermissionDenied otherwise).
    Refused, changing nothing, when the owner unit, the owner or an initiative is not of the
    municipality (or the owner's role only reads), when the target is outside 0-100 %, or when
    a share in per cent is given an eligible base."""
    _check_manager(actor, municipality.pk)
    solution = Solution(
        municipality=municipality,
        name=name.strip(),
        description=description.strip(),
        stage=stage,
        owner_unit=owner_unit,
        owner_person=owner_person,
        handover_decision=handover_decision,
        in_use_since=in_use_since,
        measure_kind=measure_kind,
        measure_name=measure_name.strip(),
        base_name=base_name.strip(),
        target_percent=target_percent,
        count_interval_days=count_interval_days,
    )
    _check(solution, initiatives)
    save_with_history(solution, actor=actor)
    if initiatives:
        solution.initiatives.set(initiatives)
    return solution


@transaction.atomic
def solution_create_from_initiative(
    *, actor: User, initiative: Initiative, measure_name: str, **fields: Any
) -> Solution:
    """Register the solution a finished initiative leaves in operation: named after it, made by
    it, with the home its gate into operation named (operations unit and person, in use from
    the handover date) unless ``fields`` say otherwise. As ``solution_create`` otherwise."""
    handover = handover_of(initiative)
    defaults: dict[str, Any] = {
        "name": initiative.name,
        "owner_unit": handover.owner_unit,
        "owner_person": handover.owner_person,
        "handover_decision": handover.decision,
        "in_use_since": handover.in_use_since
        or initiative.actual_end
        or initiative.planned_end
        or timezone.localdate(),
    }
    defaults.update(fields)
    return solution_create(
        actor=actor,
        municipality=initiative.municipality,
        measure_name=measure_name,
        initiatives=[initiative],
        **defaults,
    )


@transaction.atomic
def solution_update(
    *,
    actor: User,
    solution: Solution,
    fields: dict[str, Any],
    initiatives: Sequence[Initiative] | None = None,
    expected_version: int | None = None,
) -> Solution:
    """Change a solution: the portfolio office, or its operations owner (PermissionDenied for
    anyone else). Refused as ``solution_create``, and when someone saved it since
    ``expected_version`` (nothing is overwritten). A changed target or interval changes who is
    below target or late at once (the overviews compare when they read)."""
    unknown = set(fields) - set(SOLUTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown solution fields: {sorted(unknown)}")
    locked = Solution.objects.select_for_update().get(pk=solution.pk)
    if not may_manage_solution(actor, locked):
        raise PermissionDenied(
            _("Only the portfolio office and the solution's operations owner change it.")
        )
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(
            _(
                "Someone else changed the solution while you were writing. Open it again and "
                "make your changes there."
            )
        )
    before = {name: getattr(locked, name) for name in (*_FIGURES_DEPEND_ON, "owner_person_id")}
    for name, value in fields.items():
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    _check(locked, initiatives)
    if locked.owner_person_id != before["owner_person_id"] and not may(
        actor, locked.municipality_id, Capability.MANAGE_SOLUTIONS
    ):
        raise PermissionDenied(_("Only the portfolio office hands a solution to a new owner."))
    locked.version += 1
    save_with_history(locked, actor=actor)
    if any(getattr(locked, name) != before[name] for name in _FIGURES_DEPEND_ON):
        for solution_unit in locked.units.all():
            solution_unit.solution = locked
            solution_unit_latest_refresh(solution_unit=solution_unit)
    if initiatives is not None:
        locked.initiatives.set(initiatives)
    return locked
