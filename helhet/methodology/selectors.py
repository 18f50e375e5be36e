"""Reads across the method models: the list of methods, one method version laid out phase by
phase, and the level a project's size suggests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch

from helhet.accounts.models import User
from helhet.methodology.models import (
    ChecklistItem,
    Decision,
    DecisionPoint,
    DecisionRequest,
    DecisionRequestStatus,
    DocumentRequirement,
    Level,
    Method,
    MethodVersion,
    Phase,
    ProjectMethod,
)
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative


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


@dataclass(frozen=True)
class PhaseStep:
    phase: Phase
    is_current: bool
    is_done: bool


@dataclass(frozen=True)
class ProjectStatus:
    """Where a project stands in its method: None fields when it has no method yet."""

    run: ProjectMethod | None
    phases: list[PhaseStep]
    decision_point: DecisionPoint | None
    checklist: list[ChecklistItem]
    documents: list[DocumentRequirement]
    pending: DecisionRequest | None
    decisions: list[Decision]

    @property
    def is_completed(self) -> bool:
        return self.run is not None and self.run.completed_at is not None


def _for_level(items: list[Any], level_id: int) -> list[Any]:
    return [item for item in items if any(level.pk == level_id for level in item.levels.all())]


def project_status(initiative: Initiative) -> ProjectStatus:
    """The project's phases with the current one marked, the decision point that ends the
    current phase with its checklist and the documents the phase requires at the project's level,
    the waiting request, and the decision log, newest first. A fixed number of queries."""
    run = (
        ProjectMethod.objects.select_related("version__method", "level", "current_phase")
        .filter(initiative=initiative)
        .first()
    )
    decisions = list(
        Decision.objects.filter(request__initiative=initiative).select_related(
            "request__decision_point",
            "decided_by",
            "from_phase",
            "to_phase",
            "operations_unit",
            "operations_person",
            "benefits_owner",
        )
    )
    pending = (
        DecisionRequest.objects.filter(initiative=initiative, status=DecisionRequestStatus.PENDING)
        .select_related("decision_point", "requested_by")
        .first()
    )
    if run is None:
        return ProjectStatus(None, [], None, [], [], pending, decisions)
    current = run.current_phase
    phases = [
        PhaseStep(phase, phase.pk == current.pk, phase.position < current.position)
        for phase in run.version.phases.order_by("position")
    ]
    point = (
        DecisionPoint.objects.filter(phase=current)
        .prefetch_related(
            Prefetch("checklist", queryset=ChecklistItem.objects.prefetch_related("levels"))
        )
        .first()
    )
    checklist = _for_level(list(point.checklist.all()), run.level_id) if point else []
    documents = _for_level(
        list(DocumentRequirement.objects.filter(phase=current).prefetch_related("levels")),
        run.level_id,
    )
    return ProjectStatus(run, phases, point, checklist, documents, pending, decisions)


def decisions_waiting_for(user: User, municipality: Municipality) -> list[DecisionRequest]:
    """The requests waiting for a decision by ``user`` as the initiative's project owner, oldest
    first. One query."""
    return list(
        DecisionRequest.objects.filter(
            municipality=municipality,
            status=DecisionRequestStatus.PENDING,
            initiative__project_owner=user,
        )
        .select_related("initiative", "decision_point__phase", "requested_by")
        .order_by("requested_at", "pk")
    )


def duration_months(start: date | None, end: date | None) -> int | None:
    """Whole months from ``start`` to ``end``, a month begun counting as one; None unless both
    are known."""
    if start is None or end is None:
        return None
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day > start.day:
        months += 1
    return max(months, 0)


def current_versions(municipality: Municipality) -> list[MethodVersion]:
    """The current version of each of the municipality's methods, by method name, with their
    levels."""
    return list(
        MethodVersion.objects.filter(municipality=municipality, is_current=True)
        .select_related("method")
        .prefetch_related(Prefetch("levels", queryset=Level.objects.order_by("position")))
        .order_by("method__name")
    )
