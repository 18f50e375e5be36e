"""Where a project stands in its method, and the decisions waiting for a person."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.documents.models import DecisionDocument
from helhet.documents.selectors import RequiredDocument, documents_with_latest
from helhet.methodology.models import (
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
    Phase,
    ProjectMethod,
)
from helhet.portfolio.models import Initiative


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
    def missing_documents(self) -> list[DocumentRequirement]:
        """The required documents with neither a version nor the mark "not relevant": while
        there are any, the decision cannot be asked for."""
        return [row.requirement for row in self.document_states if row.is_missing]

    @property
    def is_missing_documents(self) -> bool:
        return bool(self.missing_documents)

    @property
    def is_completed(self) -> bool:
        return self.run is not None and self.run.completed_at is not None


def _for_level(items: list[Any], level_id: int) -> list[Any]:
    return [item for item in items if any(level.pk == level_id for level in item.levels.all())]


def decisions_with_details() -> QuerySet[Decision]:
    """Decisions with everything the decision log shows (the decision point and its decider, who
    decided, the phases, the operation gate's people, the documents decided on), in a fixed number
    of queries for any number of decisions."""
    return Decision.objects.select_related(
        "request__decision_point__decider_person",
        "decided_by",
        "from_phase",
        "to_phase",
        "operations_unit",
        "operations_person",
        "benefits_owner",
    ).prefetch_related(
        Prefetch(
            "documents", queryset=DecisionDocument.objects.select_related("requirement", "version")
        )
    )


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
    decisions = list(decisions_with_details().filter(request__initiative=initiative))
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
    the person a decision point names, or by the role it names; oldest first. Not those the
    member may not decide by segregation of duties: none for a role that decides nothing at
    gates, and, unless the level allows it, not those they asked for or whose project they lead
    (see ``helhet.accounts.duties.refusal_to_decide``). One query."""
    user = membership.user
    if not membership.can(Capability.DECIDE_GATES):
        return []
    combined = Q(initiative__method_run__level__allows_combined_roles=True)
    own = Q(requested_by=user) | Q(initiative__project_leader=user)
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
        .exclude(own & ~combined)
        .select_related(
            "initiative",
            "decision_point__phase",
            "decision_point__decider_person",
            "requested_by",
        )
        .order_by("requested_at", "pk")
    )


def decisions_sent_back_to(membership: Membership) -> list[Decision]:
    """The decisions that sent a project the member leads back, with their reason, while the
    project has not asked again since; newest first. One query."""
    asked_again = DecisionRequest.objects.filter(
        initiative=OuterRef("request__initiative"), requested_at__gt=OuterRef("decided_at")
    )
    return list(
        Decision.objects.filter(
            municipality=membership.municipality,
            outcome=DecisionOutcome.SENT_BACK,
            request__initiative__project_leader=membership.user,
        )
        .exclude(Exists(asked_again))
        .select_related("request__initiative", "request__decision_point", "decided_by")
        .order_by("-decided_at", "-pk")
    )
