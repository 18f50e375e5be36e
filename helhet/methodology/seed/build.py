"""Building the shipped methods from their data: every table at once, in a few queries each, with
the history records a user's edits would have left."""

from __future__ import annotations

from typing import Any, TypeVar

from django.apps import apps
from django.db import models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from helhet.methodology.models import (
    ChecklistItem,
    Criterion,
    DecisionPoint,
    DocumentRequirement,
    Level,
    Method,
    MethodVersion,
    Phase,
)
from helhet.methodology.seed.specs import MethodSpec, PhaseSpec
from helhet.organization.models import Municipality

ModelT = TypeVar("ModelT", bound=models.Model)
# Each phase of each method: the version it belongs to, its position, and what it holds.
PlacedPhase = tuple[MethodVersion, int, PhaseSpec]
# The levels of every version, by the version's id and the level's code.
LevelsByCode = dict[tuple[int, str], Level]


def _bulk(model: type[ModelT], objects: list[ModelT]) -> list[ModelT]:
    """Insert the rows and their history records in a few queries: the demo is built for every
    test, so seeding must stay cheap."""
    return bulk_create_with_history(objects, model)


def _levels_with_history(
    model: type[ChecklistItem] | type[DocumentRequirement],
    owners: list[Any],
    levels: list[list[Level]],
) -> None:
    """Set each owner's levels, and record them in the owner's first history record as
    ``levels.set()`` would have."""
    through: Any = model.levels.through
    rows = through.objects.bulk_create(
        [
            through(**{f"{model._meta.model_name}_id": owner.pk, "level_id": level.pk})
            for owner, chosen in zip(owners, levels, strict=True)
            for level in chosen
        ]
    )
    owner_field = f"{model._meta.model_name}_id"
    history_ids = dict(
        model.history.filter(id__in=[owner.pk for owner in owners]).values_list("id", "history_id")
    )
    historical = apps.get_model("methodology", f"Historical{model.__name__}_levels")
    historical.objects.bulk_create(
        [
            historical(
                id=row.pk,
                **{owner_field: getattr(row, owner_field), "level_id": row.level_id},
                history_id=history_ids[getattr(row, owner_field)],
            )
            for row in rows
        ]
    )


def build_methods(municipality: Municipality, specs: list[MethodSpec]) -> list[Method]:
    """All the methods at once, table by table, each at version 1, current and published."""
    methods = _bulk(Method, [_method(municipality, spec) for spec in specs])
    versions = _bulk(MethodVersion, [_first_version(method) for method in methods])
    levels = _levels(municipality, specs, versions)
    _criteria(municipality, specs, versions)
    placed = [
        (version, position, phase)
        for spec, version in zip(specs, versions, strict=True)
        for position, phase in enumerate(spec.phases, start=1)
    ]
    phases = _bulk(Phase, [_phase(municipality, *place) for place in placed])
    points = _bulk(
        DecisionPoint,
        [_decision_point(phase, spec) for phase, (_, _, spec) in zip(phases, placed, strict=True)],
    )
    _checklists(municipality, points, placed, levels)
    _document_requirements(municipality, phases, placed, levels)
    return methods


def _method(municipality: Municipality, spec: MethodSpec) -> Method:
    return Method(
        municipality=municipality,
        name=spec.name,
        description=spec.description,
        is_linear=spec.is_linear,
        origin=spec.origin,
    )


def _first_version(method: Method) -> MethodVersion:
    return MethodVersion(
        municipality_id=method.municipality_id,
        method=method,
        number=1,
        is_current=True,
        published_at=timezone.now(),
    )


def _levels(
    municipality: Municipality, specs: list[MethodSpec], versions: list[MethodVersion]
) -> LevelsByCode:
    rows = _bulk(
        Level,
        [
            Level(
                municipality=municipality,
                version=version,
                position=position,
                code=level.code,
                name=level.name,
                description=level.description,
                max_cost=level.max_cost,
                max_duration_months=level.max_duration_months,
                max_risk=level.max_risk,
                allows_combined_roles=level.allows_combined_roles,
            )
            for spec, version in zip(specs, versions, strict=True)
            for position, level in enumerate(spec.levels, start=1)
        ],
    )
    return {(level.version_id, level.code): level for level in rows}


def _criteria(
    municipality: Municipality, specs: list[MethodSpec], versions: list[MethodVersion]
) -> None:
    _bulk(
        Criterion,
        [
            Criterion(
                municipality=municipality,
                version=version,
                position=position,
                name=name,
                description=description,
            )
            for spec, version in zip(specs, versions, strict=True)
            for position, (name, description) in enumerate(spec.criteria, start=1)
        ],
    )


def _phase(
    municipality: Municipality, version: MethodVersion, position: int, spec: PhaseSpec
) -> Phase:
    return Phase(
        municipality=municipality,
        version=version,
        position=position,
        name=spec.name,
        description=spec.description,
        is_operation_gate=spec.is_operation_gate,
    )


def _decision_point(phase: Phase, spec: PhaseSpec) -> DecisionPoint:
    return DecisionPoint(
        municipality_id=phase.municipality_id,
        phase=phase,
        code=spec.decision_code,
        name=spec.decision_name,
        decider=spec.decider,
        decider_title=spec.decider_title,
        description=spec.decision_description,
    )


def _checklists(
    municipality: Municipality,
    points: list[DecisionPoint],
    placed: list[PlacedPhase],
    levels: LevelsByCode,
) -> None:
    checks = [
        (point, position, check)
        for point, (_, _, phase) in zip(points, placed, strict=True)
        for position, check in enumerate(phase.checks, start=1)
    ]
    items = _bulk(
        ChecklistItem,
        [
            ChecklistItem(
                municipality=municipality,
                decision_point=point,
                position=position,
                text=check.text,
                source=check.source,
            )
            for point, position, check in checks
        ],
    )
    chosen = [
        [levels[(point.phase.version_id, code)] for code in check.levels]
        for point, _, check in checks
    ]
    _levels_with_history(ChecklistItem, items, chosen)


def _document_requirements(
    municipality: Municipality,
    phases: list[Phase],
    placed: list[PlacedPhase],
    levels: LevelsByCode,
) -> None:
    docs = [
        (phase, position, doc)
        for phase, (_, _, spec) in zip(phases, placed, strict=True)
        for position, doc in enumerate(spec.docs, start=1)
    ]
    requirements = _bulk(
        DocumentRequirement,
        [
            DocumentRequirement(
                municipality=municipality,
                phase=phase,
                position=position,
                document_type=doc.document_type,
                name=doc.name,
                may_be_not_relevant=doc.may_be_not_relevant,
            )
            for phase, position, doc in docs
        ],
    )
    chosen = [[levels[(phase.version_id, code)] for code in doc.levels] for phase, _, doc in docs]
    _levels_with_history(DocumentRequirement, requirements, chosen)
