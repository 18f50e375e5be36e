"""The phases of a draft, each with the decision point that ends it."""

from __future__ import annotations

from django.db import transaction

from helhet.accounts.models import User
from helhet.core.history import delete_with_history
from helhet.methodology.editing.common import (
    Direction,
    check_decider,
    close_gap,
    move,
    next_position,
    require_draft,
    save_checked,
)
from helhet.methodology.models import Decider, DecisionPoint, MethodVersion, Phase


def _decision_point_fill(
    point: DecisionPoint,
    *,
    decision_code: str,
    decision_name: str,
    decider: str,
    decider_person: User | None,
    decider_title: str,
    decision_description: str,
) -> None:
    point.code = decision_code
    point.name = decision_name
    point.decider = decider
    # Only a named person's decision point names a person.
    point.decider_person = decider_person if decider == Decider.PERSON else None
    point.decider_title = decider_title
    point.description = decision_description


@transaction.atomic
def phase_create(
    *,
    actor: User | None,
    version: MethodVersion,
    name: str,
    description: str = "",
    is_operation_gate: bool = False,
    decision_code: str,
    decision_name: str,
    decider: str = Decider.PROJECT_OWNER,
    decider_person: User | None = None,
    decider_title: str = "",
    decision_description: str = "",
) -> Phase:
    """Add a phase, last, with the decision point that ends it."""
    require_draft(version)
    check_decider(version.municipality, decider, decider_person)
    phase = Phase(
        municipality_id=version.municipality_id,
        version=version,
        position=next_position(version.phases.all()),
        name=name,
        description=description,
        is_operation_gate=is_operation_gate,
    )
    save_checked(phase, actor)
    point = DecisionPoint(municipality_id=version.municipality_id, phase=phase)
    _decision_point_fill(
        point,
        decision_code=decision_code,
        decision_name=decision_name,
        decider=decider,
        decider_person=decider_person,
        decider_title=decider_title,
        decision_description=decision_description,
    )
    save_checked(point, actor)
    return phase


@transaction.atomic
def phase_update(
    *,
    actor: User | None,
    phase: Phase,
    name: str,
    description: str = "",
    is_operation_gate: bool = False,
    decision_code: str,
    decision_name: str,
    decider: str = Decider.PROJECT_OWNER,
    decider_person: User | None = None,
    decider_title: str = "",
    decision_description: str = "",
) -> Phase:
    """Change a phase of the draft and its decision point (made if the phase has none)."""
    require_draft(phase.version)
    check_decider(phase.municipality, decider, decider_person)
    phase.name = name
    phase.description = description
    phase.is_operation_gate = is_operation_gate
    save_checked(phase, actor)
    point = phase.decision_points.order_by("pk").first() or DecisionPoint(
        municipality_id=phase.municipality_id, phase=phase
    )
    _decision_point_fill(
        point,
        decision_code=decision_code,
        decision_name=decision_name,
        decider=decider,
        decider_person=decider_person,
        decider_title=decider_title,
        decision_description=decision_description,
    )
    save_checked(point, actor)
    return phase


@transaction.atomic
def phase_move(*, actor: User | None, phase: Phase, direction: Direction) -> Phase:
    """Move the phase one place earlier or later in the draft."""
    require_draft(phase.version)
    move(phase, Phase.objects.filter(version_id=phase.version_id), direction, actor)
    return phase


def phase_rows_delete(phase: Phase, actor: User | None) -> None:
    """Delete the phase with its decision points, their checklists and its required documents,
    each row with its own history record naming who removed it."""
    for point in phase.decision_points.all():
        for item in point.checklist.all():
            delete_with_history(item, actor=actor)
        delete_with_history(point, actor=actor)
    for requirement in phase.document_requirements.all():
        delete_with_history(requirement, actor=actor)
    delete_with_history(phase, actor=actor)


@transaction.atomic
def phase_delete(*, actor: User | None, phase: Phase) -> None:
    """Take the phase out of the draft, with its decision point, checklist and documents; the
    phases after it move up."""
    version = phase.version
    require_draft(version)
    phase_rows_delete(phase, actor)
    close_gap(version.phases.all(), actor)
