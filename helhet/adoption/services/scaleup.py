"""Writes of the scale-up plan (the action matrix: a solution is trialled, scaled up or put into
operation in a unit between two dates, someone responsible) and of the follow-up actions a unit
gets when its adoption lags (a list review, a course, the supplier's follow-up, a champion).

Each service refuses with a Norwegian message (a ValidationError per field), writing nothing,
when the input does not hold; the history of every row names who changed it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.duties import ANY_TASK, may
from helhet.accounts.models import User
from helhet.adoption.access import may_manage_solution, record_refusal
from helhet.adoption.models import (
    ActionKind,
    FollowUpAction,
    ScaleUpStep,
    Solution,
    SolutionUnit,
    StepKind,
)
from helhet.core.history import save_with_history
from helhet.core.text import check_text_lengths
from helhet.organization.models import OrgUnit

STEP_FIELDS = ("kind", "unit", "description", "starts_on", "ends_on", "responsible", "done_on")
ACTION_FIELDS = ("kind", "description", "responsible", "planned_on", "done_on")


def _check_responsible(person: User | None, municipality_id: int, errors: dict[str, str]) -> None:
    if person is not None and not may(person, municipality_id, ANY_TASK):
        errors["responsible"] = _(
            "%(person)s cannot be responsible: choose someone who works in this municipality "
            "(not a reader)."
        ) % {"person": person}


def _check_done_on(done_on: date | None, errors: dict[str, str]) -> None:
    if done_on is not None and done_on > timezone.localdate():
        errors["done_on"] = _(
            "The date it was done cannot be in the future. Leave it empty until it is done."
        )


def _check_planner(actor: User | None, solution: Solution) -> None:
    if actor is not None and not may_manage_solution(actor, solution):
        raise PermissionDenied(
            _("Only the portfolio office and the solution's operations owner keep its plan.")
        )


def _check_follower(actor: User | None, solution_unit: SolutionUnit) -> None:
    refusal = None if actor is None else record_refusal(actor, solution_unit)
    if refusal is not None:
        raise PermissionDenied(refusal)


def _check_step(step: ScaleUpStep) -> None:
    errors: dict[str, str] = {}
    if step.kind not in StepKind.values:
        errors["kind"] = _("Choose trial, scale up or into operation.")
    if step.unit is not None and step.unit.municipality_id != step.municipality_id:
        errors["unit"] = _("Choose a unit in this municipality.")
    if step.starts_on and step.ends_on and step.ends_on < step.starts_on:
        errors["ends_on"] = _("The step cannot end before it starts. Check the dates.")
    if step.done_on is not None and step.starts_on and step.done_on < step.starts_on:
        errors["done_on"] = _("A step cannot be done before it starts. Check the dates.")
    _check_done_on(step.done_on, errors)
    _check_responsible(step.responsible, step.municipality_id, errors)
    if errors:
        raise ValidationError(errors)
    check_text_lengths(step)


@transaction.atomic
def scale_up_step_create(
    *,
    actor: User | None,
    solution: Solution,
    kind: str,
    starts_on: date,
    ends_on: date,
    unit: OrgUnit | None = None,
    description: str = "",
    responsible: User | None = None,
    done_on: date | None = None,
) -> ScaleUpStep:
    """Add a line to the solution's scale-up plan: the kind of step (trial, scale up, into
    operation), the unit it concerns (none: everywhere), from and to, who is responsible and,
    once it is done, when. Refused, nothing written, when it ends before it starts, is done
    before it starts or in the future, or names a unit or person outside the municipality. Only
    the portfolio office and the solution's operations owner plan (PermissionDenied)."""
    _check_planner(actor, solution)
    step = ScaleUpStep(
        municipality_id=solution.municipality_id,
        solution=solution,
        kind=kind,
        unit=unit,
        description=description.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        responsible=responsible,
        done_on=done_on,
    )
    _check_step(step)
    save_with_history(step, actor=actor)
    return step


@transaction.atomic
def scale_up_step_update(*, actor: User | None, step: ScaleUpStep, **fields: Any) -> ScaleUpStep:
    """Change a step of the plan (its dates, unit, responsible, or mark it done), under the same
    rules as ``scale_up_step_create``."""
    _check_planner(actor, step.solution)
    unknown = set(fields) - set(STEP_FIELDS)
    if unknown:
        raise TypeError(f"Unknown step fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(step, name, value.strip() if isinstance(value, str) else value)
    _check_step(step)
    save_with_history(step, actor=actor)
    return step


def _check_action(action: FollowUpAction) -> None:
    errors: dict[str, str] = {}
    if action.kind not in ActionKind.values:
        errors["kind"] = _("Choose what kind of follow-up it is.")
    if action.kind == ActionKind.OTHER and not action.description:
        errors["description"] = _("Describe the follow-up when it is of another kind.")
    _check_done_on(action.done_on, errors)
    _check_responsible(action.responsible, action.municipality_id, errors)
    if errors:
        raise ValidationError(errors)
    check_text_lengths(action)


@transaction.atomic
def follow_up_action_create(
    *,
    actor: User | None,
    solution_unit: SolutionUnit,
    kind: str,
    planned_on: date,
    description: str = "",
    responsible: User | None = None,
    done_on: date | None = None,
) -> FollowUpAction:
    """Record a follow-up action for a unit that should use the solution (a list review, a
    course, the supplier's follow-up, a champion, or another kind described): who is
    responsible, when it is planned and, once done, when. Refused, nothing written, when it is
    marked done in the future or names a person outside the municipality. Those who count the
    unit's adoption record it (PermissionDenied otherwise, ``access.record_refusal``)."""
    _check_follower(actor, solution_unit)
    action = FollowUpAction(
        municipality_id=solution_unit.municipality_id,
        solution_unit=solution_unit,
        kind=kind,
        description=description.strip(),
        responsible=responsible,
        planned_on=planned_on,
        done_on=done_on,
    )
    _check_action(action)
    save_with_history(action, actor=actor)
    return action


@transaction.atomic
def follow_up_action_update(
    *, actor: User | None, action: FollowUpAction, **fields: Any
) -> FollowUpAction:
    """Change a follow-up action or mark it done, under the same rules as
    ``follow_up_action_create``."""
    _check_follower(actor, action.solution_unit)
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown follow-up fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(action, name, value.strip() if isinstance(value, str) else value)
    _check_action(action)
    save_with_history(action, actor=actor)
    return action
