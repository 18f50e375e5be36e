"""Access helpers: the only way a request reaches a solution, a unit using it, or a count.
Everyone in the municipality sees the solutions and how far each unit has taken them up; the
portfolio office registers and keeps them, and so does the solution's operations owner for their
own solution; a unit's count is recorded by its own people (a member whose unit is that unit or
one above it), the operations owner, or the portfolio office. A reader counts nothing."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from helhet.accounts.duties import may, role_of
from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Capability
from helhet.adoption.models import (
    AdoptionCount,
    FollowUpAction,
    ScaleUpStep,
    Solution,
    SolutionUnit,
)
from helhet.organization.models import OrgUnit


def is_operations_owner(user: User | None, solution: Solution) -> bool:
    """Whether ``user`` is the solution's operations owner (person) and still works in its
    municipality with a role that does something (a reader keeps nothing)."""
    return (
        user is not None
        and user.pk is not None
        and solution.owner_person_id == user.pk
        and may(user, solution.municipality_id, Capability.RECORD_ADOPTION)
    )


def may_manage_solution(user: User | None, solution: Solution) -> bool:
    """The portfolio office keeps every solution; the operations owner keeps their own."""
    return may(user, solution.municipality_id, Capability.MANAGE_SOLUTIONS) or is_operations_owner(
        user, solution
    )


def unit_ancestor_ids(unit: OrgUnit) -> set[int]:
    """The unit's id and those of the units above it (one query for the municipality)."""
    parents = dict(
        OrgUnit.objects.filter(municipality_id=unit.municipality_id).values_list("pk", "parent_id")
    )
    found: set[int] = set()
    current: int | None = unit.pk
    while current is not None and current not in found:
        found.add(current)
        current = parents.get(current)
    return found


def record_refusal(user: User | None, solution_unit: SolutionUnit) -> str | None:
    """Why ``user`` may not record a count for the unit, or None when they may: the portfolio
    office and the operations owner count for every unit; anyone else who counts (not a reader)
    counts for their own unit and the units below it."""
    solution = solution_unit.solution
    municipality_id = solution_unit.municipality_id
    if not may(user, municipality_id, Capability.RECORD_ADOPTION):
        return _("Your role only reads. Ask the unit or the solution's operations owner.")
    if may_manage_solution(user, solution):
        return None
    assert user is not None
    member_unit_id = (
        Membership.objects.filter(user_id=user.pk, municipality_id=municipality_id)
        .values_list("unit_id", flat=True)
        .first()
    )
    if member_unit_id is not None and member_unit_id in unit_ancestor_ids(solution_unit.unit):
        return None
    return _(
        "Only the people of %(unit)s (or a unit above it), the solution's operations owner and "
        "the portfolio office record its counts."
    ) % {"unit": solution_unit.unit}


def may_record_for(user: User | None, solution_unit: SolutionUnit) -> bool:
    return record_refusal(user, solution_unit) is None


def recordable_unit_ids(membership: Membership, solution: Solution) -> set[int] | None:
    """The org units the member may record counts for in ``solution``: None means every unit
    (the portfolio office, the operations owner); an empty set means none. One query at most,
    for pages that show a "record" link per row."""
    user = membership.user
    if not membership.can(Capability.RECORD_ADOPTION):
        return set()
    if may_manage_solution(user, solution):
        return None
    if membership.unit_id is None:
        return set()
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in OrgUnit.objects.filter(
        municipality_id=membership.municipality_id
    ).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), [membership.unit_id]
    while stack:
        pk = stack.pop()
        found.add(pk)
        stack.extend(children.get(pk, []))
    return found


def owner_has_left(solution: Solution) -> bool:
    """Whether the operations owner (person) no longer works in the municipality."""
    person = solution.owner_person
    if person is None:
        return False
    return not person.is_active or role_of(person, solution.municipality_id) is None


# --- Lookups from a request ---------------------------------------------------------------------


def get_solution_for_user(membership: Membership, pk: int) -> Solution:
    """The solution, if it belongs to the member's municipality (404 otherwise)."""
    if not membership.can(Capability.VIEW_SOLUTIONS):
        raise PermissionDenied
    return get_object_or_404(
        Solution.objects.select_related("owner_unit", "owner_person", "handover_decision"),
        pk=pk,
        municipality=membership.municipality,
    )


