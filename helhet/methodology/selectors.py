"""Reads across the method models: the list of methods, one method version laid out phase by
phase, the current versions a project may start on, and the level a project's size suggests."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch

from helhet.methodology.models import (
    ChecklistItem,
    DecisionPoint,
    DocumentRequirement,
    Level,
    Method,
    MethodVersion,
    Phase,
)
from helhet.organization.models import Municipality


@dataclass(frozen=True)
class MethodRow:
    method: Method
    version: MethodVersion | None
    phase_count: int


def methods_overview(municipality: Municipality) -> list[MethodRow]:
    """The municipality's methods by name, each with its current version (None if it has none)
    and that version's number of phases. A fixed number of queries, however many methods."""
    current = MethodVersion.objects.filter(is_current=True).annotate(phase_count=Count("phases"))
    methods = Method.objects.filter(municipality=municipality).prefetch_related(
        Prefetch("versions", queryset=current, to_attr="current_versions")
    )
    rows = []
    for method in methods:
        current_versions: list[Any] = getattr(method, "current_versions", [])
        version = current_versions[0] if current_versions else None
        rows.append(MethodRow(method, version, version.phase_count if version else 0))
    return rows


def current_version(method: Method) -> MethodVersion | None:
    """The version new projects start on."""
    return method.versions.filter(is_current=True).first()


@dataclass(frozen=True)
class ChecklistRow:
    item: ChecklistItem
    required: list[bool]  # one per level, in the levels' order


@dataclass(frozen=True)
class DecisionPointView:
    decision_point: DecisionPoint
    checklist: list[ChecklistRow]


@dataclass(frozen=True)
class DocumentRow:
    requirement: DocumentRequirement
    required: list[bool]


@dataclass(frozen=True)
class PhaseView:
    phase: Phase
    decision_points: list[DecisionPointView]
    documents: list[DocumentRow]


@dataclass(frozen=True)
class VersionLayout:
    version: MethodVersion
    levels: list[Level]
    phases: list[PhaseView]


def version_layout(version: MethodVersion) -> VersionLayout:
    """The version's levels, and per phase its decision points with their checklists and the
    documents it requires, each marked per level. A fixed number of queries."""
    levels = list(version.levels.order_by("position"))
    phases = version.phases.order_by("position").prefetch_related(
        Prefetch(
            "decision_points",
            queryset=DecisionPoint.objects.prefetch_related(
                Prefetch(
                    "checklist",
                    queryset=ChecklistItem.objects.prefetch_related("levels"),
                )
            ),
        ),
        Prefetch(
            "document_requirements",
            queryset=DocumentRequirement.objects.prefetch_related("levels"),
        ),
    )

    def marks(chosen: list[Level]) -> list[bool]:
        ids = {level.pk for level in chosen}
        return [level.pk in ids for level in levels]

    return VersionLayout(
        version=version,
        levels=levels,
        phases=[
            PhaseView(
                phase=phase,
                decision_points=[
                    DecisionPointView(
                        point,
                        [
                            ChecklistRow(item, marks(list(item.levels.all())))
                            for item in point.checklist.all()
                        ],
                    )
                    for point in phase.decision_points.all()
                ],
                documents=[
                    DocumentRow(requirement, marks(list(requirement.levels.all())))
                    for requirement in phase.document_requirements.all()
                ],
            )
            for phase in phases
        ],
    )


def suggest_level(
    version: MethodVersion,
    estimated_cost: Decimal | None,
    duration_months: int | None,
    risk: int | None,
) -> Level | None:
    """The smallest level (lowest position) of the version whose thresholds all hold for the
    project: cost, duration and risk each at most the level's limit. A value not given, or a
    limit not set, does not count against a level. None if no level fits."""
    for level in version.levels.order_by("position"):
        checks = (
            (estimated_cost, level.max_cost),
            (duration_months, level.max_duration_months),
            (risk, level.max_risk),
        )
        if all(value is None or limit is None or value <= limit for value, limit in checks):
            return level
    return None


def current_versions(municipality: Municipality) -> list[MethodVersion]:
    """The current version of each of the municipality's methods, by method name, with their
    levels."""
    return list(
        MethodVersion.objects.filter(municipality=municipality, is_current=True)
        .select_related("method")
        .prefetch_related(
            Prefetch("levels", queryset=Level.objects.order_by("position")), "criteria"
        )
        .order_by("method__name")
    )
