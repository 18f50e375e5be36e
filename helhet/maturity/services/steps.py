"""Writes of the digital-first-choice plan: the steps planned to lift a municipal service to a
level it lacks."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhet.accounts.models import Membership, User
from helhet.core.history import delete_with_history, save_with_history
from helhet.maturity.models import MaturityLevel, PlannedStep, Service, StepStatus
from helhet.portfolio.models import Initiative


def _check_step(step: PlannedStep) -> None:
    """Refuse a step that may not be saved, with a message per field, and tidy its text."""
    errors: dict[str, list[str]] = {}
    if step.level not in MaturityLevel.values:
        errors["level"] = [_("Choose level 1, 2 or 3.")]
    if not step.description.strip():
        errors["description"] = [_("Say what will be done.")]
    initiative: Initiative | None = step.initiative
    if initiative is not None and initiative.municipality_id != step.municipality_id:
        errors["initiative"] = [_("Choose an initiative in your municipality’s portfolio.")]
    elif initiative is not None and step.needs_initiative:
        errors["needs_initiative"] = [
            _("Choose the initiative that carries the step, or mark that one is needed, not both.")
        ]
    if step.responsible is not None and not _is_member(step.responsible, step.municipality_id):
        errors["responsible"] = [_("Choose a person who works in your municipality.")]
    if step.status not in StepStatus.values:
        errors["status"] = [_("Choose planned, in progress or done.")]
    if errors:
        raise ValidationError(errors)
    step.description = step.description.strip()
    step.full_clean(validate_constraints=False)


def _is_member(user: User, municipality_id: int) -> bool:
    return Membership.objects.filter(user=user, municipality_id=municipality_id).exists()


@transaction.atomic
def step_create(
    *,
    actor: User | None,
    service: Service,
    level: int,
    description: str,
    initiative: Initiative | None = None,
    needs_initiative: bool = False,
    responsible: User | None = None,
    due_date: date | None = None,
    status: str = StepStatus.PLANNED,
) -> PlannedStep:
    """Plan a step to lift ``service`` to ``level`` (1–3): what will be done, the initiative in
    the municipality's portfolio that carries it or that one is needed (not both), who answers
    for it (a member of the municipality) and by when. ValidationError, with a message per
    field, when any of that does not hold; nothing is written then."""
    step = PlannedStep(
        municipality_id=service.municipality_id,
        service=service,
        level=level,
        description=description,
        initiative=initiative,
        needs_initiative=needs_initiative,
        responsible=responsible,
        due_date=due_date,
        status=status,
    )
    _check_step(step)
    save_with_history(step, actor=actor)
    return step


@transaction.atomic
def step_update(
    *,
    actor: User | None,
    step: PlannedStep,
    level: int,
    description: str,
    initiative: Initiative | None,
    needs_initiative: bool,
    responsible: User | None,
    due_date: date | None,
    status: str,
) -> PlannedStep:
    """Change a planned step (same rules as step_create). Its history keeps what it said."""
    step.level, step.description, step.status = level, description, status
    step.initiative, step.needs_initiative = initiative, needs_initiative
    step.responsible, step.due_date = responsible, due_date
    _check_step(step)
    save_with_history(step, actor=actor)
    return step


@transaction.atomic
def step_delete(*, actor: User | None, step: PlannedStep) -> None:
    """Remove a planned step; its history records who removed it."""
    delete_with_history(step, actor=actor)