def get_rw_solution_for_user(membership: Membership, pk: int) -> Solution:
    """As ``get_solution_for_user``, and 403 unless the member keeps it (the portfolio office,
    or its operations owner)."""
    solution = get_solution_for_user(membership, pk)
    if not may_manage_solution(membership.user, solution):
        raise PermissionDenied
    return solution


def get_solution_unit_for_user(membership: Membership, pk: int) -> SolutionUnit:
    """A unit using a solution, in the member's municipality (404 otherwise)."""
    if not membership.can(Capability.VIEW_SOLUTIONS):
        raise PermissionDenied
    return get_object_or_404(
        SolutionUnit.objects.select_related("solution", "unit"),
        pk=pk,
        municipality=membership.municipality,
    )


def get_rw_solution_unit_for_user(membership: Membership, pk: int) -> SolutionUnit:
    """A unit using a solution the member keeps (404 for another municipality's, 403 without
    the right)."""
    solution_unit = get_solution_unit_for_user(membership, pk)
    if not may_manage_solution(membership.user, solution_unit.solution):
        raise PermissionDenied
    return solution_unit


def get_solution_unit_to_count(membership: Membership, pk: int) -> SolutionUnit:
    """A unit using a solution the member may record counts for (404 for another
    municipality's, 403 for a unit not theirs; see ``record_refusal``)."""
    solution_unit = get_solution_unit_for_user(membership, pk)
    refusal = record_refusal(membership.user, solution_unit)
    if refusal is not None:
        raise PermissionDenied(refusal)
    return solution_unit


def get_count_for_user(membership: Membership, pk: int) -> AdoptionCount:
    """A count in the member's municipality (404 otherwise)."""
    if not membership.can(Capability.VIEW_SOLUTIONS):
        raise PermissionDenied
    return get_object_or_404(
        AdoptionCount.objects.select_related(
            "solution_unit__solution", "solution_unit__unit", "recorded_by"
        ),
        pk=pk,
        municipality=membership.municipality,
    )


def get_count_to_correct(membership: Membership, pk: int) -> AdoptionCount:
    """A count the member may correct: the same people who may record one for its unit."""
    count = get_count_for_user(membership, pk)
    refusal = record_refusal(membership.user, count.solution_unit)
    if refusal is not None:
        raise PermissionDenied(refusal)
    return count


# --- The scale-up plan and follow-up actions (stream "scaleup") ----------------------------------
# A solution's plan is kept by those who keep the solution (``get_rw_solution_for_user``); a
# unit's follow-up actions by those who count its adoption (``get_solution_unit_to_count``).


def may_follow_up(membership: Membership, solution_unit: SolutionUnit) -> bool:
    """Whether the member keeps the unit's follow-up actions: as ``record_refusal`` says."""
    return record_refusal(membership.user, solution_unit) is None


def get_step_for_user(membership: Membership, pk: int) -> ScaleUpStep:
    """The scale-up step, if it belongs to the member's municipality (404 otherwise)."""
    if not membership.can(Capability.VIEW_SOLUTIONS):
        raise PermissionDenied
    return get_object_or_404(
        ScaleUpStep.objects.select_related("solution", "unit", "responsible"),
        pk=pk,
        municipality=membership.municipality,
    )


def get_rw_step_for_user(membership: Membership, pk: int) -> ScaleUpStep:
    """The scale-up step, if it belongs to the member's municipality (404) and the member keeps
    its solution (403 otherwise)."""
    step = get_step_for_user(membership, pk)
    if not may_manage_solution(membership.user, step.solution):
        raise PermissionDenied
    return step


def get_action_for_user(membership: Membership, pk: int) -> FollowUpAction:
    """The follow-up action, if it belongs to the member's municipality (404 otherwise)."""
    if not membership.can(Capability.VIEW_SOLUTIONS):
        raise PermissionDenied
    return get_object_or_404(
        FollowUpAction.objects.select_related(
            "solution_unit__solution", "solution_unit__unit", "responsible"
        ),
        pk=pk,
        municipality=membership.municipality,
    )


def get_rw_action_for_user(membership: Membership, pk: int) -> FollowUpAction:
    """The follow-up action, if it belongs to the member's municipality (404) and the member
    counts its unit's adoption (403 otherwise, see ``record_refusal``)."""
    action = get_action_for_user(membership, pk)
    refusal = record_refusal(membership.user, action.solution_unit)
    if refusal is not None:
        raise PermissionDenied(refusal)
    return action
