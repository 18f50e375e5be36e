"""What a draft asks of projects at each phase: the checkpoints of the decision point that ends
it, and the documents it requires, each at the levels given."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.history import delete_with_history
from helhet.methodology.editing.common import (
    check_levels,
    levels_set,
    next_position,
    require_draft,
    save_checked,
)
from helhet.methodology.models import (
    ChecklistItem,
    DecisionPoint,
    DocumentRequirement,
    Level,
    Phase,
)


def _decision_point(phase: Phase) -> DecisionPoint:
    point = phase.decision_points.order_by("pk").first()
    if point is None:
        raise ValidationError(_("Give the phase its decision point first."))
    return point


@transaction.atomic
def checklist_item_create(
    *,
    actor: User | None,
    phase: Phase,
    text: str,
    source: str,
    levels: list[Level],
) -> ChecklistItem:
    """Add a checkpoint, last, to the checklist of the decision point that ends the phase; the
    levels say which projects it applies to."""
    require_draft(phase.version)
    check_levels(phase.version, levels)
    point = _decision_point(phase)
    item = ChecklistItem(
        municipality_id=phase.municipality_id,
        decision_point=point,
        position=next_position(point.checklist.all()),
        text=text,
        source=source,
    )
    save_checked(item, actor)
    levels_set(item, levels, actor)
    return item


@transaction.atomic
def checklist_item_update(
    *,
    actor: User | None,
    item: ChecklistItem,
    text: str,
    source: str,
    levels: list[Level],
) -> ChecklistItem:
    """Change a checkpoint of the draft: its text, source and levels."""
    version = item.decision_point.phase.version
    require_draft(version)
    check_levels(version, levels)
    item.text = text
    item.source = source
    save_checked(item, actor)
    levels_set(item, levels, actor)
    return item


@transaction.atomic
def checklist_item_delete(*, actor: User | None, item: ChecklistItem) -> None:
    """Take the checkpoint out of the draft."""
    require_draft(item.decision_point.phase.version)
    delete_with_history(item, actor=actor)


@transaction.atomic
def document_requirement_create(
    *,
    actor: User | None,
    phase: Phase,
    document_type: str,
    name: str,
    levels: list[Level],
    may_be_not_relevant: bool = True,
) -> DocumentRequirement:
    """Add a document the phase requires, last, at the levels given."""
    require_draft(phase.version)
    check_levels(phase.version, levels)
    requirement = DocumentRequirement(
        municipality_id=phase.municipality_id,
        phase=phase,
        position=next_position(phase.document_requirements.all()),
        document_type=document_type,
        name=name,
        may_be_not_relevant=may_be_not_relevant,
    )
    save_checked(requirement, actor)
    levels_set(requirement, levels, actor)
    return requirement


@transaction.atomic
def document_requirement_update(
    *,
    actor: User | None,
    requirement: DocumentRequirement,
    document_type: str,
    name: str,
    levels: list[Level],
    may_be_not_relevant: bool = True,
) -> DocumentRequirement:
    """Change a document requirement of the draft."""
    version = requirement.phase.version
    require_draft(version)
    check_levels(version, levels)
    requirement.document_type = document_type
    requirement.name = name
    requirement.may_be_not_relevant = may_be_not_relevant
    save_checked(requirement, actor)
    levels_set(requirement, levels, actor)
    return requirement


@transaction.atomic
def document_requirement_delete(*, actor: User | None, requirement: DocumentRequirement) -> None:
    """Take the document requirement out of the draft."""
    require_draft(requirement.phase.version)
    delete_with_history(requirement, actor=actor)
