"""Reads across the method models: the list of methods, one method version laid out phase by
phase, and the level a project's size suggests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import groupby
from statistics import median
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from helhet.accounts.models import Membership
from helhet.documents.models import DecisionDocument
from helhet.documents.selectors import RequiredDocument, documents_with_latest
from helhet.methodology.models import (
    APPROVING_OUTCOMES,
    DECIDER_ROLES,
    ChecklistItem,
    CriterionAnswer,
    Decider,
    Decision,
    DecisionOutcome,
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
from helhet.portfolio.models import Initiative, InitiativeStatus


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
    # The required documents with their states (latest version, not relevant, missing).
    document_states: list[RequiredDocument] = field(default_factory=list)
    # How the project meets its method's criteria (Smartby's three), said when it was classed.
    criteria: list[CriterionAnswer] = field(default_factory=list)

    @property
    def is_missing_documents(self) -> bool:
        return any(row.is_missing for row in self.document_states)

    @property
    def is_completed(self) -> bool:
        return self.run is not None and self.run.completed_at is not None


def _for_level(items: list[Any], level_id: int) -> list[Any]:
    return [item for item in items if any(level.pk == level_id for level in item.levels.all())]


def project_status(initiative: Initiative) -> ProjectStatus:
    """The project's phases with the current one marked, the decision point that ends the
    current phase with its checklist and the documents the phase requires at the project's level,
    the waiting request, and the decision log, newest first, each decision with the documents it
    was made on. A fixed number of queries."""
    run = (
        ProjectMethod.objects.select_related("version__method", "level", "current_phase")
        .filter(initiative=initiative)
        .first()
    )
    decisions = list(
        Decision.objects.filter(request__initiative=initiative)
        .select_related(
            "request__decision_point__decider_person",
            "decided_by",
            "from_phase",
            "to_phase",
            "operations_unit",
            "operations_person",
            "benefits_owner",
        )
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=DecisionDocument.objects.select_related("requirement", "version"),
            )
        )
    )
    pending = (
        DecisionRequest.objects.filter(initiative=initiative, status=DecisionRequestStatus.PENDING)
        .select_related("decision_point__decider_person", "requested_by")
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
        .select_related("decider_person")
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
    states = documents_with_latest(run.initiative_id, documents)
    criteria = list(run.criterion_answers.select_related("criterion"))
    return ProjectStatus(
        run, phases, point, checklist, documents, pending, decisions, states, criteria
    )


def decisions_waiting_for(membership: Membership) -> list[DecisionRequest]:
    """The requests waiting for a decision by the member: as the initiative's project owner, as
    the person a decision point names, or by the role it names; oldest first. One query."""
    user = membership.user
    mine = Q(decision_point__decider=Decider.PROJECT_OWNER, initiative__project_owner=user) | Q(
        decision_point__decider=Decider.PERSON, decision_point__decider_person=user
    )
    for decider, role in DECIDER_ROLES.items():
        if membership.role == role:
            mine |= Q(decision_point__decider=decider)
    return list(
        DecisionRequest.objects.filter(
            mine, municipality=membership.municipality, status=DecisionRequestStatus.PENDING
        )
        .select_related(
            "initiative",
            "decision_point__phase",
            "decision_point__decider_person",
            "requested_by",
        )
        .order_by("requested_at", "pk")
    )


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


@dataclass
class GateTime:
    """How long one decision point (a method's code and name, over all its versions) takes."""

    method_id: int
    method_name: str
    code: str
    name: str
    passed: int = 0
    median_days: float | None = None
    longest_days: float | None = None
    sent_back: int = 0
    waiting: int = 0
    longest_wait_days: float | None = None


def _days(duration: timedelta) -> float:
    return duration.total_seconds() / 86400


def gate_times(municipality: Municipality, *, now: datetime | None = None) -> list[GateTime]:
    """Per decision point, over all versions of its method: how many times it was passed
    (approved, with or without conditions), the median and longest days from the first request
    to the approving decision, how many times it sent a project back, and how many projects wait
    there now with the longest wait so far. A stretch at a gate starts with the first request
    since the project entered the phase, so a request sent back and asked again still counts
    from the first; a project waits while it has asked and not passed, unless it has completed
    its method or the initiative is stopped or completed (as the portfolio's "blocked at a gate"
    filter counts). Points no project has asked for are left out. Sorted by median, longest
    first; those never passed last. One query."""
    now = now or timezone.now()
    requests = (
        DecisionRequest.objects.filter(municipality=municipality)
        .order_by("initiative_id", "requested_at", "pk")
        .values(
            "initiative_id",
            "requested_at",
            "decision_point__code",
            "decision_point__name",
            "decision_point__phase__version__method_id",
            "decision_point__phase__version__method__name",
            "decision__outcome",
            "decision__decided_at",
            "initiative__status",
            "initiative__method_run__completed_at",
        )
    )
    points: dict[tuple[int, str, str], GateTime] = {}
    passages: dict[tuple[int, str, str], list[float]] = {}
    waits: dict[tuple[int, str, str], list[float]] = {}
    for _initiative, stretch in groupby(requests, key=lambda row: row["initiative_id"]):
        rows = list(stretch)
        first_ask: datetime | None = None
        for row in rows:
            key = (
                row["decision_point__phase__version__method_id"],
                row["decision_point__code"],
                row["decision_point__name"],
            )
            point = points.setdefault(
                key,
                GateTime(key[0], row["decision_point__phase__version__method__name"], *key[1:]),
            )
            if first_ask is None:
                first_ask = row["requested_at"]
            outcome = row["decision__outcome"]
            if outcome in APPROVING_OUTCOMES:
                passages.setdefault(key, []).append(_days(row["decision__decided_at"] - first_ask))
                first_ask = None
            elif outcome == DecisionOutcome.SENT_BACK:
                point.sent_back += 1
            elif outcome == DecisionOutcome.STOPPED:
                first_ask = None
        last = rows[-1]
        still_there = last["initiative__method_run__completed_at"] is None and last[
            "initiative__status"
        ] not in (InitiativeStatus.STOPPED, InitiativeStatus.COMPLETED)
        if first_ask is not None and still_there:
            waits.setdefault(key, []).append(_days(now - first_ask))
    for key, point in points.items():
        times, waiting = passages.get(key, []), waits.get(key, [])
        point.passed = len(times)
        point.median_days = median(times) if times else None
        point.longest_days = max(times) if times else None
        point.waiting = len(waiting)
        point.longest_wait_days = max(waiting) if waiting else None
    return sorted(
        points.values(),
        key=lambda point: (
            point.median_days is None,
            -(point.median_days or 0),
            point.method_name,
            point.code,
            point.name,
        ),
    )
