"""A full, independent copy of a method version into a new draft: new rows throughout, so
changing the copy leaves the source as it was. The rows copied were checked when they were
made, so they are saved as they are."""

from __future__ import annotations

from typing import TypeVar

from django.db import models

from helhet.accounts.models import User
from helhet.core.history import save_with_history
from helhet.core.models import MunicipalityOwned
from helhet.methodology.editing.common import levels_set
from helhet.methodology.models import (
    ChecklistItem,
    DecisionPoint,
    DocumentRequirement,
    Level,
    MethodVersion,
    Phase,
)

Row = TypeVar("Row", bound=MunicipalityOwned)
# The copy of each level of the source, by the source level's id.
LevelCopies = dict[int, Level]


def version_copy(source: MethodVersion, target: MethodVersion, actor: User | None) -> None:
    """Copy every part of ``source`` into ``target``: its levels, criteria and phases, each
    phase with its decision points, their checklists and its required documents."""
    levels = _levels_copy(source, target, actor)
    _criteria_copy(source, target, actor)
    for phase in _phases_with_parts(source):
        new_phase = _copy(
            phase,
            actor,
            version=target,
            fields=("position", "name", "description", "is_operation_gate"),
        )
        for point in phase.decision_points.all():
            _decision_point_copy(point, new_phase, levels, actor)
        for requirement in phase.document_requirements.all():
            new_requirement = _copy(
                requirement,
                actor,
                phase=new_phase,
                fields=("position", "document_type", "name", "may_be_not_relevant"),
            )
            _levels_of_copy(requirement, new_requirement, levels, actor)


def _copy(original: Row, actor: User | None, *, fields: tuple[str, ...], **parent: object) -> Row:
    """A new row of ``original``'s model in the same municipality, with ``fields`` copied and
    ``parent`` set, saved."""
    copy = type(original)(
        municipality_id=original.municipality_id,
        **parent,
        **{name: getattr(original, name) for name in fields},
    )
    save_with_history(copy, actor=actor)
    return copy


def _levels_copy(source: MethodVersion, target: MethodVersion, actor: User | None) -> LevelCopies:
    fields = (
        "position",
        "code",
        "name",
        "description",
        "max_cost",
        "max_duration_months",
        "max_risk",
        "allows_combined_roles",
    )
    return {
        level.pk: _copy(level, actor, version=target, fields=fields)
        for level in source.levels.order_by("position")
    }


def _criteria_copy(source: MethodVersion, target: MethodVersion, actor: User | None) -> None:
    for criterion in source.criteria.order_by("position", "pk"):
        _copy(criterion, actor, version=target, fields=("position", "name", "description"))


def _phases_with_parts(source: MethodVersion) -> models.QuerySet[Phase]:
    return source.phases.order_by("position").prefetch_related(
        models.Prefetch(
            "decision_points",
            queryset=DecisionPoint.objects.prefetch_related(
                models.Prefetch(
                    "checklist", queryset=ChecklistItem.objects.prefetch_related("levels")
                )
            ),
        ),
        models.Prefetch(
            "document_requirements",
            queryset=DocumentRequirement.objects.prefetch_related("levels"),
        ),
    )


def _decision_point_copy(
    point: DecisionPoint, phase: Phase, levels: LevelCopies, actor: User | None
) -> None:
    fields = ("code", "name", "decider", "decider_person_id", "decider_title", "description")
    new_point = _copy(point, actor, phase=phase, fields=fields)
    for item in point.checklist.all():
        new_item = _copy(
            item, actor, decision_point=new_point, fields=("position", "text", "source")
        )
        _levels_of_copy(item, new_item, levels, actor)


def _levels_of_copy(
    original: ChecklistItem | DocumentRequirement,
    copy: ChecklistItem | DocumentRequirement,
    levels: LevelCopies,
    actor: User | None,
) -> None:
    levels_set(copy, [levels[level.pk] for level in original.levels.all()], actor)
