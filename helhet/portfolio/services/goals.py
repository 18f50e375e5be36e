"""The municipality's strategic goals."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.history import delete_with_history, save_with_history
from helhet.organization.models import Municipality
from helhet.portfolio.models import StrategicGoal


@transaction.atomic
def goal_create(
    *,
    actor: User | None,
    municipality: Municipality,
    name: str,
    level: str,
    kind: str,
    parent: StrategicGoal | None = None,
    description: str = "",
    position: int = 0,
) -> StrategicGoal:
    """Add a strategic goal to the municipality, under ``parent`` if given."""
    goal = StrategicGoal(
        municipality=municipality,
        name=name,
        level=level,
        kind=kind,
        parent=parent,
        description=description,
        position=position,
    )
    goal.full_clean()
    save_with_history(goal, actor=actor)
    return goal


@transaction.atomic
def goal_update(
    *,
    actor: User | None,
    goal: StrategicGoal,
    name: str,
    level: str,
    kind: str,
    parent: StrategicGoal | None,
    description: str = "",
    position: int = 0,
) -> StrategicGoal:
    """Change a goal; it cannot be placed under itself or a goal below it."""
    ancestor = parent
    while ancestor is not None:
        if ancestor.pk == goal.pk:
            raise ValidationError({"parent": _("A goal cannot be placed under itself.")})
        ancestor = ancestor.parent
    goal.name, goal.level, goal.kind, goal.parent = name, level, kind, parent
    goal.description, goal.position = description, position
    goal.full_clean()
    save_with_history(goal, actor=actor)
    return goal


@transaction.atomic
def goal_delete(*, actor: User | None, goal: StrategicGoal) -> None:
    """Delete a goal that has no goals below it."""
    if goal.children.exists():
        raise ValidationError(_("The goal has goals below it. Move or delete them first."))
    delete_with_history(goal, actor=actor)
