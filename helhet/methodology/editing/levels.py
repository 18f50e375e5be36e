"""The levels of a draft (which projects a checkpoint or document applies to, the smallest first)
and the criteria projects on the method must say how they meet."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.history import attribute_changes, delete_with_history
from helhet.methodology.editing.common import (
    Direction,
    close_gap,
    move,
    next_position,
    require_draft,
    save_checked,
)
from helhet.methodology.models import (
    ChecklistItem,
    Criterion,
    DocumentRequirement,
    Level,
    MethodVersion,
)


def _check_level_code(version: MethodVersion, code: str, level: Level | None) -> None:
    taken = version.levels.filter(code=code)
    if level is not None:
        taken = taken.exclude(pk=level.pk)
    if taken.exists():
        raise ValidationError({"code": _("Another level of this version has that code.")})


@transaction.atomic
def level_create(
    *,
    actor: User | None,
    version: MethodVersion,
    code: str,
    name: str,
    description: str = "",
    max_cost: Decimal | None = None,
    max_duration_months: int | None = None,
    max_risk: int | None = None,
    allows_combined_roles: bool = False,
) -> Level:
    """Add a level to the draft, after its other levels (the largest last)."""
    require_draft(version)
    _check_level_code(version, code, None)
    level = Level(
        municipality_id=version.municipality_id,
        version=version,
        position=next_position(version.levels.all()),
        code=code,
        name=name,
        description=description,
        max_cost=max_cost,
        max_duration_months=max_duration_months,
        max_risk=max_risk,
        allows_combined_roles=allows_combined_roles,
    )
    save_checked(level, actor)
    return level


@transaction.atomic
def level_update(
    *,
    actor: User | None,
    level: Level,
    code: str,
    name: str,
    description: str = "",
    max_cost: Decimal | None = None,
    max_duration_months: int | None = None,
    max_risk: int | None = None,
    allows_combined_roles: bool = False,
) -> Level:
    """Change a level of the draft: its code, name, description, thresholds, and whether one
    person may lead a project and decide its gates."""
    require_draft(level.version)
    _check_level_code(level.version, code, level)
    level.code = code
    level.name = name
    level.description = description
    level.max_cost = max_cost
    level.max_duration_months = max_duration_months
    level.max_risk = max_risk
    level.allows_combined_roles = allows_combined_roles
    save_checked(level, actor)
    return level


@transaction.atomic
def level_move(*, actor: User | None, level: Level, direction: Direction) -> Level:
    """Move the level one place up (smaller) or down (larger): a project is suggested the first
    level it fits."""
    require_draft(level.version)
    move(level, Level.objects.filter(version_id=level.version_id), direction, actor)
    return level


@transaction.atomic
def level_delete(*, actor: User | None, level: Level) -> None:
    """Take the level out of the draft; checklist items and documents no longer name it."""
    version = level.version
    require_draft(version)
    owners: list[ChecklistItem | DocumentRequirement] = [
        *level.checklist_items.all(),
        *level.document_requirements.all(),
    ]
    for owner in owners:
        attribute_changes(owner, actor=actor)
        owner.levels.remove(level)
    delete_with_history(level, actor=actor)
    close_gap(version.levels.all(), actor)


@transaction.atomic
def criterion_create(
    *, actor: User | None, version: MethodVersion, name: str, description: str = ""
) -> Criterion:
    """Add a criterion projects on the method must say how they meet."""
    require_draft(version)
    criterion = Criterion(
        municipality_id=version.municipality_id,
        version=version,
        position=next_position(version.criteria.all()),
        name=name,
        description=description,
    )
    save_checked(criterion, actor)
    return criterion


@transaction.atomic
def criterion_update(
    *, actor: User | None, criterion: Criterion, name: str, description: str = ""
) -> Criterion:
    """Change a criterion of the draft."""
    require_draft(criterion.version)
    criterion.name = name
    criterion.description = description
    save_checked(criterion, actor)
    return criterion


@transaction.atomic
def criterion_delete(*, actor: User | None, criterion: Criterion) -> None:
    """Take the criterion out of the draft."""
    version = criterion.version
    require_draft(version)
    delete_with_history(criterion, actor=actor)
    close_gap(version.criteria.all(), actor)
